"""PostgreSQL indexes text split into words exactly as a query is: at ASCII punctuation.

PostgreSQL's parser reads "SOURCE-158774" as a word and a signed number, "7E13FE" inside
"SOURCE-7E13FE" as one part but alone as a number and a word, "v1.2" as a file name. A
query is split at punctuation first (as SQLite's FTS5 also splits text), so such tokens
could not be found. ``enlace_words`` turns ASCII punctuation into spaces before text is
indexed; every tsvector is computed again. Nothing changes on SQLite.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

PUNCTUATION = '!"#$%&\'\'()*+,-./:;<=>?@[\\]^_`{|}~'  # string.punctuation, quoted for SQL
WORDS = f"""CREATE OR REPLACE FUNCTION enlace_words(value text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT translate(value, '{PUNCTUATION}', repeat(' ', 32)) $$"""
DOCUMENT_VECTOR = """CREATE OR REPLACE FUNCTION fts_search_document_vector() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN
         NEW.fts_vector := setweight(to_tsvector('enlace_search',
                                                 {words}(coalesce(NEW.title, ''))), 'A')
           || to_tsvector('enlace_search', {words}(
                coalesce((SELECT text FROM document_text WHERE id = NEW.id), '')));
         RETURN NEW;
       END $$"""
NAME_VECTOR = [
    "DROP INDEX fts_search_name_vector_gin",
    "ALTER TABLE search_name DROP COLUMN fts_vector",
    """ALTER TABLE search_name ADD COLUMN fts_vector tsvector
       GENERATED ALWAYS AS (to_tsvector('enlace_search'::regconfig, {words}(value))) STORED""",
    "CREATE INDEX fts_search_name_vector_gin ON search_name USING gin (fts_vector)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(WORDS)
    _vectors("enlace_words")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _vectors("")
    op.execute("DROP FUNCTION IF EXISTS enlace_words(text)")


def _vectors(words: str) -> None:
    """Compute every tsvector again, from text passed through ``words`` ("" for as is)."""
    op.execute(DOCUMENT_VECTOR.format(words=words))
    for statement in NAME_VECTOR:
        op.execute(statement.format(words=words))
    op.execute("UPDATE search_document SET title = title")  # fires the vector trigger
