"""Index statements by value, for references to an entity and for name lookups.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_statement_value", "statement", ["value"], unique=False,
                    postgresql_using="hash")


def downgrade() -> None:
    op.drop_index("ix_statement_value", table_name="statement")
