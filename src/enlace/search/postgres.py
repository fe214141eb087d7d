"""PostgreSQL: stored ``fts_vector`` tsvectors (config ``enlace_search``), GIN, ts_rank."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    Select,
    bindparam,
    cast,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB

from enlace.search.base import HitSource, SearchBackend
from enlace.search.compile import to_tsquery
from enlace.search.query import Node
from enlace.search.tables import search_document, search_name

CONFIG: ColumnClause[Any] = literal_column("'enlace_search'::regconfig")


def _tsquery(name: str, compiled: str) -> ColumnElement[Any]:
    return func.to_tsquery(CONFIG, bindparam(name, compiled))


class PostgresSearch(SearchBackend):
    """Full-text search with tsvector/tsquery over unaccented text."""

    name = "postgresql"
    fence_subqueries = True

    def prepare(self, conn: Connection) -> None:
        # A search is interactive: compiling its plan (JIT) costs more than it saves,
        # and the per-document access check makes the planner's estimate call for it.
        conn.exec_driver_sql("SET LOCAL jit = off")

    def compile(self, tree: Node) -> str:
        return to_tsquery(tree)

    def documents(self, compiled: str) -> HitSource:
        vector: ColumnClause[Any] = literal_column("search_document.fts_vector")
        query = _tsquery("document_query", compiled)
        return HitSource(rows=search_document, match=vector.op("@@")(query),
                         score=func.ts_rank(vector, query))

    def names(self, compiled: str, fuzzy: str | None = None) -> HitSource:
        vector: ColumnClause[Any] = literal_column("search_name.fts_vector")
        query = _tsquery("name_query", compiled)
        match, score = vector.op("@@")(query), func.ts_rank(vector, query)
        if fuzzy is None:
            return HitSource(rows=search_name, match=match, score=score)
        key: ColumnClause[Any] = literal_column("search_name.fts_key")
        wanted = func.lower(func.enlace_unaccent(bindparam("fuzzy_name", fuzzy)))
        return HitSource(rows=search_name, match=or_(match, key.op("%")(wanted)),
                         score=func.greatest(score, func.similarity(key, wanted)))

    def clusters(self, mapping: str) -> Select[Any]:
        pairs = func.jsonb_each_text(cast(bindparam("clusters", mapping), JSONB)
                                     ).table_valued("key", "value")
        return select(pairs.c.key.label("member"), pairs.c.value.label("cluster"))

    def raw(self, compiled: str, limit: int) -> Select[Any]:
        vector: ColumnClause[Any] = literal_column("search_document.fts_vector")
        query = _tsquery("q", compiled)
        return (select(search_document.c.id).where(vector.op("@@")(query))
                .order_by(func.ts_rank(vector, query).desc()).limit(limit))

    def raw_count(self, compiled: str) -> Select[Any]:
        vector: ColumnClause[Any] = literal_column("search_document.fts_vector")
        return (select(func.count()).select_from(search_document)
                .where(vector.op("@@")(_tsquery("q", compiled))))
