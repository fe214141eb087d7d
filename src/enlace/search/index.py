"""Keeping the search index in step with documents and statements.

The ingest pipeline calls :func:`index_document` after it stores a document's text and
:func:`index_statements` after it stores statements, on the same connection, so both
commit together. Each call replaces what the index held for those rows. Rows go into
``search_document`` and ``search_name``; triggers (SQLite) or a trigger and generated
columns (PostgreSQL), made by migration 0003, fill the full-text structures from them.
:func:`reindex` rebuilds the whole index (``enlace search reindex``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    delete,
    func,
    insert,
    select,
    text,
)

from enlace.search.tables import NAME_PROPS, search_document, search_name
from enlace.store.store import Store
from enlace.store.tables import document, document_text, statement

log = logging.getLogger(__name__)

DOCUMENT_COLUMNS = ["id", "document_id", "title", "label_id"]
NAME_COLUMNS = ["statement_id", "entity_id", "schema", "prop", "document_id", "value",
                "label_id"]


def _documents(where: ColumnElement[bool] | None) -> Select[Any]:
    query = (select(document_text.c.id, document_text.c.document_id, document.c.title,
                    document.c.label_id)
             .join(document, document.c.id == document_text.c.document_id))
    return query if where is None else query.where(where)


def index_document(conn: Connection, document_id: str) -> bool:
    """(Re)index one document's text and title; False when it has no text."""
    conn.execute(delete(search_document).where(search_document.c.document_id == document_id))
    query = _documents(document_text.c.document_id == document_id)
    conn.execute(insert(search_document).from_select(DOCUMENT_COLUMNS, query))
    return _count(conn, search_document, search_document.c.document_id == document_id) > 0


def _names(where: ColumnElement[bool] | None) -> Select[Any]:
    query = select(statement.c.id, statement.c.entity_id, statement.c.schema,
                   statement.c.prop, statement.c.document_id, statement.c.value,
                   document.c.label_id
                   ).join(document, document.c.id == statement.c.document_id
                          ).where(statement.c.prop.in_(NAME_PROPS))
    return query if where is None else query.where(where)


def index_statements(conn: Connection, statement_ids: Iterable[str] = (),
                     document_id: str | None = None) -> int:
    """(Re)index the name statements among ``statement_ids`` and/or of ``document_id``.

    Statements whose prop is not a name prop are ignored; returns how many were indexed."""
    ids = sorted(set(statement_ids))
    count = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        count += _replace_names(conn, search_name.c.statement_id.in_(chunk),
                                statement.c.id.in_(chunk))
    if document_id is not None:
        count += _replace_names(conn, search_name.c.document_id == document_id,
                                statement.c.document_id == document_id)
    return count


def _replace_names(conn: Connection, old: ColumnElement[bool],
                   new: ColumnElement[bool]) -> int:
    conn.execute(delete(search_name).where(old))
    conn.execute(insert(search_name).from_select(NAME_COLUMNS, _names(new)))
    return _count(conn, search_name, old)


def _count(conn: Connection, table: Table, where: ColumnElement[bool] | None = None) -> int:
    query = select(func.count()).select_from(table)
    return int(conn.execute(query if where is None else query.where(where)).scalar_one())


def reindex(store: Store) -> tuple[int, int]:
    """Rebuild the whole index in one transaction; returns (documents, names) indexed."""
    with store.engine.begin() as conn:
        conn.execute(delete(search_name))
        conn.execute(delete(search_document))
        conn.execute(insert(search_document).from_select(DOCUMENT_COLUMNS, _documents(None)))
        conn.execute(insert(search_name).from_select(NAME_COLUMNS, _names(None)))
        documents, names = _count(conn, search_document), _count(conn, search_name)
        if store.backend == "sqlite":
            for table in ("fts_document", "fts_name"):
                conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('optimize')"))
    if store.backend == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE search_document, search_name"))
    log.info("reindexed %d documents and %d names", documents, names)
    return documents, names
