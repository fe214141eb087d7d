"""Add the full-text search index.

Two portable tables (``search_document``, ``search_name``) say what is indexed; the
full-text structures around them are backend-specific and all named ``fts_*``:

* SQLite: FTS5 tables ``fts_document`` (contentless: title and body) and ``fts_name``
  (external content over ``search_name``), tokenised ``unicode61 remove_diacritics 2``,
  kept in step with the two tables by triggers.
* PostgreSQL: extensions ``unaccent`` and ``pg_trgm``, an immutable ``enlace_unaccent``
  wrapper, a text search configuration ``enlace_search`` (simple + unaccent), a stored
  ``fts_vector`` on each table (a trigger fills the document one from its text; the name
  one is a generated column), ``fts_key`` (unaccented lower-case name) for trigram
  matching, and GIN indexes on them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"

SQLITE_UP = [
    f"CREATE VIRTUAL TABLE fts_document USING fts5(title, body, content='', {TOKENIZE}, "
    "prefix='3')",
    f"CREATE VIRTUAL TABLE fts_name USING fts5(value, content='search_name', "
    f"content_rowid='id', {TOKENIZE}, prefix='3')",
    """CREATE TRIGGER fts_document_insert AFTER INSERT ON search_document BEGIN
         INSERT INTO fts_document(rowid, title, body)
         SELECT new.id, coalesce(new.title, ''), text FROM document_text WHERE id = new.id;
       END""",
    """CREATE TRIGGER fts_document_delete AFTER DELETE ON search_document BEGIN
         INSERT INTO fts_document(fts_document, rowid, title, body)
         SELECT 'delete', old.id, coalesce(old.title, ''), text
         FROM document_text WHERE id = old.id;
       END""",
    """CREATE TRIGGER fts_name_insert AFTER INSERT ON search_name BEGIN
         INSERT INTO fts_name(rowid, value) VALUES (new.id, new.value);
       END""",
    """CREATE TRIGGER fts_name_delete AFTER DELETE ON search_name BEGIN
         INSERT INTO fts_name(fts_name, rowid, value) VALUES ('delete', old.id, old.value);
       END""",
    """CREATE TRIGGER fts_name_update AFTER UPDATE ON search_name BEGIN
         INSERT INTO fts_name(fts_name, rowid, value) VALUES ('delete', old.id, old.value);
         INSERT INTO fts_name(rowid, value) VALUES (new.id, new.value);
       END""",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS fts_name_update",
    "DROP TRIGGER IF EXISTS fts_name_delete",
    "DROP TRIGGER IF EXISTS fts_name_insert",
    "DROP TRIGGER IF EXISTS fts_document_delete",
    "DROP TRIGGER IF EXISTS fts_document_insert",
    "DROP TABLE IF EXISTS fts_name",
    "DROP TABLE IF EXISTS fts_document",
]

WORDS = ("asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, "
         "hword_part, hword_numpart")

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION enlace_unaccent(value text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, value) $$""",
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'enlace_search') THEN
           CREATE TEXT SEARCH CONFIGURATION enlace_search (COPY = pg_catalog.simple);
         END IF;
       END $$""",
    f"ALTER TEXT SEARCH CONFIGURATION enlace_search ALTER MAPPING FOR {WORDS} "
    "WITH public.unaccent, pg_catalog.simple",
    "ALTER TABLE search_document ADD COLUMN fts_vector tsvector",
    """CREATE OR REPLACE FUNCTION fts_search_document_vector() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN
         NEW.fts_vector := setweight(to_tsvector('enlace_search', coalesce(NEW.title, '')), 'A')
           || to_tsvector('enlace_search',
                          coalesce((SELECT text FROM document_text WHERE id = NEW.id), ''));
         RETURN NEW;
       END $$""",
    """CREATE TRIGGER fts_search_document_vector BEFORE INSERT OR UPDATE ON search_document
       FOR EACH ROW EXECUTE FUNCTION fts_search_document_vector()""",
    "CREATE INDEX fts_search_document_vector_gin ON search_document USING gin (fts_vector)",
    """ALTER TABLE search_name ADD COLUMN fts_vector tsvector
       GENERATED ALWAYS AS (to_tsvector('enlace_search'::regconfig, value)) STORED""",
    """ALTER TABLE search_name ADD COLUMN fts_key text
       GENERATED ALWAYS AS (lower(enlace_unaccent(value))) STORED""",
    "CREATE INDEX fts_search_name_vector_gin ON search_name USING gin (fts_vector)",
    "CREATE INDEX fts_search_name_key_trgm ON search_name USING gin (fts_key gin_trgm_ops)",
]

POSTGRES_DOWN = [  # after the tables (and their triggers, columns, indexes) are gone
    "DROP FUNCTION IF EXISTS fts_search_document_vector()",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS enlace_search",
    "DROP FUNCTION IF EXISTS enlace_unaccent(text)",
]


def upgrade() -> None:
    op.create_table(
        "search_document",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["id"], ["document_text.id"],
                                name=op.f("fk_search_document_id_document_text")),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"],
                                name=op.f("fk_search_document_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_document")),
        sa.UniqueConstraint("document_id", name=op.f("uq_search_document_document_id")),
    )
    op.create_table(
        "search_name",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("statement_id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("schema", sa.String(length=64), nullable=False),
        sa.Column("prop", sa.String(length=64), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["statement_id"], ["statement.id"],
                                name=op.f("fk_search_name_statement_id_statement")),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"],
                                name=op.f("fk_search_name_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_name")),
        sa.UniqueConstraint("statement_id", name=op.f("uq_search_name_statement_id")),
    )
    op.create_index("ix_search_name_entity_id", "search_name", ["entity_id"])
    op.create_index("ix_search_name_document_id", "search_name", ["document_id"])
    statements = SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP
    for sql in statements:
        op.execute(sql)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for sql in SQLITE_DOWN if sqlite else []:
        op.execute(sql)
    op.drop_index("ix_search_name_document_id", table_name="search_name")
    op.drop_index("ix_search_name_entity_id", table_name="search_name")
    op.drop_table("search_name")
    op.drop_table("search_document")
    for sql in [] if sqlite else POSTGRES_DOWN:
        op.execute(sql)
