"""Contacts between officials and foreign agents, and the written reports on them.

Any meeting, information exchange, call or message is recorded with its date and kind,
the agent (hence nationality and agency), topic and purpose. A meeting must point at an
approved request and have an SRE official present. The official reports it in writing to
the SRE and SSPC within 3 days (LSN 70 ¶2), counted on Mexico City dates in calendar or
business days as the rules say; which levels of official must report is a rule too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from enlace.clock import to_utc, utcnow
from enlace.compliance import guard, registry
from enlace.compliance.deadline import add_days, local_date
from enlace.compliance.rules import Rules, load_rules
from enlace.compliance.tables import contact, contact_report, meeting_request
from enlace.exceptions import InvalidData
from enlace.sharing.policy import Principal
from enlace.store import Store


def report_deadline(occurred_at: datetime, rules: Rules) -> date:
    """The last local day to report a contact that happened at ``occurred_at`` (UTC)."""
    days = int(rules.value("contact_report", "days"))
    return add_days(local_date(occurred_at, rules), days, rules)


def must_report(level: str, rules: Rules) -> bool:
    """Whether an official of ``level`` must report contacts under the chosen reading."""
    return level in rules.reporting_levels


def _meeting(conn: Connection, meeting_id: int | None, agent_id: int, official_id: int,
             when: datetime, rules: Rules) -> Any:
    if meeting_id is None:
        raise InvalidData(f"a meeting needs prior approval from the "
                          f"{rules.value('meeting', 'approver')} ({rules.article('meeting')}): "
                          "request and approve it, then give --meeting")
    row = conn.execute(select(meeting_request).where(meeting_request.c.id == meeting_id)).first()
    if row is None:
        raise InvalidData(f"unknown meeting request {meeting_id}")
    if (row.agent_id, row.official_id) != (agent_id, official_id):
        raise InvalidData(f"meeting request {meeting_id} is for another agent or official")
    if row.status != "approved" or row.approved_at > when:
        raise InvalidData(f"meeting {meeting_id} was not approved before it took place "
                          f"({rules.article('meeting')})")
    return row


def add(store: Store, actor: Principal, agent_id: int, official_id: int, kind: str,
        occurred_at: datetime, topic: str, purpose: str, meeting_id: int | None = None,
        sre_official: str | None = None, rules: Rules | None = None) -> int:
    """Record a contact; returns its id."""
    rules = rules or load_rules()
    guard.require(guard.may_record(actor))
    kinds: list[str] = rules.value("activity", "allowed_contact_kinds")
    if kind not in kinds:
        raise InvalidData(f"a contact is a {', '.join(kinds)}, not {kind!r}: agents do liaison "
                          f"and information exchange only ({rules.article('activity')})")
    when = to_utc(occurred_at)
    about = registry.text(topic, "topic (--topic)")
    why = registry.text(purpose, "purpose (--purpose)")
    with store.writer() as w:
        registry.agent(w.conn, agent_id, actor)
        registry.get_official(w.conn, official_id)
        attendee = (sre_official or "").strip() or None
        if kind in rules.value("meeting", "needs_approval"):
            approved = _meeting(w.conn, meeting_id, agent_id, official_id, when, rules)
            attendee = attendee or approved.sre_official
            if rules.value("meeting", "sre_present") and not attendee:
                raise InvalidData("a meeting needs an SRE official present (--sre-official)")
        elif meeting_id is not None:
            raise InvalidData(f"only a meeting refers to a meeting request, not a {kind}")
        found = int(w.conn.execute(insert(contact).values(
            agent_id=agent_id, official_id=official_id, kind=kind, occurred_at=when,
            meeting_id=meeting_id, sre_official=attendee, topic=about, purpose=why,
            created_at=utcnow(),
        )).inserted_primary_key[0])  # type: ignore[index]
        guard.audit(store, w.conn, actor, "contact.add",
                    [f"contact:{found}", f"agent:{agent_id}", f"official:{official_id}"],
                    {"kind": kind, "occurred_at": when, "meeting": meeting_id})
    return found


def report(store: Store, actor: Principal, contact_id: int, filed_at: datetime,
           recipients: Sequence[str], rules: Rules | None = None) -> int:
    """Record the official's written report on a contact; returns its id."""
    rules = rules or load_rules()
    guard.require(guard.may_record(actor))
    sent = sorted({registry.code(r, "recipient") for r in recipients})
    missing = sorted(set(rules.value("contact_report", "recipients")) - set(sent))
    if missing:
        raise InvalidData(f"the report goes to {' and '.join(missing)} as well "
                          f"({rules.article('contact_report')})")
    when = to_utc(filed_at)
    with store.writer() as w:
        row = w.conn.execute(select(contact).where(contact.c.id == contact_id)).first()
        if row is None:
            raise InvalidData(f"unknown contact {contact_id}")
        registry.agent(w.conn, row.agent_id, actor)
        if when < row.occurred_at:
            raise InvalidData(f"a report cannot be dated before its {row.kind} "
                              f"({row.occurred_at:%Y-%m-%d %H:%M} UTC)")
        if w.conn.execute(select(contact_report.c.id)
                          .where(contact_report.c.contact_id == contact_id)).first():
            raise InvalidData(f"contact {contact_id} has already been reported")
        found = int(w.conn.execute(insert(contact_report).values(
            contact_id=contact_id, filed_at=when, recipients=json.dumps(sent),
            created_at=utcnow(),
        )).inserted_primary_key[0])  # type: ignore[index]
        guard.audit(store, w.conn, actor, "contact.report",
                    [f"contact:{contact_id}", f"agent:{row.agent_id}"],
                    {"filed_at": when, "recipients": sent})
    return found
