"""Add grants, disseminations, sharing groups and watermarks.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sharing_group",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_sharing_group_owner_id_app_user")
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sharing_group")),
    )
    op.create_table(
        "sharing_group_member",
        sa.Column("group_name", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by"], ["app_user.id"],
            name=op.f("fk_sharing_group_member_added_by_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["group_name"], ["sharing_group.name"],
            name=op.f("fk_sharing_group_member_group_name_sharing_group"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_sharing_group_member_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("group_name", "user_id", name=op.f("pk_sharing_group_member")),
    )
    op.create_table(
        "dissemination",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=True),
        sa.Column("shared_by", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=128), nullable=False),
        sa.Column("tlp", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["revoked_by"], ["app_user.id"], name=op.f("fk_dissemination_revoked_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["shared_by"], ["app_user.id"], name=op.f("fk_dissemination_shared_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dissemination")),
    )
    op.create_table(
        "dissemination_copy",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dissemination_id", sa.String(length=64), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=True),
        sa.Column("grant_id", sa.Integer(), nullable=True),
        sa.Column("redacted", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("agency", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["dissemination_id"], ["dissemination.id"],
            name=op.f("fk_dissemination_copy_dissemination_id_dissemination"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"],
            name=op.f("fk_dissemination_copy_document_id_document"),
        ),
        sa.ForeignKeyConstraint(
            ["grant_id"], ["access_grant.id"],
            name=op.f("fk_dissemination_copy_grant_id_access_grant"),
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["app_user.id"],
            name=op.f("fk_dissemination_copy_recipient_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dissemination_copy")),
        sa.UniqueConstraint(
            "dissemination_id", "recipient_id",
            name=op.f("uq_dissemination_copy_dissemination_id_recipient_id"),
        ),
    )
    with op.batch_alter_table("dissemination_copy", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dissemination_copy_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("dissemination_copy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dissemination_copy_document_id"))
    op.drop_table("dissemination_copy")
    op.drop_table("dissemination")
    op.drop_table("sharing_group_member")
    op.drop_table("sharing_group")
