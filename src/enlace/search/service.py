"""``search(view, query, ...)``: ranked hits, a total and facets, all within the reader's scope.

The scope is :meth:`View.resolved_documents` (the access rule, evaluated for this one
search), applied inside every SQL query this module runs (hits, counts, facets, alias
look-ups, names and texts for titles and snippets), so nothing outside it is ever read.
An entity merged with others (:meth:`View.clusters`) is one hit, under its merged id,
with the visible names of all its members. :class:`Searcher` also runs unscoped, which
only tests and the benchmark do, to compare against.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Select, distinct, func, select, union_all

from enlace.model.entity import Entity
from enlace.model.statement import Statement
from enlace.search.aliases import expand, gazetteer_lookup, key
from enlace.search.base import SearchBackend
from enlace.search.matches import Matcher, admitted, visible
from enlace.search.model import FACETS, Filters, Hit, Page, Results
from enlace.search.postgres import PostgresSearch
from enlace.search.query import Phrase, Term, parse, words
from enlace.search.snippet import Highlighter
from enlace.search.sqlite import SQLiteSearch
from enlace.search.tables import NAME_PROPS, search_name
from enlace.store.access import ResolvedRule
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
    results = searcher.run(query, filters or Filters(), facets, page or Page(), aliases,
                           fuzzy)
    entity_ids = [h.id for h in results.hits if h.kind == "entity"]
    document_ids = {d for h in results.hits for d in h.document_ids}
    view.observe("search", entity_ids, document_ids, query=query, total=results.total)
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
        self.scope = None if callable(scope) else scope
        self.rule: ResolvedRule | None = None
        self.clusters = {m: c for m, c in (clusters or {}).items() if m != c}
        self.backend = backend_for(store)

    def _members(self, entity_ids: Sequence[str]) -> list[str]:
        """``entity_ids`` and every member of the merged entities among them."""
        wanted = {self.clusters.get(e, e) for e in entity_ids}
        return sorted(wanted | {m for m, c in self.clusters.items() if c in wanted})

    def run(self, query: str, filters: Filters, facets: bool, page: Page,
            aliases: bool = True, fuzzy: bool = False) -> Results:
        tree = parse(query)
        similar = " ".join(sorted(Highlighter.of(tree).words)) if fuzzy else None
        clusters = json.dumps(self.clusters, sort_keys=True) if self.clusters else None
        with self.store.engine.connect() as conn:
            self.backend.prepare(conn)
            if self._resolve is not None:  # each run resolves the rule again
                self.rule = self._resolve(conn)
                self.scope = self.rule.documents()
            if aliases:
                tree = expand(tree, [gazetteer_lookup,
                                     lambda tokens: self._entity_aliases(conn, tokens)])
            matcher = Matcher(self.backend, self.backend.compile(tree), filters, self.scope,
                              self._level(filters.label), similar, clusters, self.rule)
            rows, total = self._page(conn, matcher, page)
            counts = self._facets(conn, matcher) if facets else None
            hits = self._hits(conn, rows, Highlighter.of(tree))
        return Results(hits, total, counts)

    @staticmethod
    def _page(conn: Any, matcher: Matcher, page: Page) -> tuple[list[Any], int]:
        """The page, and the total, in one pass over the hits (so the access rule runs
        once per hit): the best ``offset + limit`` documents and entities (by their
        best name), each row carrying how many hits of its kind there are."""
        end = page.offset + page.limit
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
        if not parts:
            return [], 0
        rows = list(conn.execute(union_all(*parts) if len(parts) > 1 else parts[0]))
        total = sum({row.kind: int(row.n) for row in rows}.values())
        rows.sort(key=lambda r: (-float(r.score), r.kind, r.key))
        return rows[page.offset:end], total

    # -- helpers ------------------------------------------------------------------------

    def _level(self, name: str | None) -> int | None:
        return None if name is None else self.store.scheme.level(name).rank

    def _in_scope(self, column: Any) -> Any:
        return visible(self.scope, column, self.backend.fence_subqueries)

    def _entity_aliases(self, conn: Connection, tokens: tuple[str, ...]) -> list[str]:
        """Other visible names of visible entities that have exactly this name."""
        node = Phrase(tokens) if len(tokens) > 1 else Term(tokens[0])
        source = self.backend.names(self.backend.compile(node))
        rows = conn.execute(select(search_name.c.entity_id, search_name.c.value)
                            .select_from(source.rows)
                            .where(source.match, admitted(self.scope, self.rule, search_name,
                                                          self.backend.fence_subqueries))
                            .limit(500)).all()
        entities = sorted({r.entity_id for r in rows if key(words(r.value)) == tokens})
        if not entities:
            return []
        names = conn.execute(select(search_name.c.value).distinct().where(
            search_name.c.entity_id.in_(self._members(entities[:MAX_ALIAS_ENTITIES])),
            self._in_scope(search_name.c.document_id))).scalars()
        return sorted(names)

    def _facets(self, conn: Any, matcher: Matcher) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        subsets = {kind: matcher.hits(kind, facets=True) for kind in ("document", "entity")}
        for hits in subsets.values():
            for name in ("kind", "schema", "type", "owner", "language", "level", "country"):
                column = hits.c[name]
                rows = conn.execute(select(column, func.count(distinct(hits.c.key)))
                                    .where(column.is_not(None)).group_by(column))
                target = out["label" if name == "level" else name]
                for value, count in rows:
                    shown = self.store.scheme.level_name(value) if name == "level" else value
                    target[str(shown)] = target.get(str(shown), 0) + int(count)
        entities = select(subsets["entity"].c.key).where(subsets["entity"].c.key.is_not(None))
        countries = matcher.entity_countries(entities).subquery()
        for value, count in conn.execute(
                select(countries.c.country, func.count(distinct(countries.c.entity_id)))
                .group_by(countries.c.country)):
            out["country"][value] = out["country"].get(value, 0) + int(count)
        return {name: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
                for name, values in out.items()}

    def _hits(self, conn: Any, rows: Sequence[Any], marks: Highlighter) -> list[Hit]:
        doc_ids = [r.key for r in rows if r.kind == "document"]
        entity_ids = [r.key for r in rows if r.kind == "entity"]
        docs = {d.id: d for d in conn.execute(
            select(document.c.id, document.c.title, document.c.owner, document.c.published,
                   document.c.language, document.c.label_id, document_text.c.text)
            .select_from(document_text.join(document,
                                            document.c.id == document_text.c.document_id))
            .where(document_text.c.document_id.in_(doc_ids),
                   self._in_scope(document_text.c.document_id)))} if doc_ids else {}
        found: dict[str, list[Statement]] = defaultdict(list)
        for row in conn.execute(select(*STATEMENT_COLUMNS).where(
                statement.c.entity_id.in_(self._members(entity_ids)),
                self._in_scope(statement.c.document_id))) if entity_ids else ():
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
