"""The tables of the compliance registry (LSN Title VII), on the store's shared metadata.

Dates a person states (a request day, a permit's last day) are ``Date`` columns holding
Mexico City local dates; instants (a call, a filing) are naive UTC ``DateTime`` as
everywhere in the store. Deadlines are not stored: they are computed from these facts and
the rules file, so a change of rule applies to every record at once.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from enlace.store.tables import CODE, ID, metadata

compliance_agreement = Table(
    "compliance_agreement",
    metadata,
    Column("code", CODE, primary_key=True),
    Column("title", Text, nullable=False),
    Column("country", String(2), nullable=False),  # the sending state
    Column("agencies", Text, nullable=False),  # JSON list: foreign agencies it covers
    Column("authority", CODE, ForeignKey("agency.code"), nullable=False),  # gets intelligence
    Column("channels", Text, nullable=False),  # JSON list: Mexican bodies agents may deal with
    Column("created_at", DateTime, nullable=False),
)

foreign_agent = Table(
    "foreign_agent",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("nationality", String(2), nullable=False),
    Column("sending_state", String(2), nullable=False),
    Column("agency", CODE, ForeignKey("agency.code"), nullable=False, index=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=True, unique=True),
    Column("birth_date", Date, nullable=True),
    Column("created_at", DateTime, nullable=False),
)

official = Table(
    "official",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("level", String(16), nullable=False),  # federal | state | municipal | borough
    Column("body", CODE, nullable=False),  # SRE, SSPC, ... or a state/municipal body's code
    Column("place", Text, nullable=True),  # the state or municipality
    Column("designated", Boolean, nullable=False, default=False),  # may approve urgent meetings
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=True),
    Column("created_at", DateTime, nullable=False),
)

accreditation = Table(
    "accreditation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agent_id", Integer, ForeignKey("foreign_agent.id"), nullable=False, index=True),
    Column("agreement", CODE, ForeignKey("compliance_agreement.code"), nullable=False),
    Column("territory", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("requested_on", Date, nullable=False),
    Column("review_on", Date, nullable=True),
    Column("consulted", Text, nullable=False),  # JSON list of bodies that agreed
    Column("valid_from", Date, nullable=True),
    Column("valid_until", Date, nullable=True),
    Column("ended_on", Date, nullable=True),
    Column("reason", Text, nullable=True),
    Column("updated_at", DateTime, nullable=False),
)

firearm_permit = Table(
    "firearm_permit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agent_id", Integer, ForeignKey("foreign_agent.id"), nullable=False, index=True),
    Column("weapon", String(32), nullable=False),
    Column("calibre", String(32), nullable=False),
    Column("calibre_inches", Float, nullable=False),
    Column("serial", String(64), nullable=True),
    Column("site", Text, nullable=False),
    Column("applicant", CODE, nullable=False),
    Column("applied_on", Date, nullable=False),
    Column("assignment_start", Date, nullable=False),
    Column("status", String(16), nullable=False),  # applied | granted | ended
    Column("granted_on", Date, nullable=True),
    Column("valid_until", Date, nullable=True),
    Column("renewals", Integer, nullable=False, default=0),
    Column("ended_on", Date, nullable=True),
    Column("updated_at", DateTime, nullable=False),
)

meeting_request = Table(
    "meeting_request",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agent_id", Integer, ForeignKey("foreign_agent.id"), nullable=False, index=True),
    Column("official_id", Integer, ForeignKey("official.id"), nullable=False),
    Column("planned_at", DateTime, nullable=False),
    Column("topic", Text, nullable=False),
    Column("purpose", Text, nullable=False),
    Column("requested_at", DateTime, nullable=False),
    Column("status", String(16), nullable=False),  # requested | approved
    Column("approval", String(16), nullable=True),  # ordinary | urgent
    Column("approved_by", Text, nullable=True),  # GANS, or the designated official's id
    Column("approved_at", DateTime, nullable=True),
    Column("sre_official", Text, nullable=True),
)

contact = Table(
    "contact",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agent_id", Integer, ForeignKey("foreign_agent.id"), nullable=False, index=True),
    Column("official_id", Integer, ForeignKey("official.id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # meeting | exchange | call | message
    Column("occurred_at", DateTime, nullable=False),
    Column("meeting_id", Integer, ForeignKey("meeting_request.id"), nullable=True, unique=True),
    Column("sre_official", Text, nullable=True),
    Column("topic", Text, nullable=False),
    Column("purpose", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

contact_report = Table(
    "contact_report",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("contact_id", Integer, ForeignKey("contact.id"), nullable=False, unique=True),
    Column("filed_at", DateTime, nullable=False),
    Column("recipients", Text, nullable=False),  # JSON list, e.g. ["SRE", "SSPC"]
    Column("created_at", DateTime, nullable=False),
)

monthly_filing = Table(
    "monthly_filing",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("month", String(7), nullable=False),
    Column("filer", String(32), nullable=False),  # "agent:<id>" or "embassy:<CC>"
    Column("filed_at", DateTime, nullable=False),
    Column("recipients", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("month", "filer"),
)

handover_obligation = Table(
    "handover_obligation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", ID, ForeignKey("document.id"), nullable=False, unique=True),
    Column("owner", CODE, ForeignKey("agency.code"), nullable=False, index=True),
    Column("authority", CODE, nullable=False, index=True),
    Column("agreement", CODE, nullable=True),
    Column("obtained_at", DateTime, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
