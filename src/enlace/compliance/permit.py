"""Firearm permits (LSN 71-VIII; LFAFE art. 28): apply, grant, renew, notify.

SEDENA authorises an agent's weapon on an application made at least 15 days before the
assignment; a permit lasts 6 months and is renewable for 6 more at a time; only a service
revolver or semi-automatic pistol of calibre up to .40 in qualifies; a change of site or
the end of the assignment is notified. Every number here comes from ``rules.yml``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select, update

from enlace.clock import utcnow
from enlace.compliance import guard, registry
from enlace.compliance.deadline import add_months
from enlace.compliance.rules import Rules, load_rules
from enlace.compliance.tables import firearm_permit
from enlace.exceptions import InvalidData
from enlace.sharing.policy import Principal
from enlace.store import Store

CALIBRE_RE = re.compile(r"^\s*(?:(\.\d+)|(\d+(?:[.,]\d+)?)\s*mm)\b", re.IGNORECASE)
MM_PER_INCH = 25.4


def calibre_inches(calibre: str) -> float:
    """``.40 S&W`` → 0.40, ``9mm`` → 0.354; InvalidData for anything else."""
    found = CALIBRE_RE.match(calibre)
    if not found:
        raise InvalidData(f"cannot read the calibre {calibre!r}: write it as .40 or 9mm")
    if found.group(1):
        return float(found.group(1))
    return round(float(found.group(2).replace(",", ".")) / MM_PER_INCH, 4)


def weapon_kind(weapon: str, rules: Rules) -> str:
    allowed: list[str] = rules.value("firearms", "weapons")
    cleaned = " ".join(weapon.lower().replace("semiautomatic", "semi-automatic").split())
    if cleaned not in allowed:
        raise InvalidData(f"a {weapon!r} cannot be authorised: only a "
                          f"{' or '.join(allowed)} ({rules.article('firearms')})")
    return cleaned


def valid_until(start: date, rules: Rules) -> date:
    """The last day of a period that starts on ``start``: counted from date to date, so a
    month without that day ends the period on its last day (31 Aug → 29 Feb 2028)."""
    return add_months(start, int(rules.value("firearms", "valid_months")))


def apply(store: Store, actor: Principal, agent_id: int, weapon: str, calibre: str,
          site: str, assignment_start: date, applied_on: date, applicant: str,
          serial: str | None = None, rules: Rules | None = None) -> int:
    """Record an application for a permit; returns its id."""
    rules = rules or load_rules()
    guard.require(guard.may_record(actor))
    kind, inches = weapon_kind(weapon, rules), calibre_inches(calibre)
    limit = float(rules.value("firearms", "max_calibre_inches"))
    if inches > limit + 1e-9:
        raise InvalidData(f"calibre {calibre.strip()} is above the .{round(limit * 100)} "
                          f"limit ({rules.article('firearms')})")
    notice = int(rules.value("firearms", "notice_days"))
    ahead = (assignment_start - applied_on).days
    if ahead < notice:
        raise InvalidData(f"the application must be made at least {notice} days before the "
                          f"assignment starts; it is {ahead} days before")
    body = registry.code(applicant, "applicant")
    if body not in rules.value("firearms", "applicants"):
        raise InvalidData(f"{body} cannot apply for a permit: the applicant is one of "
                          f"{', '.join(rules.value('firearms', 'applicants'))}")
    place = registry.text(site, "site (--site)")
    with store.writer() as w:
        registry.agent(w.conn, agent_id, actor)
        found = int(w.conn.execute(insert(firearm_permit).values(
            agent_id=agent_id, weapon=kind, calibre=calibre.strip(), calibre_inches=inches,
            serial=serial, site=place, applicant=body, applied_on=applied_on,
            assignment_start=assignment_start, status="applied", renewals=0,
            updated_at=utcnow(),
        )).inserted_primary_key[0])  # type: ignore[index]
        guard.audit(store, w.conn, actor, "permit.apply", [f"permit:{found}", f"agent:{agent_id}"],
                    {"weapon": kind, "calibre": calibre.strip(), "applied_on": applied_on,
                     "assignment_start": assignment_start, "applicant": body})
    return found


def _load(conn: Connection, permit_id: int, actor: Principal, status: str) -> Any:
    row = conn.execute(select(firearm_permit).where(firearm_permit.c.id == permit_id)).first()
    if row is None:
        raise InvalidData(f"unknown permit {permit_id}")
    registry.agent(conn, row.agent_id, actor)
    if row.status != status:
        raise InvalidData(f"permit {permit_id} is {row.status}, not {status}")
    return row


def _save(store: Store, actor: Principal, permit_id: int, current: str, action: str,
          check: Any, on: date, **values: Any) -> None:
    by_sedena = action in ("grant", "renew")
    guard.require(guard.may_decide(actor, "SEDENA's permits") if by_sedena
                  else guard.may_record(actor))
    with store.writer() as w:
        row = _load(w.conn, permit_id, actor, current)
        values = {**values, **check(row)}
        w.conn.execute(update(firearm_permit).where(firearm_permit.c.id == permit_id)
                       .values(updated_at=utcnow(), **values))
        detail = {"on": on, **{k: v for k, v in values.items() if k != "site"}}
        guard.audit(store, w.conn, actor, f"permit.{action}",
                    [f"permit:{permit_id}", f"agent:{row.agent_id}"], detail)


def grant(store: Store, actor: Principal, permit_id: int, on: date,
          rules: Rules | None = None) -> date:
    """Record SEDENA's authorisation; returns the permit's last valid day."""
    rules = rules or load_rules()
    last = valid_until(on, rules)

    def check(row: Any) -> dict[str, Any]:
        if on < row.applied_on:
            raise InvalidData(f"a permit cannot be granted ({on}) before it was applied for "
                              f"({row.applied_on})")
        return {}

    _save(store, actor, permit_id, "applied", "grant", check, on, status="granted",
          granted_on=on, valid_until=last)
    return last


def renew(store: Store, actor: Principal, permit_id: int, on: date,
          rules: Rules | None = None) -> date:
    """Renew a permit for another period from the day it ends; returns its new end."""
    rules = rules or load_rules()
    found: list[date] = []

    def check(row: Any) -> dict[str, Any]:
        if on > row.valid_until:
            raise InvalidData(f"permit {permit_id} lapsed on {row.valid_until}: apply again")
        found.append(valid_until(row.valid_until, rules))
        return {"valid_until": found[0], "renewals": row.renewals + 1}

    _save(store, actor, permit_id, "granted", "renew", check, on)
    return found[0]


def notify(store: Store, actor: Principal, permit_id: int, change: str, on: date,
           site: str | None = None, rules: Rules | None = None) -> None:
    """Notify a change of site, or the end of the assignment (which ends the permit)."""
    rules = rules or load_rules()
    if change not in rules.value("firearms", "notices"):
        raise InvalidData(f"notify a change of 'site' or the 'end' of the assignment, "
                          f"not {change!r}")
    values: dict[str, Any] = {"status": "ended", "ended_on": on}
    if change == "site":
        values = {"site": registry.text(site or "", "new site (--site)")}
    _save(store, actor, permit_id, "granted", f"notify_{change}", lambda row: {}, on, **values)
