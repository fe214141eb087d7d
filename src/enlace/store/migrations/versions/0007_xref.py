"""Add cross-reference matches and access requests.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "xref_key",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", "entity_id", name=op.f("pk_xref_key")),
    )
    op.create_index("ix_xref_key_entity_id", "xref_key", ["entity_id"], unique=False)
    op.create_table(
        "xref_term",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_xref_term")),
    )
    op.create_table(
        "xref_entity",
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("indexed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity_id", name=op.f("pk_xref_entity")),
    )
    op.create_table(
        "xref_state",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("mark", sa.DateTime(), nullable=True),
        sa.Column("target", sa.DateTime(), nullable=True),
        sa.Column("cursor", sa.String(length=255), nullable=True),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_xref_state")),
    )
    op.create_table(
        "xref_match",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("query", sa.String(length=255), nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agency"], ["agency.code"],
                                name=op.f("fk_xref_match_agency_agency")),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_xref_match_user_id_app_user")),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_xref_match")),
    )
    op.create_index("ix_xref_match_user_id", "xref_match", ["user_id", "query", "agency"],
                    unique=False)
    op.create_table(
        "xref_match_document",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"],
                                name=op.f("fk_xref_match_document_document_id_document")),
        sa.ForeignKeyConstraint(["token"], ["xref_match.token"],
                                name=op.f("fk_xref_match_document_token_xref_match")),
        sa.PrimaryKeyConstraint("token", "document_id", "entity_id",
                                name=op.f("pk_xref_match_document")),
    )
    op.create_table(
        "access_request",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("requester", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["agency"], ["agency.code"],
                                name=op.f("fk_access_request_agency_agency")),
        sa.ForeignKeyConstraint(["decided_by"], ["app_user.id"],
                                name=op.f("fk_access_request_decided_by_app_user")),
        sa.ForeignKeyConstraint(["requester"], ["app_user.id"],
                                name=op.f("fk_access_request_requester_app_user")),
        sa.ForeignKeyConstraint(["token"], ["xref_match.token"],
                                name=op.f("fk_access_request_token_xref_match")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_request")),
    )
    op.create_index(op.f("ix_access_request_agency"), "access_request", ["agency"],
                    unique=False)
    op.create_index(op.f("ix_access_request_token"), "access_request", ["token"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_access_request_token"), table_name="access_request")
    op.drop_index(op.f("ix_access_request_agency"), table_name="access_request")
    op.drop_table("access_request")
    op.drop_table("xref_match_document")
    op.drop_index("ix_xref_match_user_id", table_name="xref_match")
    op.drop_table("xref_match")
    op.drop_table("xref_state")
    op.drop_table("xref_entity")
    op.drop_table("xref_term")
    op.drop_index("ix_xref_key_entity_id", table_name="xref_key")
    op.drop_table("xref_key")
