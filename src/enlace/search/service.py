"""``search(view, query, ...)``: ranked hits, a total and facets, all within the reader's scope.

The scope is :meth:`View.resolved_rule` (the access rule, evaluated for this one
search), applied inside every SQL query this module runs (hits, counts, facets, alias
look-ups, names and texts for titles and snippets), so nothing outside it is ever read.
Those queries are built once per shape and bind the request's values by name
(:mod:`enlace.search.statements`).
An entity merged with others (:meth:`View.clusters`) is one hit, under its merged id,
with the visible names of all its members. :class:`Searcher` also runs unscoped, which
only tests and the benchmark do, to compare against.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from sqlalchemy import Connection, Select, distinct, func, select, union_all

from enlace.model.entity import Entity
from enlace.model.statement import Statement
from enlace.search.aliases import expand, gazetteer_lookup, key
from enlace.search.base import SearchBackend
from enlace.search.matches import Matcher, ReaderScope
from enlace.search.model import FACETS, Filters, Hit, Page, Results
from enlace.search.postgres import PostgresSearch
from enlace.search.query import Node, Phrase, Term, parse, words
from enlace.search.snippet import Highlighter
from enlace.search.sqlite import SQLiteSearch
from enlace.search.statements import STATEMENTS
from enlace.search.tables import NAME_PROPS, search_name
from enlace.store.access import ResolvedRule, one_of
from enlace.store.store import Store
from enlace.store.tables import document, document_text, statement
from enlace.store.view import STATEMENT_COLUMNS, View

MAX_ALIAS_ENTITIES = 20


def backend_for(store: Store) -> SearchBackend:
    """The full-text dialect of ``store``'s database."""
    return SQLiteSearch() if store.backend == "sqlite" else PostgresSearch()


def search(view: View, query: str, filters: Filters | None = None, facets: bool = False,
           page: Page | None = None, aliases: bool = True, fuzzy: bool = False) -> Results:
    """Search what ``view``'s person may see; the read is reported to the audit log.

    ``aliases`` widens known names to their other names; ``fuzzy`` (PostgreSQL) also
    finds entity names that look like the query's words (trigram similarity)."""
    searcher = Searcher(view.store, view.resolved_rule, view.clusters())
    with view.store.engine.connect() as conn:
        results = searcher.run(query, filters or Filters(), facets, page or Page(), aliases,
                               fuzzy, conn)
        entity_ids = [h.id for h in results.hits if h.kind == "entity"]
        document_ids = {d for h in results.hits for d in h.document_ids}
        view.observe("search", entity_ids, document_ids, via=conn, query=query,
                     total=results.total)
    return results


#: The documents a search may read: a query of their ids, or how to resolve the rule into
#: lists on the search's connection when it starts (None: everything, for tests and
#: benchmarks only).
Scope = Select[tuple[str]] | Callable[[Connection], ResolvedRule] | None


class Searcher:
    """One store, one scope and the merges the reader may see (member id -> merged id)."""

    def __init__(self, store: Store, scope: Scope,
                 clusters: Mapping[str, str] | None = None):
        self.store = store
        self._resolve = scope if callable(scope) else None
        self.backend = backend_for(store)
        self.scope = ReaderScope(documents=None if callable(scope) else scope,
                                 fence=self.backend.fence_subqueries)
        self.clusters = {m: c for m, c in (clusters or {}).items() if m != c}
        self._values: dict[str, Any] = {}  # this run's values for every statement

    def _members(self, entity_ids: Sequence[str]) -> list[str]:
        """``entity_ids`` and every member of the merged entities among them."""
        wanted = {self.clusters.get(e, e) for e in entity_ids}
        return sorted(wanted | {m for m, c in self.clusters.items() if c in wanted})

    def run(self, query: str, filters: Filters, facets: bool, page: Page,
            aliases: bool = True, fuzzy: bool = False,
            connection: Connection | None = None) -> Results:
        """The search, on ``connection`` if given (else on one of its own)."""
        with self._connected(connection) as conn:
            matcher, tree = self._begin(conn, query, filters, aliases, fuzzy)
            rows, total = self._page(conn, matcher, page)
            counts = self._facets(conn, matcher) if facets else None
            hits = self._hits(conn, rows, Highlighter.of(tree))
        return Results(hits, total, counts)

    def ranked(self, query: str, filters: Filters, page: Page,
               aliases: bool = True) -> tuple[list[tuple[str, str, float]], int]:
        """The page's (kind, id, score) and the total, without titles, snippets or
        facets: what :meth:`run` ranks and counts, which the benchmark holds against the
        engine's own query."""
        with self._connected(None) as conn:
            matcher, _ = self._begin(conn, query, filters, aliases, False)
            rows, total = self._page(conn, matcher, page)
        return [(r.kind, r.key, float(r.score)) for r in rows], total

    def _one_of(self, column: Any, name: str) -> Any:
        return one_of(column, name, self.backend.name == "postgresql")

    def _connected(self, connection: Connection | None) -> AbstractContextManager[Connection]:
        return nullcontext(connection) if connection is not None else self.store.engine.connect()

    def _begin(self, conn: Connection, query: str, filters: Filters, aliases: bool,
               fuzzy: bool) -> tuple[Matcher, Node]:
        """Resolve the rule on ``conn``, bind this run's values and widen the query by
        aliases: the matcher, and the query tree that snippets mark."""
        tree = parse(query)
        similar = " ".join(sorted(Highlighter.of(tree).words)) if fuzzy else None
        clusters = json.dumps(self.clusters, sort_keys=True) if self.clusters else None
        self.backend.prepare(conn)
        self._values = {"clusters": clusters, "fuzzy_name": similar}
        if self._resolve is not None:  # each run resolves the rule again
            rule = self._resolve(conn)
            self.scope = ReaderScope(rule, fence=self.backend.fence_subqueries)
            self._values |= rule.parameters()
        if aliases:
            tree = expand(tree, [gazetteer_lookup,
                                 lambda tokens: self._entity_aliases(conn, tokens)])
        matcher = Matcher(self.backend, self.backend.compile(tree), filters, self.scope,
                          self._level(filters.label), similar, clusters)
        self._values |= self._queries(matcher.compiled)
        return matcher, tree

    # -- statements, kept per shape (see enlace.search.statements) ----------------------

    def _shape(self) -> tuple[Any, ...] | None:
        """What this search's statements depend on besides the values they bind by name,
        or None if they can only serve this request."""
        if self.scope.rule is not None:
            rule = self.scope.rule.shape
            return None if rule is None else (self.backend.name, rule, bool(self.clusters))
        if self.scope.everything:
            return (self.backend.name, "everything", bool(self.clusters))
        return None

    def _statement(self, kind: str, build: Callable[[], Any], *key: Any) -> Any:
        """The ``kind`` statement of this search's shape (and ``key``), built if new."""
        shape = self._shape()
        return STATEMENTS.get(None if shape is None else (*shape, kind, *key), build)

    @staticmethod
    def _queries(compiled: str) -> dict[str, str]:
        """A compiled query, under the names documents and names bind it."""
        return {"document_query": compiled, "name_query": compiled}

    def _page(self, conn: Any, matcher: Matcher, page: Page) -> tuple[list[Any], int]:
        """The page, and the total, in one pass over the hits (so the access rule runs
        once per hit): the best ``offset + limit`` documents and entities (by their
        best name), each row carrying how many hits of its kind there are."""
        end = page.offset + page.limit
        if not (matcher.wants_documents or matcher.wants_entities):
            return [], 0
        statement = self._statement("page", lambda: self._page_statement(matcher, end),
                                    *matcher.shape, end)
        rows = list(conn.execute(statement, self._values))
        total = sum({row.kind: int(row.n) for row in rows}.values())
        rows.sort(key=lambda r: (-float(r.score), r.kind, r.key))
        return rows[page.offset:end], total

    @staticmethod
    def _page_statement(matcher: Matcher, end: int) -> Any:
        parts: list[Select[Any]] = []
        if matcher.wants_documents:
            docs = matcher.hits("document", ranked=True)
            parts.append(select(select(docs.c.kind, docs.c.key, docs.c.score,
                                       func.count().over().label("n"))
                                .where(docs.c.key.is_not(None))
                                .order_by(docs.c.score.desc(), docs.c.key).limit(end)
                                .subquery()))
        if matcher.wants_entities:
            names = matcher.hits("entity", ranked=True)
            best = func.max(names.c.score)
            parts.append(select(select(names.c.kind, names.c.key, best.label("score"),
                                       func.count().over().label("n"))
                                .where(names.c.key.is_not(None))
                                .group_by(names.c.kind, names.c.key)
                                .order_by(best.desc(), names.c.key).limit(end).subquery()))
        return union_all(*parts) if len(parts) > 1 else parts[0]

    # -- helpers ------------------------------------------------------------------------

    def _level(self, name: str | None) -> int | None:
        return None if name is None else self.store.scheme.level(name).rank

    def _entity_aliases(self, conn: Connection, tokens: tuple[str, ...]) -> list[str]:
        """Other visible names of visible entities that have exactly this name."""
        node = Phrase(tokens) if len(tokens) > 1 else Term(tokens[0])
        compiled = self.backend.compile(node)

        def named() -> Select[Any]:
            source = self.backend.names(compiled)
            return (select(search_name.c.entity_id, search_name.c.value)
                    .select_from(source.rows)
                    .where(source.match, self.scope.admits_row(search_name))
                    .limit(500))

        rows = conn.execute(self._statement("alias entities", named),
                            self._values | self._queries(compiled)).all()
        entities = sorted({r.entity_id for r in rows if key(words(r.value)) == tokens})
        if not entities:
            return []
        names = conn.execute(self._statement("alias names", lambda: select(
            search_name.c.value).distinct().where(
            self._one_of(search_name.c.entity_id, "alias_entities"),
            self.scope.admits_document(search_name.c.document_id))),
            self._values | {"alias_entities": self._members(entities[:MAX_ALIAS_ENTITIES])})
        return sorted(names.scalars())

    def _facets(self, conn: Any, matcher: Matcher) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        counts = self._statement("facets", lambda: self._facet_statements(matcher),
                                 *matcher.shape)
        for name, query in counts:
            target = out["label" if name == "level" else name]
            for value, count in conn.execute(query, self._values):
                shown = self.store.scheme.level_name(value) if name == "level" else value
                target[str(shown)] = target.get(str(shown), 0) + int(count)
        return {name: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
                for name, values in out.items()}

    @staticmethod
    def _facet_statements(matcher: Matcher) -> list[tuple[str, Select[Any]]]:
        """(facet, statement of its values and counts) for each kind of hit, then the
        countries of the entities hit."""
        out = []
        subsets = {kind: matcher.hits(kind, facets=True) for kind in ("document", "entity")}
        for hits in subsets.values():
            for name in ("kind", "schema", "type", "owner", "language", "level", "country"):
                column = hits.c[name]
                out.append((name, select(column, func.count(distinct(hits.c.key)))
                            .where(column.is_not(None)).group_by(column)))
        entities = select(subsets["entity"].c.key).where(subsets["entity"].c.key.is_not(None))
        countries = matcher.entity_countries(entities).subquery()
        out.append(("country", select(countries.c.country,
                                      func.count(distinct(countries.c.entity_id)))
                    .group_by(countries.c.country)))
        return out

    def _hits(self, conn: Any, rows: Sequence[Any], marks: Highlighter) -> list[Hit]:
        doc_ids = [r.key for r in rows if r.kind == "document"]
        entity_ids = [r.key for r in rows if r.kind == "entity"]
        docs = {d.id: d for d in conn.execute(
            self._statement("texts", lambda: select(
                document.c.id, document.c.title, document.c.owner, document.c.published,
                document.c.language, document.c.label_id, document_text.c.text)
                .select_from(document_text.join(document,
                                                document.c.id == document_text.c.document_id))
                .where(self._one_of(document_text.c.document_id, "hit_documents"),
                       self.scope.admits(document.c.label_id, document.c.id))),
            self._values | {"hit_documents": doc_ids})} if doc_ids else {}
        found: dict[str, list[Statement]] = defaultdict(list)
        for row in conn.execute(
                self._statement("statements", lambda: select(*STATEMENT_COLUMNS).where(
                    self._one_of(statement.c.entity_id, "hit_entities"),
                    self.scope.admits_document(statement.c.document_id))),
                self._values | {"hit_entities": self._members(entity_ids)}
        ) if entity_ids else ():
            found[self.clusters.get(row.entity_id, row.entity_id)].append(
                Statement.from_row(row))
        hits = []
        for row in rows:
            if row.kind == "document" and row.key in docs:
                hits.append(self._document_hit(docs[row.key], float(row.score), marks))
            elif row.kind == "entity" and found.get(row.key):
                hits.append(self._entity_hit(row.key, found[row.key], float(row.score), marks))
        return hits

    def _document_hit(self, doc: Any, score: float, marks: Highlighter) -> Hit:
        level = self.store.labels.get(doc.label_id).level
        return Hit(doc.id, "document", doc.title or doc.id, "Document", score,
                   marks.snippet(doc.text), (doc.id,),
                   {"owner": doc.owner, "published": doc.published, "language": doc.language,
                    "label": self.store.scheme.level_name(level)})

    def _entity_hit(self, entity_id: str, statements: list[Statement], score: float,
                    marks: Highlighter) -> Hit:
        entity = Entity.from_statements(entity_id, statements)
        names = [s for s in statements if s.prop in NAME_PROPS]
        return Hit(entity_id, "entity", entity.caption, entity.schema.name, score,
                   marks.names(s.value for s in names),
                   tuple(sorted({s.document_id for s in names})),
                   {"names": sorted({s.value for s in names})})


__all__ = ["Searcher", "backend_for", "search"]
