"""Create the store: people, agencies, labels, documents, grants and statements.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 01:06:14.844866
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agency",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_agency")),
    )
    op.create_table(
        "classification_level",
        sa.Column("rank", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("spanish", sa.String(length=64), nullable=False),
        sa.Column("names", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("rank", name=op.f("pk_classification_level")),
        sa.UniqueConstraint("name", name=op.f("uq_classification_level_name")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=True),
        sa.Column("clearance", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clearance"],
            ["classification_level.rank"],
            name=op.f("fk_app_user_clearance_classification_level"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("name", name=op.f("uq_app_user_name")),
    )
    op.create_table(
        "label",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["level"],
            ["classification_level.rank"],
            name=op.f("fk_label_level_classification_level"),
        ),
        sa.ForeignKeyConstraint(["owner"], ["agency.code"], name=op.f("fk_label_owner_agency")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_label_fingerprint")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("owner", sa.String(length=32), nullable=True),
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("tlp", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("file_name", sa.Text(), nullable=True),
        sa.Column("mime_type", sa.String(length=128), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("obtained_in", sa.String(length=2), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("parent_id", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_document_created_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["label_id"], ["label.id"], name=op.f("fk_document_label_id_label")
        ),
        sa.ForeignKeyConstraint(["owner"], ["agency.code"], name=op.f("fk_document_owner_agency")),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["document.id"], name=op.f("fk_document_parent_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("owner", "content_hash", name=op.f("uq_document_owner_content_hash")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index("ix_document_label_id", ["label_id"], unique=False)

    op.create_table(
        "label_compartment",
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("compartment", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["label_id"], ["label.id"], name=op.f("fk_label_compartment_label_id_label")
        ),
        sa.PrimaryKeyConstraint("label_id", "compartment", name=op.f("pk_label_compartment")),
    )
    op.create_table(
        "label_release",
        sa.Column("label_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["label_id"], ["label.id"], name=op.f("fk_label_release_label_id_label")
        ),
        sa.PrimaryKeyConstraint("label_id", "target", name=op.f("pk_label_release")),
    )
    op.create_table(
        "user_agency",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agency.code"], name=op.f("fk_user_agency_agency_agency")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_user_agency_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("user_id", "agency", name=op.f("pk_user_agency")),
    )
    op.create_table(
        "user_compartment",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("compartment", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_user_compartment_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("user_id", "compartment", name=op.f("pk_user_compartment")),
    )
    op.create_table(
        "user_role",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_user_role_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("user_id", "role", name=op.f("pk_user_role")),
    )
    op.create_table(
        "access_grant",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("grantee_kind", sa.String(length=16), nullable=False),
        sa.Column("grantee", sa.String(length=128), nullable=False),
        sa.Column("tlp", sa.String(length=16), nullable=True),
        sa.Column("granted_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_access_grant_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["granted_by"], ["app_user.id"], name=op.f("fk_access_grant_granted_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by"], ["app_user.id"], name=op.f("fk_access_grant_revoked_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_grant")),
    )
    with op.batch_alter_table("access_grant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_access_grant_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "document_input",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("input_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_document_input_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["input_id"], ["document.id"], name=op.f("fk_document_input_input_id_document")
        ),
        sa.PrimaryKeyConstraint("document_id", "input_id", name=op.f("pk_document_input")),
    )
    with op.batch_alter_table("document_input", schema=None) as batch_op:
        batch_op.create_index("ix_document_input_input_id", ["input_id"], unique=False)

    op.create_table(
        "label_change",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("old_label_id", sa.Integer(), nullable=False),
        sa.Column("new_label_id", sa.Integer(), nullable=False),
        sa.Column("old_tlp", sa.String(length=16), nullable=False),
        sa.Column("new_tlp", sa.String(length=16), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["app_user.id"], name=op.f("fk_label_change_changed_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_label_change_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["new_label_id"], ["label.id"], name=op.f("fk_label_change_new_label_id_label")
        ),
        sa.ForeignKeyConstraint(
            ["old_label_id"], ["label.id"], name=op.f("fk_label_change_old_label_id_label")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_label_change")),
    )
    with op.batch_alter_table("label_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_label_change_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "statement",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("schema", sa.String(length=64), nullable=False),
        sa.Column("prop", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=True),
        sa.Column("original_value", sa.Text(), nullable=True),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=128), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_statement_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
    )
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.create_index("ix_statement_document_id", ["document_id"], unique=False)
        batch_op.create_index("ix_statement_entity_id", ["entity_id"], unique=False)
        batch_op.create_index("ix_statement_schema", ["schema"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_index("ix_statement_schema")
        batch_op.drop_index("ix_statement_entity_id")
        batch_op.drop_index("ix_statement_document_id")

    op.drop_table("statement")
    with op.batch_alter_table("label_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_label_change_document_id"))

    op.drop_table("label_change")
    with op.batch_alter_table("document_input", schema=None) as batch_op:
        batch_op.drop_index("ix_document_input_input_id")

    op.drop_table("document_input")
    with op.batch_alter_table("access_grant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_grant_document_id"))

    op.drop_table("access_grant")
    op.drop_table("user_role")
    op.drop_table("user_compartment")
    op.drop_table("user_agency")
    op.drop_table("label_release")
    op.drop_table("label_compartment")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index("ix_document_label_id")

    op.drop_table("document")
    op.drop_table("label")
    op.drop_table("app_user")
    op.drop_table("setting")
    op.drop_table("classification_level")
    op.drop_table("agency")
