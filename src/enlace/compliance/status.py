"""What is overdue, due soon or in breach, by agency, on a given Mexico City date.

Each :class:`Duty` names the rule and article it comes from, the agency concerned, what is
owed and by when. The duties are computed from the records and the rules file on each call,
so nothing here is stored: accreditation waits and expiries (LSN 69), unapproved meetings
(LSN 70), unreported contacts (LSN 70 ¶2), dealings outside the agreed channels
(LSN 71-III), monthly reports (LSN 71-V), handover obligations (LSN 71-IV) and firearm
permits (LSN 71-VIII).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, select

from enlace.clock import utcnow
from enlace.compliance import guard, handover, monthly, registry
from enlace.compliance.contact import must_report, report_deadline
from enlace.compliance.deadline import add_months, end_of_day, local_date, parse_month
from enlace.compliance.rules import Rules, load_rules
from enlace.compliance.tables import (
    accreditation,
    compliance_agreement,
    contact,
    contact_report,
    firearm_permit,
    foreign_agent,
    meeting_request,
    official,
)
from enlace.sharing.policy import Principal
from enlace.store import Store

FLAGGED = ("overdue", "breach", "long_wait", "due_soon")


@dataclass(frozen=True)
class Duty:
    """One duty and where it stands."""

    rule: str
    article: str
    agency: str
    subject: str
    duty: str
    due: date | None
    state: str  # overdue | breach | long_wait | due_soon | waiting | open | met | late
    days: int | None = None  # days overdue (positive) or left (negative)

    def to_dict(self) -> dict[str, Any]:
        found = asdict(self)
        found["due"] = self.due.isoformat() if self.due else None
        return found


def timing(due: date, today: date, rules: Rules, warning: int | None = None) -> str:
    if today > due:
        return "overdue"
    soon = rules.due_soon_days if warning is None else warning
    return "due_soon" if (due - today).days <= soon else "open"


def _accreditations(conn: Connection, actor: Principal, today: date,
                    rules: Rules) -> Iterator[Duty]:
    article = rules.article("accreditation")
    long_wait = int(rules.value("accreditation", "long_wait_days"))
    warning = int(rules.value("accreditation", "expiry_warning_days"))
    query = (select(accreditation, foreign_agent.c.agency)
             .join(foreign_agent, foreign_agent.c.id == accreditation.c.agent_id)
             .where(guard.agency_scope(actor, foreign_agent.c.agency)))
    for row in conn.execute(query):
        subject = f"agent {row.agent_id}, accreditation {row.id}"
        if row.status in ("requested", "under_review"):
            waited = (today - row.requested_on).days
            yield Duty("accreditation", article, row.agency, subject,
                       f"{row.status.replace('_', ' ')} by the SRE for {waited} days", None,
                       "long_wait" if waited > long_wait else "waiting", waited)
        elif row.status == "accredited" and row.valid_until is not None:
            yield Duty("accreditation", article, row.agency, subject,
                       "accreditation expires: renew or end it", row.valid_until,
                       timing(row.valid_until, today, rules, warning),
                       (today - row.valid_until).days)


def _permits(conn: Connection, actor: Principal, today: date, rules: Rules) -> Iterator[Duty]:
    article = rules.article("firearms")
    warning = int(rules.value("firearms", "expiry_warning_days"))
    query = (select(firearm_permit, foreign_agent.c.agency)
             .join(foreign_agent, foreign_agent.c.id == firearm_permit.c.agent_id)
             .where(guard.agency_scope(actor, foreign_agent.c.agency),
                    firearm_permit.c.status.in_(["applied", "granted"])))
    for row in conn.execute(query):
        subject = f"agent {row.agent_id}, permit {row.id}"
        if row.status == "applied":
            yield Duty("firearms", article, row.agency, subject,
                       "no SEDENA authorisation yet: no weapon may be carried",
                       row.assignment_start, timing(row.assignment_start, today, rules),
                       (today - row.assignment_start).days)
        else:
            yield Duty("firearms", article, row.agency, subject,
                       "permit expires: renew it or notify the end of the assignment",
                       row.valid_until, timing(row.valid_until, today, rules, warning),
                       (today - row.valid_until).days)


def _meetings(conn: Connection, actor: Principal, today: date, rules: Rules) -> Iterator[Duty]:
    article = rules.article("meeting")
    query = (select(meeting_request, foreign_agent.c.agency)
             .join(foreign_agent, foreign_agent.c.id == meeting_request.c.agent_id)
             .where(guard.agency_scope(actor, foreign_agent.c.agency),
                    meeting_request.c.status == "requested"))
    for row in conn.execute(query):
        planned = local_date(row.planned_at, rules)
        yield Duty("meeting", article, row.agency, f"meeting {row.id}",
                   f"needs approval by the {rules.value('meeting', 'approver')} before it "
                   "takes place", planned, timing(planned, today, rules),
                   (today - planned).days)


def _channels(conn: Connection) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in conn.execute(select(compliance_agreement)):
        for member in json.loads(row.agencies):
            found.setdefault(member, set()).update(json.loads(row.channels))
    return found


def _accredited_on(conn: Connection, agent_id: int, day: date) -> bool:
    return conn.execute(select(accreditation.c.id).where(
        accreditation.c.agent_id == agent_id,
        monthly.accredited_during(day, day))).first() is not None


def _contacts(conn: Connection, actor: Principal, today: date, at: datetime,
              rules: Rules) -> Iterator[Duty]:
    allowed = _channels(conn)
    always = set(rules.value("channels", "always_allowed"))
    query = (select(contact, foreign_agent.c.agency, official.c.level, official.c.body,
                    contact_report.c.filed_at)
             .join(foreign_agent, foreign_agent.c.id == contact.c.agent_id)
             .join(official, official.c.id == contact.c.official_id)
             .outerjoin(contact_report, and_(contact_report.c.contact_id == contact.c.id,
                                             contact_report.c.filed_at <= at))
             .where(guard.agency_scope(actor, foreign_agent.c.agency),
                    contact.c.occurred_at <= at))
    for row in conn.execute(query):
        subject = f"contact {row.id} ({row.kind}), agent {row.agent_id}, official {row.official_id}"
        day = local_date(row.occurred_at, rules)
        if row.body not in always | allowed.get(row.agency, set()):
            yield Duty("channels", rules.article("channels"), row.agency, subject,
                       f"dealt with {row.body}, which the agreement does not name", day,
                       "breach")
        if not _accredited_on(conn, row.agent_id, day):
            yield Duty("accreditation", rules.article("accreditation"), row.agency, subject,
                       "contact while not accredited", day, "breach")
        if not must_report(row.level, rules):
            continue
        due = report_deadline(row.occurred_at, rules)
        if row.filed_at is not None:
            done = local_date(row.filed_at, rules)
            yield Duty("contact_report", rules.article("contact_report"), row.agency, subject,
                       "written report to SRE and SSPC", due,
                       "met" if done <= due else "late", (done - due).days)
        else:
            yield Duty("contact_report", rules.article("contact_report"), row.agency, subject,
                       f"the {row.level} official reports in writing to SRE and SSPC", due,
                       timing(due, today, rules), (today - due).days)


def _monthly(conn: Connection, actor: Principal, today: date, rules: Rules) -> Iterator[Duty]:
    start = monthly.earliest_accreditation(conn)
    if start is None:
        return
    article = rules.article("monthly_report")
    for month in monthly.months_between(start, add_months(today.replace(day=1), -1)):
        first, last = parse_month(month)
        done = monthly.filed(conn, month)
        due = monthly.due_date(month, rules)
        for filer in monthly.owed(conn, first, last, rules, actor):
            state = timing(due, today, rules)
            if filer in done:
                filed_on = local_date(done[filer], rules)
                state = "met" if filed_on <= due else "late"
            agency = _filer_agency(conn, filer)
            yield Duty("monthly_report", article, agency, f"{filer.replace(':', ' ')}, {month}",
                       f"monthly report for {month} to SRE and SSPC", due, state,
                       (today - due).days)


def _filer_agency(conn: Connection, filer: str) -> str:
    kind, key = filer.split(":", 1)
    if kind == "embassy":
        return f"embassy {key}"
    return str(registry.agent(conn, int(key)).agency)


def _handover(store: Store, actor: Principal, today: date, at: datetime,
              rules: Rules) -> Iterator[Duty]:
    if not guard.may_see_obligations(actor).allow:
        return
    article = rules.article("handover")
    for ob in handover.obligations(store, actor, today, at, rules):
        yield Duty("handover", article, ob.owner, f"document {ob.document}",
                   f"share with {ob.authority} (or a sanitised version); obtained "
                   f"{ob.obtained.isoformat()}", ob.deadline, ob.state,
                   (today - ob.deadline).days)


def status(store: Store, actor: Principal, today: date | None = None,
           rules: Rules | None = None, everything: bool = False) -> list[Duty]:
    """Duties ``actor`` may follow, flagged ones only unless ``everything``."""
    rules = rules or load_rules()
    guard.require(guard.may_read(actor))
    today = today or local_date(utcnow(), rules)
    at = end_of_day(today, rules)
    with store.engine.connect() as conn:
        found = [*_accreditations(conn, actor, today, rules), *_permits(conn, actor, today, rules),
                 *_meetings(conn, actor, today, rules),
                 *_contacts(conn, actor, today, at, rules),
                 *_monthly(conn, actor, today, rules)]
    found += list(_handover(store, actor, today, at, rules))
    if not everything:
        found = [d for d in found if d.state in FLAGGED]
    order = {state: i for i, state in enumerate(FLAGGED)}
    return sorted(found, key=lambda d: (d.agency, order.get(d.state, len(order)),
                                        d.due or date.max, d.subject))
