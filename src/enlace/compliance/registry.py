"""The registry: cooperation agreements, foreign agents and Mexican officials.

Mexican bodies named by the law (SRE, SSPC, SEDENA, SEMAR, FGR, CNI, GN, the GANS and the
GCO) are data in ``rules.yml``, not rows: the law fixes them. A body that holds or
receives documents is also an enlace agency, so an agreement's receiving authority must be
one. Agents belong to a foreign enlace agency and may be linked to an enlace user.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from followthemoney.types import registry as ftm
from sqlalchemy import Connection, insert, select

from enlace.clock import utcnow
from enlace.compliance import guard
from enlace.compliance.rules import LEVELS
from enlace.compliance.tables import compliance_agreement, foreign_agent, official
from enlace.exceptions import InvalidData
from enlace.model.markings import AGENCY_CODE_RE
from enlace.sharing.policy import Principal
from enlace.store import Store
from enlace.store.tables import agency, app_user, user_agency


@dataclass(frozen=True)
class Agreement:
    code: str
    country: str
    agencies: frozenset[str]
    authority: str
    channels: frozenset[str]


def country(value: str, what: str) -> str:
    cc = ftm.country.clean(value)
    if cc is None or len(cc) != 2:
        raise InvalidData(f"{value!r} is not a country code for the {what} (e.g. US, CO)")
    return cc.upper()


def code(value: str, what: str) -> str:
    cleaned = value.strip().upper()
    if not AGENCY_CODE_RE.match(cleaned):
        raise InvalidData(f"invalid {what} {value!r}: use 3 to 16 capitals, digits, '-' or '_'")
    return cleaned


def text(value: str, what: str) -> str:
    if not value or not value.strip():
        raise InvalidData(f"give the {what}; it cannot be empty")
    return value.strip()


def agency_country(conn: Connection, agency_code: str) -> str:
    found = conn.execute(select(agency.c.country).where(agency.c.code == agency_code)).scalar()
    if found is None:
        raise InvalidData(f"unknown agency {agency_code!r}; add it with `enlace agency add`")
    return str(found)


def user_id(conn: Connection, name: str, agency_code: str | None = None) -> int:
    found = conn.execute(select(app_user.c.id).where(app_user.c.name == name)).scalar()
    if found is None:
        raise InvalidData(f"unknown user {name!r}; add them with `enlace user add`")
    if agency_code is not None and conn.execute(select(user_agency.c.user_id).where(
            user_agency.c.user_id == found, user_agency.c.agency == agency_code)).first() is None:
        raise InvalidData(f"user {name} is not a member of {agency_code}")
    return int(found)


def add_agreement(store: Store, actor: Principal, code_: str, title: str, country_: str,
                  agencies: list[str], authority: str, channels: list[str]) -> str:
    """Record a cooperation agreement: whom it covers, who receives intelligence, channels."""
    guard.require(guard.may_record(actor))
    key, cc = code(code_, "agreement code"), country(country_, "sending state")
    covered = sorted({code(a, "agency code") for a in agencies})
    if not covered:
        raise InvalidData("an agreement covers at least one foreign agency (--agency)")
    bodies = sorted({code(c, "body code") for c in channels})
    with store.writer() as w:
        for member in covered:
            if agency_country(w.conn, member) != cc:
                raise InvalidData(f"agency {member} is not from {cc}")
        receiver = code(authority, "authority")
        if agency_country(w.conn, receiver) != "MX":
            raise InvalidData(f"the receiving authority {receiver} is not a Mexican agency")
        if w.conn.execute(select(compliance_agreement.c.code)
                          .where(compliance_agreement.c.code == key)).first():
            raise InvalidData(f"agreement {key} already exists")
        w.conn.execute(insert(compliance_agreement).values(
            code=key, title=text(title, "agreement's title"), country=cc,
            agencies=json.dumps(covered), authority=receiver, channels=json.dumps(bodies),
            created_at=utcnow()))
        guard.audit(store, w.conn, actor, "agreement.add", [f"agreement:{key}"],
                    {"country": cc, "agencies": covered, "authority": receiver,
                     "channels": bodies})
    return key


def agreement(conn: Connection, key: str) -> Agreement:
    row = conn.execute(select(compliance_agreement)
                       .where(compliance_agreement.c.code == key.strip().upper())).first()
    if row is None:
        raise InvalidData(f"unknown agreement {key!r}; add it with "
                          "`enlace compliance agreement add`")
    return Agreement(row.code, row.country, frozenset(json.loads(row.agencies)), row.authority,
                     frozenset(json.loads(row.channels)))


def agreement_for(conn: Connection, agency_code: str) -> Agreement | None:
    """The agreement covering ``agency_code``, the first by code when several do."""
    for row in conn.execute(select(compliance_agreement.c.code)
                            .order_by(compliance_agreement.c.code)).scalars():
        found = agreement(conn, row)
        if agency_code in found.agencies:
            return found
    return None


def add_agent(store: Store, actor: Principal, name: str, agency_code: str, nationality: str,
              user: str | None = None, birth_date: date | None = None) -> int:
    """Register a foreign agent of a foreign enlace agency; returns the agent's id."""
    guard.require(guard.may_record(actor))
    full_name = text(name, "agent's name")
    nation = country(nationality, "agent's nationality")
    key = code(agency_code, "agency code")
    with store.writer() as w:
        sending = agency_country(w.conn, key)
        if sending == "MX":
            raise InvalidData(f"{key} is a Mexican agency: a foreign agent belongs to a "
                              "foreign one")
        guard.require(guard.may_follow(actor, key))
        linked = user_id(w.conn, user, key) if user else None
        if linked is not None and w.conn.execute(select(foreign_agent.c.id).where(
                foreign_agent.c.user_id == linked)).first():
            raise InvalidData(f"user {user} is already registered as an agent")
        agent_id = int(w.conn.execute(insert(foreign_agent).values(
            name=full_name, nationality=nation, sending_state=sending, agency=key,
            user_id=linked, birth_date=birth_date, created_at=utcnow(),
        )).inserted_primary_key[0])  # type: ignore[index]
        guard.audit(store, w.conn, actor, "agent.add", [f"agent:{agent_id}"],
                    {"agency": key, "sending_state": sending, "user_id": linked})
    return agent_id


def agent(conn: Connection, agent_id: int, actor: Principal | None = None) -> Any:
    """An agent's row; with ``actor``, only one whose agency they may follow."""
    row = conn.execute(select(foreign_agent).where(foreign_agent.c.id == agent_id)).first()
    if row is None:
        raise InvalidData(f"unknown agent {agent_id}; list them with "
                          "`enlace compliance agent list`")
    if actor is not None:
        guard.require(guard.may_follow(actor, row.agency))
    return row


def add_official(store: Store, actor: Principal, name: str, level: str, body: str,
                 place: str | None = None, designated: bool = False,
                 user: str | None = None) -> int:
    """Register a Mexican official at a level of government; returns their id."""
    guard.require(guard.may_record(actor))
    if level not in LEVELS:
        raise InvalidData(f"unknown level {level!r}: use {', '.join(LEVELS)}")
    full_name, key = text(name, "official's name"), code(body, "body code")
    with store.writer() as w:
        linked = user_id(w.conn, user) if user else None
        official_id = int(w.conn.execute(insert(official).values(
            name=full_name, level=level, body=key, place=place, designated=designated,
            user_id=linked, created_at=utcnow(),
        )).inserted_primary_key[0])  # type: ignore[index]
        guard.audit(store, w.conn, actor, "official.add", [f"official:{official_id}"],
                    {"level": level, "body": key, "designated": designated})
    return official_id


def get_official(conn: Connection, official_id: int) -> Any:
    row = conn.execute(select(official).where(official.c.id == official_id)).first()
    if row is None:
        raise InvalidData(f"unknown official {official_id}; add them with "
                          "`enlace compliance official add`")
    return row


def agents(store: Store, actor: Principal) -> list[dict[str, Any]]:
    """The agents ``actor`` may follow."""
    guard.require(guard.may_read(actor))
    query = (select(foreign_agent).where(guard.agency_scope(actor, foreign_agent.c.agency))
             .order_by(foreign_agent.c.id))
    with store.engine.connect() as conn:
        return [{"id": r.id, "name": r.name, "nationality": r.nationality,
                 "sending_state": r.sending_state, "agency": r.agency}
                for r in conn.execute(query)]


def agreements(store: Store, actor: Principal) -> list[dict[str, Any]]:
    """Every cooperation agreement: the law's framework is known to every officer."""
    guard.require(guard.may_read(actor))
    with store.engine.connect() as conn:
        rows = list(conn.execute(select(compliance_agreement)
                                 .order_by(compliance_agreement.c.code)))
    return [{"code": r.code, "title": r.title, "country": r.country,
             "agencies": json.loads(r.agencies), "authority": r.authority,
             "channels": json.loads(r.channels)} for r in rows]


def officials(store: Store, actor: Principal) -> list[dict[str, Any]]:
    """Every Mexican official on record, the people agents may deal with."""
    guard.require(guard.may_read(actor))
    with store.engine.connect() as conn:
        rows = list(conn.execute(select(official).order_by(official.c.id)))
    return [{"id": r.id, "name": r.name, "level": r.level, "body": r.body, "place": r.place,
             "designated": bool(r.designated)} for r in rows]
