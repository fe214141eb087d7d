"""Add the legal-duty registry (agents, permits, contacts, obligations).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monthly_filing",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("filer", sa.String(length=32), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monthly_filing")),
        sa.UniqueConstraint("month", "filer", name=op.f("uq_monthly_filing_month_filer")),
    )
    op.create_table(
        "compliance_agreement",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("agencies", sa.Text(), nullable=False),
        sa.Column("authority", sa.String(length=32), nullable=False),
        sa.Column("channels", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["authority"], ["agency.code"], name=op.f("fk_compliance_agreement_authority_agency")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_compliance_agreement")),
    )
    op.create_table(
        "foreign_agent",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("nationality", sa.String(length=2), nullable=False),
        sa.Column("sending_state", sa.String(length=2), nullable=False),
        sa.Column("agency", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency"], ["agency.code"], name=op.f("fk_foreign_agent_agency_agency")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_foreign_agent_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_foreign_agent")),
        sa.UniqueConstraint("user_id", name=op.f("uq_foreign_agent_user_id")),
    )
    op.create_index(op.f("ix_foreign_agent_agency"), "foreign_agent", ["agency"], unique=False)
    op.create_table(
        "official",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("body", sa.String(length=32), nullable=False),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("designated", sa.Boolean(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_official_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official")),
    )
    op.create_table(
        "accreditation",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("agreement", sa.String(length=32), nullable=False),
        sa.Column("territory", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=True),
        sa.Column("consulted", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["foreign_agent.id"], name=op.f("fk_accreditation_agent_id_foreign_agent")
        ),
        sa.ForeignKeyConstraint(
            ["agreement"],
            ["compliance_agreement.code"],
            name=op.f("fk_accreditation_agreement_compliance_agreement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accreditation")),
    )
    op.create_index(op.f("ix_accreditation_agent_id"), "accreditation", ["agent_id"], unique=False)
    op.create_table(
        "firearm_permit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("weapon", sa.String(length=32), nullable=False),
        sa.Column("calibre", sa.String(length=32), nullable=False),
        sa.Column("calibre_inches", sa.Float(), nullable=False),
        sa.Column("serial", sa.String(length=64), nullable=True),
        sa.Column("site", sa.Text(), nullable=False),
        sa.Column("applicant", sa.String(length=32), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("assignment_start", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("granted_on", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("renewals", sa.Integer(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["foreign_agent.id"],
            name=op.f("fk_firearm_permit_agent_id_foreign_agent"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_firearm_permit")),
    )
    op.create_index(
        op.f("ix_firearm_permit_agent_id"), "firearm_permit", ["agent_id"], unique=False
    )
    op.create_table(
        "handover_obligation",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("authority", sa.String(length=32), nullable=False),
        sa.Column("agreement", sa.String(length=32), nullable=True),
        sa.Column("obtained_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_handover_obligation_document_id_document"),
        ),
        sa.ForeignKeyConstraint(
            ["owner"], ["agency.code"], name=op.f("fk_handover_obligation_owner_agency")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_obligation")),
        sa.UniqueConstraint("document_id", name=op.f("uq_handover_obligation_document_id")),
    )
    op.create_index(
        op.f("ix_handover_obligation_authority"), "handover_obligation", ["authority"], unique=False
    )
    op.create_index(
        op.f("ix_handover_obligation_owner"), "handover_obligation", ["owner"], unique=False
    )
    op.create_table(
        "meeting_request",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=False),
        sa.Column("planned_at", sa.DateTime(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("approval", sa.String(length=16), nullable=True),
        sa.Column("approved_by", sa.Text(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("sre_official", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["foreign_agent.id"],
            name=op.f("fk_meeting_request_agent_id_foreign_agent"),
        ),
        sa.ForeignKeyConstraint(
            ["official_id"], ["official.id"], name=op.f("fk_meeting_request_official_id_official")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_request")),
    )
    op.create_index(
        op.f("ix_meeting_request_agent_id"), "meeting_request", ["agent_id"], unique=False
    )
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("sre_official", sa.Text(), nullable=True),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["foreign_agent.id"], name=op.f("fk_contact_agent_id_foreign_agent")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting_request.id"],
            name=op.f("fk_contact_meeting_id_meeting_request"),
        ),
        sa.ForeignKeyConstraint(
            ["official_id"], ["official.id"], name=op.f("fk_contact_official_id_official")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_contact_meeting_id")),
    )
    op.create_index(op.f("ix_contact_agent_id"), "contact", ["agent_id"], unique=False)
    op.create_index(op.f("ix_contact_official_id"), "contact", ["official_id"], unique=False)
    op.create_table(
        "contact_report",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_contact_report_contact_id_contact")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_report")),
        sa.UniqueConstraint("contact_id", name=op.f("uq_contact_report_contact_id")),
    )


def downgrade() -> None:
    op.drop_table("contact_report")
    op.drop_index(op.f("ix_contact_official_id"), table_name="contact")
    op.drop_index(op.f("ix_contact_agent_id"), table_name="contact")
    op.drop_table("contact")
    op.drop_index(op.f("ix_meeting_request_agent_id"), table_name="meeting_request")
    op.drop_table("meeting_request")
    op.drop_index(op.f("ix_handover_obligation_owner"), table_name="handover_obligation")
    op.drop_index(op.f("ix_handover_obligation_authority"), table_name="handover_obligation")
    op.drop_table("handover_obligation")
    op.drop_index(op.f("ix_firearm_permit_agent_id"), table_name="firearm_permit")
    op.drop_table("firearm_permit")
    op.drop_index(op.f("ix_accreditation_agent_id"), table_name="accreditation")
    op.drop_table("accreditation")
    op.drop_table("official")
    op.drop_index(op.f("ix_foreign_agent_agency"), table_name="foreign_agent")
    op.drop_table("foreign_agent")
    op.drop_table("compliance_agreement")
    op.drop_table("monthly_filing")
