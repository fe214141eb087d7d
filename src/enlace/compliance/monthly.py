"""The monthly report (LSN 71-V): who owes one, its filing, and its content.

An agent reports every month they were accredited, to the SRE and SSPC, on their
activities and dealings with federal, state and municipal authorities. Press on the January
2021 guidelines puts the report on embassies instead, so the filer is a rule: ``agent``
(one report per agent) or ``embassy`` (one per sending state, covering its agents). The
content is built from the registry alone: contacts, meetings, permits and handover counts,
never the intelligence itself.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select

from enlace.clock import to_utc, utcnow
from enlace.compliance import guard, registry
from enlace.compliance.deadline import add_days, add_months, end_of_day, local_date, parse_month
from enlace.compliance.rules import Rules, load_rules
from enlace.compliance.tables import (
    accreditation,
    contact,
    contact_report,
    firearm_permit,
    foreign_agent,
    handover_obligation,
    meeting_request,
    monthly_filing,
    official,
)
from enlace.exceptions import InvalidData
from enlace.sharing.policy import Principal
from enlace.store import Store


def filer_key(rules: Rules, agent_id: int | None = None, embassy: str | None = None) -> str:
    """``agent:<id>`` or ``embassy:<CC>``, checked against the rule on who files."""
    if (agent_id is None) == (embassy is None):
        raise InvalidData("name either an agent (--agent) or an embassy (--embassy)")
    wanted = "agent" if agent_id is not None else "embassy"
    if wanted != rules.filer:
        raise InvalidData(f"under the current rules the {rules.filer} files the monthly report "
                          f"({rules.article('monthly_report')}), not the {wanted}")
    if agent_id is not None:
        return f"agent:{agent_id}"
    return f"embassy:{registry.country(embassy or '', 'embassy')}"


def due_date(month: str, rules: Rules) -> date:
    _, last = parse_month(month)
    return add_days(last, int(rules.value("monthly_report", "due_days")), rules, "calendar")


def accredited_during(first: date, last: date) -> Any:
    """SQL: an accreditation that was in force on some day of ``first``..``last``."""
    a = accreditation.c
    return and_(a.valid_from.is_not(None), a.valid_from <= last,
                or_(a.valid_until.is_(None), a.valid_until >= first),
                or_(a.ended_on.is_(None), a.ended_on >= first))


def agents_of(conn: Connection, filer: str, first: date, last: date,
              actor: Principal) -> list[Any]:
    """The agents a filer reports on for a month, if accredited in it."""
    kind, key = filer.split(":", 1)
    query = (select(foreign_agent).distinct()
             .join(accreditation, accreditation.c.agent_id == foreign_agent.c.id)
             .where(accredited_during(first, last),
                    guard.agency_scope(actor, foreign_agent.c.agency))
             .order_by(foreign_agent.c.id))
    if kind == "agent":
        registry.agent(conn, int(key), actor)
        query = query.where(foreign_agent.c.id == int(key))
    else:
        query = query.where(foreign_agent.c.sending_state == key)
    return list(conn.execute(query))


def owed(conn: Connection, first: date, last: date, rules: Rules, actor: Principal) -> list[str]:
    """Every filer that owes a report for the month ``first``..``last``."""
    query = (select(foreign_agent.c.id, foreign_agent.c.sending_state).distinct()
             .join(accreditation, accreditation.c.agent_id == foreign_agent.c.id)
             .where(accredited_during(first, last),
                    guard.agency_scope(actor, foreign_agent.c.agency)))
    rows = list(conn.execute(query))
    if rules.filer == "agent":
        return sorted({f"agent:{r.id}" for r in rows})
    return sorted({f"embassy:{r.sending_state}" for r in rows})


def filed(conn: Connection, month: str) -> dict[str, datetime]:
    rows = conn.execute(select(monthly_filing.c.filer, monthly_filing.c.filed_at)
                        .where(monthly_filing.c.month == month))
    return {r.filer: r.filed_at for r in rows}


def record_filing(store: Store, actor: Principal, month: str, filed_at: datetime,
                  recipients: Sequence[str], agent_id: int | None = None,
                  embassy: str | None = None, rules: Rules | None = None) -> int:
    """Record that a monthly report was filed; returns the filing's id."""
    rules = rules or load_rules()
    guard.require(guard.may_record(actor))
    key = filer_key(rules, agent_id, embassy)
    first, last = parse_month(month)
    when = to_utc(filed_at)
    if local_date(when, rules) <= last:
        raise InvalidData(f"the report for {month} is filed after the month ends, not on "
                          f"{local_date(when, rules)}")
    sent = sorted({registry.code(r, "recipient") for r in recipients})
    missing = sorted(set(rules.value("monthly_report", "recipients")) - set(sent))
    if missing:
        raise InvalidData(f"the monthly report goes to {' and '.join(missing)} as well "
                          f"({rules.article('monthly_report')})")
    with store.writer() as w:
        if not agents_of(w.conn, key, first, last, actor):
            raise InvalidData(f"{key} had no accredited agent in {month}: nothing to report")
        if key in filed(w.conn, month):
            raise InvalidData(f"the {month} report of {key} is already recorded")
        found = int(w.conn.execute(insert(monthly_filing).values(
            month=first.strftime("%Y-%m"), filer=key, filed_at=when, recipients=json.dumps(sent),
            created_at=utcnow())).inserted_primary_key[0])  # type: ignore[index]
        guard.audit(store, w.conn, actor, "monthly.file", [f"filing:{found}"],
                    {"month": month, "filer": key, "filed_at": when, "recipients": sent})
    return found


def months_between(first: date, last: date) -> list[str]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current.strftime("%Y-%m"))
        current = add_months(current, 1)
    return months


def earliest_accreditation(conn: Connection) -> date | None:
    found = conn.execute(select(func.min(accreditation.c.valid_from))).scalar()
    return found if isinstance(found, date) else None


def _contacts(conn: Connection, agent_id: int, first: date, last: date,
              rules: Rules) -> list[dict[str, Any]]:
    start, end = end_of_day(first - timedelta(days=1), rules), end_of_day(last, rules)
    query = (select(contact, official.c.level, official.c.body, official.c.place,
                    contact_report.c.filed_at)
             .join(official, official.c.id == contact.c.official_id)
             .outerjoin(contact_report, contact_report.c.contact_id == contact.c.id)
             .where(contact.c.agent_id == agent_id, contact.c.occurred_at > start,
                    contact.c.occurred_at <= end)
             .order_by(contact.c.occurred_at, contact.c.id))
    return [{"id": r.id, "date": local_date(r.occurred_at, rules).isoformat(), "kind": r.kind,
             "level": r.level, "body": r.body, "place": r.place, "topic": r.topic,
             "purpose": r.purpose, "meeting": r.meeting_id, "sre_official": r.sre_official,
             "reported": local_date(r.filed_at, rules).isoformat() if r.filed_at else None}
            for r in conn.execute(query)]


def _meetings(conn: Connection, agent_id: int, first: date, last: date,
              rules: Rules) -> list[dict[str, Any]]:
    start, end = end_of_day(first - timedelta(days=1), rules), end_of_day(last, rules)
    query = (select(meeting_request).where(
        meeting_request.c.agent_id == agent_id, meeting_request.c.planned_at > start,
        meeting_request.c.planned_at <= end).order_by(meeting_request.c.planned_at))
    return [{"id": r.id, "planned": local_date(r.planned_at, rules).isoformat(),
             "status": r.status, "approval": r.approval, "approved_by": r.approved_by}
            for r in conn.execute(query)]


def _permits(conn: Connection, agent_id: int) -> list[dict[str, Any]]:
    query = (select(firearm_permit).where(firearm_permit.c.agent_id == agent_id)
             .order_by(firearm_permit.c.id))
    return [{"id": r.id, "weapon": r.weapon, "calibre": r.calibre, "status": r.status,
             "valid_until": r.valid_until.isoformat() if r.valid_until else None}
            for r in conn.execute(query)]


def _accreditation(conn: Connection, agent_id: int, first: date, last: date) -> dict[str, Any]:
    row = conn.execute(select(accreditation).where(
        accreditation.c.agent_id == agent_id, accredited_during(first, last))
        .order_by(accreditation.c.valid_from.desc())).first()
    assert row is not None  # agents_of only returns accredited agents
    return {"id": row.id, "agreement": row.agreement, "territory": row.territory,
            "status": row.status, "valid_from": row.valid_from.isoformat(),
            "valid_until": row.valid_until.isoformat() if row.valid_until else None}


def _handover(conn: Connection, agencies: set[str], first: date, last: date,
              rules: Rules) -> dict[str, int]:
    start, end = end_of_day(first - timedelta(days=1), rules), end_of_day(last, rules)
    query = (select(handover_obligation.c.owner, func.count()).where(
        handover_obligation.c.owner.in_(sorted(agencies)),
        handover_obligation.c.obtained_at > start, handover_obligation.c.obtained_at <= end)
        .group_by(handover_obligation.c.owner))
    return {str(owner): int(n) for owner, n in conn.execute(query)}


def build(store: Store, actor: Principal, month: str, agent_id: int | None = None,
          embassy: str | None = None, rules: Rules | None = None) -> dict[str, Any]:
    """The monthly report's content for one agent or one embassy."""
    rules = rules or load_rules()
    guard.require(guard.may_read(actor))
    kind = "agent" if agent_id is not None else "embassy"
    if (agent_id is None) == (embassy is None):
        raise InvalidData("name either an agent (--agent) or an embassy (--embassy)")
    key = f"agent:{agent_id}" if agent_id is not None else \
        f"embassy:{registry.country(embassy or '', 'embassy')}"
    first, last = parse_month(month)
    with store.engine.connect() as conn:
        people = agents_of(conn, key, first, last, actor)
        if not people:
            raise InvalidData(f"{key} had no accredited agent in {month}: nothing to report")
        agents = [{"id": a.id, "name": a.name, "nationality": a.nationality,
                   "agency": a.agency, "sending_state": a.sending_state,
                   "accreditation": _accreditation(conn, a.id, first, last),
                   "contacts": _contacts(conn, a.id, first, last, rules),
                   "meetings": _meetings(conn, a.id, first, last, rules),
                   "permits": _permits(conn, a.id)} for a in people]
        handover = _handover(conn, {a.agency for a in people}, first, last, rules)
        filing = filed(conn, first.strftime("%Y-%m")).get(key)
    dealings = Counter(c["level"] for a in agents for c in a["contacts"])
    return {"month": first.strftime("%Y-%m"), "filer": key, "kind": kind,
            "filer_rule": rules.filer, "article": rules.article("monthly_report"),
            "recipients": list(rules.value("monthly_report", "recipients")),
            "due": due_date(month, rules).isoformat(),
            "filed": local_date(filing, rules).isoformat() if filing else None,
            "agents": agents, "dealings": dict(sorted(dealings.items())),
            "handover_obligations": handover}
