"""One foreign agent's file: accreditations, permits, meetings, contacts and their deadlines.

Each item carries its next deadline and where it stands, in the states ``status`` uses
(overdue, due_soon, open, met, late, waiting, long_wait) or its own settled status, so a
page can highlight what is overdue. The file is read for a person who follows the agent's
agency; to anyone else the agent does not exist (NotFound).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, select

from enlace.clock import utcnow
from enlace.compliance import locate, registry
from enlace.compliance.contact import must_report, report_deadline
from enlace.compliance.deadline import local_date
from enlace.compliance.rules import Rules, load_rules
from enlace.compliance.status import timing
from enlace.compliance.tables import (
    accreditation,
    contact,
    contact_report,
    firearm_permit,
    meeting_request,
    official,
)
from enlace.sharing.policy import Principal
from enlace.store import Store


def local_time(instant: datetime, rules: Rules) -> str:
    """A stored instant as Mexico City wall-clock time, ``YYYY-MM-DD HH:MM``."""
    aware = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return aware.astimezone(rules.zone).strftime("%Y-%m-%d %H:%M")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _accreditation(row: Any, today: date, rules: Rules) -> dict[str, Any]:
    due, days = None, None
    if row.status in ("requested", "under_review"):
        days = (today - row.requested_on).days
        state = ("long_wait" if days > int(rules.value("accreditation", "long_wait_days"))
                 else "waiting")
    elif row.status == "accredited" and row.valid_until is not None:
        due, days = row.valid_until, (today - row.valid_until).days
        state = timing(due, today, rules, int(rules.value("accreditation",
                                                          "expiry_warning_days")))
    else:
        state = row.status
    return {"id": row.id, "agreement": row.agreement, "territory": row.territory,
            "status": row.status, "requested_on": _iso(row.requested_on),
            "consulted": json.loads(row.consulted), "valid_from": _iso(row.valid_from),
            "valid_until": _iso(row.valid_until), "ended_on": _iso(row.ended_on),
            "due": _iso(due), "state": state, "days": days}


def _permit(row: Any, today: date, rules: Rules) -> dict[str, Any]:
    due: date | None = None
    if row.status == "applied":
        due = row.assignment_start
        state = timing(due, today, rules)
    elif row.status == "granted":
        due = row.valid_until
        state = timing(due, today, rules, int(rules.value("firearms", "expiry_warning_days")))
    else:
        state = row.status
    return {"id": row.id, "weapon": row.weapon, "calibre": row.calibre, "site": row.site,
            "applicant": row.applicant, "status": row.status,
            "applied_on": _iso(row.applied_on), "assignment_start": _iso(row.assignment_start),
            "granted_on": _iso(row.granted_on), "valid_until": _iso(row.valid_until),
            "renewals": row.renewals, "ended_on": _iso(row.ended_on), "due": _iso(due),
            "state": state}


def _meeting(row: Any, today: date, rules: Rules) -> dict[str, Any]:
    planned = local_date(row.planned_at, rules)
    state = timing(planned, today, rules) if row.status == "requested" else row.status
    return {"id": row.id, "official": row.official_id, "planned": local_time(row.planned_at,
                                                                             rules),
            "topic": row.topic, "purpose": row.purpose, "status": row.status,
            "approval": row.approval, "approved_by": row.approved_by,
            "sre_official": row.sre_official, "due": _iso(planned), "state": state}


def _contact(row: Any, today: date, rules: Rules) -> dict[str, Any]:
    due = report_deadline(row.occurred_at, rules)
    if row.filed_at is not None:
        state = "met" if local_date(row.filed_at, rules) <= due else "late"
    elif must_report(row.level, rules):
        state = timing(due, today, rules)
    else:
        state = "not_required"
    return {"id": row.id, "official": row.official_id, "official_name": row.name,
            "level": row.level, "body": row.body, "kind": row.kind,
            "occurred": local_time(row.occurred_at, rules), "meeting": row.meeting_id,
            "sre_official": row.sre_official, "topic": row.topic, "purpose": row.purpose,
            "report_due": due.isoformat(),
            "reported": local_time(row.filed_at, rules) if row.filed_at else None,
            "state": state, "days": (today - due).days}


def _rows(conn: Connection, agent_id: int) -> dict[str, list[Any]]:
    contacts = (select(contact, official.c.name, official.c.level, official.c.body,
                       contact_report.c.filed_at)
                .join(official, official.c.id == contact.c.official_id)
                .outerjoin(contact_report, contact_report.c.contact_id == contact.c.id)
                .where(contact.c.agent_id == agent_id)
                .order_by(contact.c.occurred_at.desc(), contact.c.id.desc()))
    return {
        "accreditations": list(conn.execute(select(accreditation).where(
            accreditation.c.agent_id == agent_id).order_by(accreditation.c.id))),
        "permits": list(conn.execute(select(firearm_permit).where(
            firearm_permit.c.agent_id == agent_id).order_by(firearm_permit.c.id))),
        "meetings": list(conn.execute(select(meeting_request).where(
            meeting_request.c.agent_id == agent_id).order_by(meeting_request.c.planned_at))),
        "contacts": list(conn.execute(contacts)),
    }


def agent_file(store: Store, actor: Principal, agent_id: int, today: date | None = None,
               rules: Rules | None = None) -> dict[str, Any]:
    """The agent and every record about them, each with its deadline and state."""
    rules = rules or load_rules()
    locate.agent_of(store, actor, "agent", agent_id)
    today = today or local_date(utcnow(), rules)
    with store.engine.connect() as conn:
        row = registry.agent(conn, agent_id, actor)
        rows = _rows(conn, agent_id)
    return {
        "agent": {"id": row.id, "name": row.name, "nationality": row.nationality,
                  "sending_state": row.sending_state, "agency": row.agency,
                  "birth_date": _iso(row.birth_date)},
        "today": today.isoformat(),
        "accreditations": [_accreditation(r, today, rules) for r in rows["accreditations"]],
        "permits": [_permit(r, today, rules) for r in rows["permits"]],
        "meetings": [_meeting(r, today, rules) for r in rows["meetings"]],
        "contacts": [_contact(r, today, rules) for r in rows["contacts"]],
    }
