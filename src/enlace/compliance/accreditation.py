"""Accreditations (LSN 69) and their end by withdrawal or recall (LSN 73).

An accreditation is requested under an agreement, reviewed while the SRE consults the
bodies the rules name (SSPC, SEDENA, SEMAR), granted with a territory and a validity, and
ends when withdrawn or recalled. The allowed moves are data (``transitions`` in
``rules.yml``); the wait is counted from the request.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select, update

from enlace.clock import utcnow
from enlace.compliance import guard, registry
from enlace.compliance.rules import Rules, load_rules
from enlace.compliance.tables import accreditation
from enlace.exceptions import InvalidData
from enlace.sharing.policy import Principal
from enlace.store import Store


def request(store: Store, actor: Principal, agent_id: int, agreement_code: str,
            territory: str, requested_on: date) -> int:
    """Record a request for accreditation; returns its id."""
    guard.require(guard.may_record(actor))
    area = registry.text(territory, "territory (--territory)")
    with store.writer() as w:
        agent = registry.agent(w.conn, agent_id, actor)
        pact = registry.agreement(w.conn, agreement_code)
        if agent.agency not in pact.agencies:
            raise InvalidData(f"agreement {pact.code} does not cover {agent.agency}")
        found = int(w.conn.execute(insert(accreditation).values(
            agent_id=agent_id, agreement=pact.code, territory=area, status="requested",
            requested_on=requested_on, consulted="[]", updated_at=utcnow(),
        )).inserted_primary_key[0])  # type: ignore[index]
        guard.audit(store, w.conn, actor, "accreditation.request",
                    [f"accreditation:{found}", f"agent:{agent_id}"],
                    {"agreement": pact.code, "requested_on": requested_on})
    return found


def _load(conn: Connection, accreditation_id: int, actor: Principal) -> Any:
    row = conn.execute(select(accreditation)
                       .where(accreditation.c.id == accreditation_id)).first()
    if row is None:
        raise InvalidData(f"unknown accreditation {accreditation_id}")
    registry.agent(conn, row.agent_id, actor)
    return row


def _move(row: Any, to: str, on: date, rules: Rules) -> None:
    allowed = rules.value("accreditation", "transitions")[row.status]
    if to not in allowed:
        raise InvalidData(f"accreditation {row.id} is {row.status}: it cannot become {to} "
                          f"(allowed: {', '.join(allowed) or 'none'})")
    if on < row.requested_on:
        raise InvalidData(f"{on} is before the request of {row.requested_on}")
    missing = sorted(set(rules.value("accreditation", "consult")) - set(json.loads(row.consulted)))
    if to == "accredited" and missing:
        raise InvalidData(f"cannot accredit before {', '.join(missing)} agree "
                          f"({rules.article('accreditation')}): record it with "
                          f"`accreditation review {row.id} --agreed {missing[0]}`")


def _change(store: Store, actor: Principal, accreditation_id: int, to: str, on: date,
            rules: Rules, action: str, **values: Any) -> None:
    mexican = to in ("accredited", "recalled")
    guard.require(guard.may_decide(actor, f"an accreditation {to}") if mexican
                  else guard.may_record(actor))
    with store.writer() as w:
        row = _load(w.conn, accreditation_id, actor)
        _move(row, to, on, rules)
        w.conn.execute(update(accreditation).where(accreditation.c.id == accreditation_id)
                       .values(status=to, updated_at=utcnow(), **values))
        detail = {"status": to, "on": on,
                  **{k: v for k, v in values.items() if k not in ("reason", "territory")}}
        guard.audit(store, w.conn, actor, f"accreditation.{action}",
                    [f"accreditation:{accreditation_id}", f"agent:{row.agent_id}"], detail)


def review(store: Store, actor: Principal, accreditation_id: int, on: date,
           agreed: Sequence[str] = (), rules: Rules | None = None) -> None:
    """Put a request under review and record the bodies that have agreed to it."""
    rules = rules or load_rules()
    consult = set(rules.value("accreditation", "consult"))
    bodies = {registry.code(b, "body code") for b in agreed}
    unknown = sorted(bodies - consult)
    if unknown:
        raise InvalidData(f"{unknown[0]} is not consulted on accreditations "
                          f"(the law names {', '.join(sorted(consult))})")
    guard.require(guard.may_decide(actor, "the review of an accreditation"))
    with store.writer() as w:
        row = _load(w.conn, accreditation_id, actor)
        if row.status == "requested":
            _move(row, "under_review", on, rules)
        elif row.status != "under_review":
            raise InvalidData(f"accreditation {row.id} is {row.status}, not under review")
        consulted = sorted(set(json.loads(row.consulted)) | bodies)
        w.conn.execute(update(accreditation).where(accreditation.c.id == accreditation_id)
                       .values(status="under_review", review_on=row.review_on or on,
                               consulted=json.dumps(consulted), updated_at=utcnow()))
        guard.audit(store, w.conn, actor, "accreditation.review",
                    [f"accreditation:{accreditation_id}", f"agent:{row.agent_id}"],
                    {"on": on, "agreed": sorted(bodies)})


def grant(store: Store, actor: Principal, accreditation_id: int, on: date, valid_until: date,
          territory: str | None = None, rules: Rules | None = None) -> None:
    """Accredit the agent (by the SRE) once every consulted body has agreed."""
    rules = rules or load_rules()
    if valid_until <= on:
        raise InvalidData(f"the accreditation must end after it starts ({valid_until} <= {on})")
    extra = {"territory": registry.text(territory, "territory")} if territory else {}
    _change(store, actor, accreditation_id, "accredited", on, rules, "grant",
            valid_from=on, valid_until=valid_until, **extra)


def end(store: Store, actor: Principal, accreditation_id: int, how: str, on: date,
        reason: str, rules: Rules | None = None) -> None:
    """Withdraw an accreditation, or record a recall requested of the sending state."""
    rules = rules or load_rules()
    if how not in ("withdrawn", "recalled"):
        raise InvalidData(f"an accreditation ends withdrawn or recalled, not {how!r}")
    why = registry.text(reason, "reason (--reason)")
    _change(store, actor, accreditation_id, how, on, rules,
            "withdraw" if how == "withdrawn" else "recall", ended_on=on, reason=why)
