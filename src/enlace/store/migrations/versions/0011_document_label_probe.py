"""Index documents by (id, label): a search hit's access check reads the label there.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_document_id_label_id", "document", ["id", "label_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_document_id_label_id", table_name="document")
