"""Compliance records by id, as one person may know of them.

The recording functions name an unknown or out-of-scope record in their errors; pages and
endpoints first ask here, so that a record of an agency the person does not follow looks
exactly like one that does not exist (NotFound, 404). The decision is the guard's
``may_follow``, taken on the agency of the record's agent.
"""

from __future__ import annotations

from sqlalchemy import Column, select

from enlace.compliance import guard
from enlace.compliance.tables import (
    accreditation,
    contact,
    firearm_permit,
    foreign_agent,
    meeting_request,
)
from enlace.exceptions import NotFound
from enlace.sharing.policy import Principal
from enlace.store import Store

AGENT_OF: dict[str, Column[int]] = {
    "agent": foreign_agent.c.id,
    "accreditation": accreditation.c.agent_id,
    "permit": firearm_permit.c.agent_id,
    "meeting": meeting_request.c.agent_id,
    "contact": contact.c.agent_id,
}


def agent_of(store: Store, actor: Principal, kind: str, record_id: int) -> int:
    """The id of the agent a record concerns; NotFound unless ``actor`` follows them."""
    guard.require(guard.may_read(actor))
    column = AGENT_OF[kind]
    table = column.table
    query = select(foreign_agent.c.id, foreign_agent.c.agency)
    if table is not foreign_agent:
        query = query.select_from(table).join(foreign_agent, column == foreign_agent.c.id)
    query = query.where(table.c.id == record_id)
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or not guard.may_follow(actor, row.agency).allow:
        raise NotFound(f"unknown {kind} {record_id}")
    return int(row.id)
