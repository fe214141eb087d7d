"""The search index's own tables, on the shared metadata.

``search_document`` has one row per indexed document text (its id is the text's id and the
full-text row's id); ``search_name`` one row per indexed name statement (``name``,
``alias``, ``weakAlias``, ``previousName``) with its source document, so the access rule
applies to each name on its own. Both carry their document's ``label_id``, so the access
check of a hit reads the row itself; a trigger on ``document`` (migration 0012) keeps it
in step. The full-text structures themselves (SQLite FTS5 tables, PostgreSQL tsvector
columns and GIN indexes) are backend-specific: migration 0003 creates them with raw SQL,
and every one of them is named ``fts_*`` so that schema comparison leaves them alone.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text

from enlace.store.tables import ID, metadata

#: Statement properties whose values are indexed as entity names.
NAME_PROPS = ("name", "alias", "weakAlias", "previousName")

search_document = Table(
    "search_document",
    metadata,
    Column("id", Integer, ForeignKey("document_text.id"), primary_key=True,
           autoincrement=False),
    Column("document_id", ID, ForeignKey("document.id"), nullable=False, unique=True),
    Column("title", Text, nullable=True),
    Column("label_id", Integer, nullable=True),  # the document's, kept by migration 0012
)

search_name = Table(
    "search_name",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("statement_id", ID, ForeignKey("statement.id"), nullable=False, unique=True),
    Column("entity_id", String(255), nullable=False),
    Column("schema", String(64), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("document_id", ID, ForeignKey("document.id"), nullable=False),
    Column("value", Text, nullable=False),
    Column("label_id", Integer, nullable=True),  # the document's, kept by migration 0012
    Index("ix_search_name_entity_id", "entity_id"),
    Index("ix_search_name_document_id", "document_id"),
)
