"""The hit set as one SQL query: documents and name statements that match, filtered.

When a scope is given, every branch keeps only rows whose document is in it: tested on
the index row's own label and document id when the rule was resolved for the request
(:meth:`View.resolved_rule`), else through the document (:meth:`View.visible_documents`).
Branches join ``document`` and ``label`` where filters or facets need them. Pages, totals
and facet counts are all computed from this one query, so none of them can count a row
the scope leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from followthemoney.types import registry
from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Select,
    String,
    cast,
    false,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)

from enlace.model.ftm import ftm_model, get_schema
from enlace.search.base import HitSource, SearchBackend
from enlace.search.model import Filters
from enlace.search.tables import search_document, search_name
from enlace.store.access import ResolvedRule
from enlace.store.tables import document, label, statement

DOCUMENT_SCHEMA = "Document"
#: The hit columns and their types (the empty branch casts its NULLs to them).
COLUMNS: dict[str, Any] = {"kind": String(), "key": String(), "schema": String(),
                           "score": Float(), "owner": String(), "language": String(),
                           "type": String(), "level": Integer(), "country": String()}


@lru_cache(maxsize=1)
def country_props() -> tuple[str, ...]:
    """Every FtM property whose values are countries (country, nationality, ...)."""
    return tuple(sorted({p.name for s in ftm_model().schemata.values()
                         for p in s.properties.values() if p.type == registry.country}))


def schema_names(name: str) -> list[str]:
    """A schema and its descendants, as stored in statements."""
    schema = get_schema(name)
    return sorted(s.name for s in schema.descendants | {schema})


def end_of(date: str) -> str:
    """The last day a partial ISO date can mean: 2024 -> 2024-12-31."""
    return date + {4: "-12-31", 7: "-31"}.get(len(date), "")


def visible(scope: Select[tuple[str]] | None, column: Any,
            fence: bool = False) -> ColumnElement[bool]:
    """Whether the document ``column`` names is in ``scope`` (None: no scope).

    Written as an EXISTS correlated on ``column``'s table only, the rule runs on each
    row's own document instead of first listing every visible document, which would
    cost as much as the documents the reader may see, however few the rows. PostgreSQL
    turns such an EXISTS into a semi-join that lists them all anyway; ``fence`` adds
    ``OFFSET 0``, which keeps it a per-row subplan there."""
    if scope is None:
        return literal(True)
    inner = scope.where(document.c.id == column).correlate(column.table)
    return (inner.offset(0) if fence else inner).exists()


@dataclass(frozen=True)
class ReaderScope:
    """What a search may read: the rule resolved for its request, or else a query of the
    visible documents' ids, or else (neither given: tests and benchmarks) everything."""

    rule: ResolvedRule | None = None
    documents: Select[tuple[str]] | None = None
    fence: bool = False  # see :func:`visible`

    @property
    def everything(self) -> bool:
        return self.rule is None and self.documents is None

    def admits_row(self, table: Any) -> ColumnElement[bool]:
        """Whether a search index row (``search_document`` or ``search_name``) is in
        scope (:meth:`admits`)."""
        return self.admits(table.c.label_id, table.c.document_id)

    def admits(self, label_id: Any, document_id: Any) -> ColumnElement[bool]:
        """Whether a row carrying its document's label and id is in scope: tested on the
        row itself when the rule was resolved for this request, else through its
        document."""
        if self.rule is not None:
            return self.rule.admits(label_id, document_id)
        return self.admits_document(document_id)

    def admits_document(self, column: Any) -> ColumnElement[bool]:
        """Whether the document ``column`` names is in scope (:func:`visible`)."""
        documents = self.rule.documents() if self.rule is not None else self.documents
        return visible(documents, column, self.fence)


@dataclass(frozen=True)
class Matcher:
    """Builds the filtered hit set of one compiled query."""

    backend: SearchBackend
    compiled: str
    filters: Filters
    scope: ReaderScope
    level: int | None = None  # the label filter, as a rank
    fuzzy: str | None = None  # also names similar to this (PostgreSQL)
    clusters: str | None = None  # merged entities: a JSON object, member id -> merged id

    @property
    def shape(self) -> tuple[Any, ...]:
        """What this matcher's SQL depends on besides the values it binds by name."""
        return self.filters, self.level, self.fuzzy is not None, self.clusters is not None

    @property
    def wants_documents(self) -> bool:
        return self.filters.kind in (None, "document") and (
            self.filters.schema is None or DOCUMENT_SCHEMA in schema_names(self.filters.schema))

    @property
    def wants_entities(self) -> bool:
        return self.filters.kind in (None, "entity")

    @property
    def _joins_documents(self) -> bool:
        f = self.filters
        return any((f.owner, f.language, f.type, f.date_from, f.date_to, f.country,
                    self.level is not None))

    def hits(self, kind: str, ranked: bool = False, facets: bool = False) -> Any:
        """Every hit of one kind: kind, key, schema, score (and facet columns), as a
        subquery. Its last, empty branch keeps it a compound query, which SQLite never
        flattens into a grouping around it (bm25() must stay next to its MATCH)."""
        branch = self._documents if kind == "document" else self._names
        wanted = self.wants_documents if kind == "document" else self.wants_entities
        columns = list(COLUMNS.items())[:None if facets else 4]
        empty = select(*(cast(null(), kind).label(name) for name, kind in columns)
                       ).where(false())
        query = branch(ranked, facets) if wanted else empty
        return union_all(query, empty).subquery(f"{kind}_hits")

    @cached_property
    def merged(self) -> Any:
        """The reader's merges as a table (member, cluster), read once per query."""
        if self.clusters is None:
            return None
        return self.backend.clusters(self.clusters).cte("merged").prefix_with("MATERIALIZED")

    @cached_property
    def _merged_aliases(self) -> tuple[Any, Any]:
        """Two more names for :attr:`merged` (members of a cluster; a statement's cluster),
        made once so that every query of this search names them the same way."""
        return self.merged.alias("merged_member"), self.merged.alias("merged_statement")

    def _entity_key(self, entity_id: Any, merged: Any) -> Any:
        """The id an entity is listed under: its merged id, else its own."""
        return entity_id if merged is None else func.coalesce(merged.c.cluster, entity_id)

    def _select(self, kind: str, key: Any, schema: Any, source: HitSource, ranked: bool,
                facets: bool, country: Any) -> Select[Any]:
        score = source.score if ranked else literal(0.0)
        columns = [literal(kind).label("kind"), key.label("key"), schema.label("schema"),
                   score.label("score")]
        if facets:
            columns += [document.c.owner.label("owner"), document.c.language.label("language"),
                        document.c.mime_type.label("type"), label.c.level.label("level"),
                        country.label("country")]
        return select(*columns)

    def _documents(self, ranked: bool, facets: bool) -> Select[Any]:
        source = self.backend.documents(self.compiled)
        rows: Any = source.rows
        if facets or self._joins_documents:
            rows = rows.join(document, document.c.id == search_document.c.document_id).join(
                label, label.c.id == document.c.label_id)
        query = (self._select("document", search_document.c.document_id,
                              literal(DOCUMENT_SCHEMA), source, ranked, facets,
                              func.lower(document.c.obtained_in))
                 .select_from(rows)
                 .where(source.match, self.scope.admits_row(search_document)))
        if self.filters.country:
            query = query.where(func.lower(document.c.obtained_in) ==
                                self.filters.country.lower())
        return self._document_filters(query)

    def _names(self, ranked: bool, facets: bool) -> Select[Any]:
        source = self.backend.names(self.compiled, self.fuzzy)
        rows: Any = source.rows
        if self.merged is not None:
            rows = rows.outerjoin(self.merged, self.merged.c.member == search_name.c.entity_id)
        if facets or self._joins_documents:
            rows = rows.join(document, document.c.id == search_name.c.document_id).join(
                label, label.c.id == document.c.label_id)
        key = self._entity_key(search_name.c.entity_id, self.merged)
        query = (self._select("entity", key, search_name.c.schema, source, ranked, facets,
                              null())
                 .select_from(rows)
                 .where(source.match, self.scope.admits_row(search_name)))
        if self.filters.schema:
            query = query.where(search_name.c.schema.in_(schema_names(self.filters.schema)))
        if self.filters.country:
            query = query.where(self.entity_countries(key)
                                .where(func.lower(statement.c.value) ==
                                       self.filters.country.lower()).exists())
        return self._document_filters(query)

    def entity_countries(self, entity_id: Any) -> Select[Any]:
        """Visible country statements about ``entity_id`` (a listed id, as a column or a
        subquery of them), or about any member of the merged entity it names."""
        many = isinstance(entity_id, Select)
        match = statement.c.entity_id.in_(entity_id) if many else (
            statement.c.entity_id == entity_id)
        members, listed = (None, None) if self.merged is None else self._merged_aliases
        if members is not None:
            clusters = members.c.cluster.in_(entity_id) if many else (
                members.c.cluster == entity_id)
            match = or_(match, statement.c.entity_id.in_(
                select(members.c.member).where(clusters)))
        rows: Any = statement if listed is None else statement.outerjoin(
            listed, listed.c.member == statement.c.entity_id)
        return select(func.lower(statement.c.value).label("country"),
                      self._entity_key(statement.c.entity_id, listed).label("entity_id")
                      ).select_from(rows).where(
            match, statement.c.prop.in_(country_props()),
            self.scope.admits_document(statement.c.document_id))

    def _document_filters(self, query: Select[Any]) -> Select[Any]:
        f = self.filters
        if f.owner:
            query = query.where(document.c.owner == f.owner.upper())
        if f.language:
            query = query.where(func.lower(document.c.language) == f.language.lower())
        if f.type:
            query = query.where(document.c.mime_type == f.type)
        if f.date_from:
            query = query.where(document.c.published >= f.date_from)
        if f.date_to:
            query = query.where(document.c.published <= end_of(f.date_to))
        if self.level is not None:
            query = query.where(label.c.level == self.level)
        return query
