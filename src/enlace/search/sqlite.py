"""SQLite: FTS5 tables ``fts_document`` (title, body) and ``fts_name``, ranked by bm25."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnClause,
    Connection,
    Integer,
    Select,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
)

from enlace.exceptions import InvalidData
from enlace.search.base import HitSource, SearchBackend
from enlace.search.compile import to_fts5
from enlace.search.query import Node
from enlace.search.tables import search_document, search_name

TITLE_WEIGHT = 4.0


class SQLiteSearch(SearchBackend):
    """Full-text search with FTS5 (``unicode61 remove_diacritics 2``)."""

    name = "sqlite"

    def prepare(self, conn: Connection) -> None:
        """FTS5 needs no settings."""

    def compile(self, tree: Node) -> str:
        return to_fts5(tree)

    def documents(self, compiled: str) -> HitSource:
        fts = table("fts_document", column("rowid", Integer))
        ref: ColumnClause[Any] = literal_column("fts_document")
        return HitSource(
            rows=fts.join(search_document, search_document.c.id == fts.c.rowid),
            match=ref.op("MATCH")(bindparam("document_query", compiled)),
            score=-func.bm25(ref, TITLE_WEIGHT, 1.0),
        )

    def names(self, compiled: str, fuzzy: str | None = None) -> HitSource:
        if fuzzy is not None:
            raise InvalidData("fuzzy name matching needs a PostgreSQL store (pg_trgm); "
                              "on SQLite, use prefixes such as salas*")
        fts = table("fts_name", column("rowid", Integer))
        ref: ColumnClause[Any] = literal_column("fts_name")
        return HitSource(
            rows=fts.join(search_name, search_name.c.id == fts.c.rowid),
            match=ref.op("MATCH")(bindparam("name_query", compiled)),
            score=-func.bm25(ref),
        )

    def clusters(self, mapping: str) -> Select[Any]:
        pairs = func.json_each(bindparam("clusters", mapping)).table_valued("key", "value")
        return select(pairs.c.key.label("member"), pairs.c.value.label("cluster"))

    def raw(self, compiled: str, limit: int) -> Select[Any]:
        fts = table("fts_document", column("rowid", Integer))
        ref: ColumnClause[Any] = literal_column("fts_document")
        return (select(fts.c.rowid).select_from(fts)
                .where(ref.op("MATCH")(bindparam("q", compiled)))
                .order_by(func.bm25(ref, TITLE_WEIGHT, 1.0)).limit(limit))

    def raw_count(self, compiled: str) -> Select[Any]:
        fts = table("fts_document", column("rowid", Integer))
        ref: ColumnClause[Any] = literal_column("fts_document")
        return (select(func.count()).select_from(fts)
                .where(ref.op("MATCH")(bindparam("q", compiled))))
