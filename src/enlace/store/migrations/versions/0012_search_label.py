"""Copy each document's label onto its search rows, so a hit's access check reads its own row.

``search_document`` and ``search_name`` get ``label_id``, filled from ``document``; the index
code writes it with every row, and a trigger on ``document`` carries a label change over to
the document's search rows in the same statement, on both backends.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("search_document", "search_name")
SQLITE_UP = [
    """CREATE TRIGGER search_label_follows_document AFTER UPDATE OF label_id ON document
       WHEN old.label_id IS NOT new.label_id BEGIN
         UPDATE search_document SET label_id = new.label_id WHERE document_id = new.id;
         UPDATE search_name SET label_id = new.label_id WHERE document_id = new.id;
       END""",
]
# The tsvector trigger of migration 0003 fired on any update; it now fires only when what
# it reads changes, so copying labels (here, and on every label change) re-reads no text.
VECTOR_ON = ["DROP TRIGGER fts_search_document_vector ON search_document",
             """CREATE TRIGGER fts_search_document_vector
                BEFORE INSERT OR UPDATE {columns}ON search_document
                FOR EACH ROW EXECUTE FUNCTION fts_search_document_vector()"""]
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION search_label_follows_document() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE search_document SET label_id = NEW.label_id WHERE document_id = NEW.id;
         UPDATE search_name SET label_id = NEW.label_id WHERE document_id = NEW.id;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER search_label_follows_document AFTER UPDATE OF label_id ON document
       FOR EACH ROW WHEN (OLD.label_id IS DISTINCT FROM NEW.label_id)
       EXECUTE FUNCTION search_label_follows_document()""",
]


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        _vector_trigger("OF id, title ")
    for name in TABLES:
        op.add_column(name, sa.Column("label_id", sa.Integer(), nullable=True))
        op.execute(f"UPDATE {name} SET label_id = (SELECT label_id FROM document "
                   f"WHERE document.id = {name}.document_id)")
    for statement in POSTGRES_UP if postgres else SQLITE_UP:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS search_label_follows_document" +
               ("" if op.get_bind().dialect.name == "sqlite" else " ON document"))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS search_label_follows_document()")
        _vector_trigger("")
    for name in TABLES:  # not batch mode: rebuilding a table would drop its fts triggers
        op.execute(f"ALTER TABLE {name} DROP COLUMN label_id")


def _vector_trigger(columns: str) -> None:
    """Make the tsvector trigger fire on updates of ``columns`` ("" for any update)."""
    for statement in VECTOR_ON:
        op.execute(statement.format(columns=columns))
