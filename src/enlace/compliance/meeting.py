"""Meeting requests and their approval (LSN 70 ¶2, LSN 75; January 2021 guidelines).

A meeting between an official and a foreign agent needs the GANS's prior approval and an
SRE official present; an urgent one may be approved by an official the GANS designated.
Approval must come before the meeting. Calls and messages need none (see ``contact``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from enlace.clock import to_utc, utcnow
from enlace.compliance import guard, registry
from enlace.compliance.rules import Rules, load_rules
from enlace.compliance.tables import meeting_request
from enlace.exceptions import InvalidData
from enlace.sharing.policy import Principal
from enlace.store import Store


def request(store: Store, actor: Principal, agent_id: int, official_id: int,
            planned_at: datetime, topic: str, purpose: str,
            requested_at: datetime | None = None) -> int:
    """Record a request to meet; times are naive UTC or aware. Returns its id."""
    guard.require(guard.may_record(actor))
    planned, asked = to_utc(planned_at), to_utc(requested_at or utcnow())
    if planned <= asked:
        raise InvalidData(f"a meeting is requested before it takes place (planned "
                          f"{planned:%Y-%m-%d %H:%M} UTC, requested {asked:%Y-%m-%d %H:%M} UTC)")
    about = registry.text(topic, "topic (--topic)")
    why = registry.text(purpose, "purpose (--purpose)")
    with store.writer() as w:
        registry.agent(w.conn, agent_id, actor)
        registry.get_official(w.conn, official_id)
        found = int(w.conn.execute(insert(meeting_request).values(
            agent_id=agent_id, official_id=official_id, planned_at=planned, topic=about,
            purpose=why, requested_at=asked, status="requested",
        )).inserted_primary_key[0])  # type: ignore[index]
        guard.audit(store, w.conn, actor, "meeting.request",
                    [f"meeting:{found}", f"agent:{agent_id}", f"official:{official_id}"],
                    {"planned_at": planned, "requested_at": asked})
    return found


def _approver(by: str, urgent: bool, conn: Connection, rules: Rules) -> str:
    ordinary = str(rules.value("meeting", "approver"))
    if not urgent:
        if by.strip().upper() != ordinary:
            raise InvalidData(f"an ordinary meeting is approved by the {ordinary} "
                              f"({rules.article('meeting')}); an urgent one by a designated "
                              "official (--urgent)")
        return ordinary
    if not by.strip().isdigit():
        raise InvalidData(f"an urgent meeting is approved by a designated official: give "
                          f"their id, not {by!r}")
    row = registry.get_official(conn, int(by))
    if not row.designated:
        raise InvalidData(f"official {row.id} is not designated by the {ordinary} to approve "
                          "urgent meetings")
    return f"official:{row.id}"


def approve(store: Store, actor: Principal, meeting_id: int, by: str, sre_official: str | None,
            urgent: bool = False, approved_at: datetime | None = None,
            rules: Rules | None = None) -> None:
    """Record the approval of a requested meeting, before it takes place."""
    rules = rules or load_rules()
    guard.require(guard.may_decide(actor, "the approval of a meeting"))
    when = to_utc(approved_at or utcnow())
    attendee = (sre_official or "").strip()
    if rules.value("meeting", "sre_present") and not attendee:
        raise InvalidData("name the SRE official who will attend (--sre-official): a meeting "
                          f"needs one present ({rules.article('meeting')})")
    with store.writer() as w:
        row = w.conn.execute(select(meeting_request)
                             .where(meeting_request.c.id == meeting_id)).first()
        if row is None:
            raise InvalidData(f"unknown meeting request {meeting_id}")
        registry.agent(w.conn, row.agent_id, actor)
        if row.status != "requested":
            raise InvalidData(f"meeting {meeting_id} is already {row.status}")
        if when >= row.planned_at:
            raise InvalidData(f"approval must come before the meeting "
                              f"({row.planned_at:%Y-%m-%d %H:%M} UTC)")
        approver = _approver(by, urgent, w.conn, rules)
        kind = "urgent" if urgent else "ordinary"
        w.conn.execute(update(meeting_request).where(meeting_request.c.id == meeting_id).values(
            status="approved", approval=kind, approved_by=approver, approved_at=when,
            sre_official=attendee or None))
        guard.audit(store, w.conn, actor, "meeting.approve",
                    [f"meeting:{meeting_id}", f"agent:{row.agent_id}"],
                    {"approval": kind, "approved_by": approver, "approved_at": when})
