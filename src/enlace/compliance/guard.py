"""Who may record and read compliance records, each answer a Decision with its reason.

Recording a duty (an agent, a permit, a contact) is for liaison officers and compliance
officers. Reading the registry is scoped: a member of a Mexican agency sees every agent,
as the Mexican government supervises them all (LSN 73); a member of a foreign agency sees
the agents of their own agencies. Every change is audited in its own transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, true

from enlace.audit import record
from enlace.exceptions import AccessDenied
from enlace.sharing.policy import Decision, Principal
from enlace.store import Store

RECORDERS = frozenset({"compliance", "liaison"})
READERS = frozenset({"compliance", "liaison"})
OFFICERS = frozenset({"compliance"})


def may_record(actor: Principal) -> Decision:
    if actor.roles & RECORDERS:
        return Decision(True, "a liaison or compliance officer")
    return Decision(False, f"{actor.name} is neither a liaison nor a compliance officer")


def may_read(actor: Principal) -> Decision:
    if actor.roles & READERS:
        return Decision(True, "a liaison or compliance officer")
    return Decision(False, f"{actor.name} is neither a liaison nor a compliance officer")


def may_see_obligations(actor: Principal) -> Decision:
    if actor.roles & OFFICERS:
        return Decision(True, "a compliance officer")
    return Decision(False, f"{actor.name} is not a compliance officer (role compliance)")


def may_decide(actor: Principal, what: str) -> Decision:
    """Acts of the Mexican state (accrediting, recalling, approving, authorising weapons)
    are recorded by a liaison or compliance officer of a Mexican agency."""
    if not actor.roles & RECORDERS:
        return may_record(actor)
    if supervises_all(actor):
        return Decision(True, "an officer of a Mexican agency")
    return Decision(False, f"only an officer of a Mexican agency records {what}")


def require(decision: Decision) -> None:
    """Raise AccessDenied with the decision's reason when it denies."""
    if not decision.allow:
        raise AccessDenied(decision.reason)


def supervises_all(actor: Principal) -> bool:
    """Members of Mexican agencies supervise every foreign agent (LSN 73)."""
    return "MX" in actor.countries


def may_follow(actor: Principal, agency_code: str) -> Decision:
    """Whether ``actor`` may record or read duties of ``agency_code``'s agents."""
    if supervises_all(actor):
        return Decision(True, "a member of a Mexican agency (LSN 73 supervision)")
    if agency_code in actor.agencies:
        return Decision(True, f"a member of {agency_code}")
    return Decision(False, f"{actor.name} is not a member of {agency_code}")


def agency_scope(actor: Principal, column: ColumnElement[Any]) -> ColumnElement[bool]:
    """A SQL condition keeping rows of agencies ``actor`` may follow."""
    if supervises_all(actor):
        return true()
    return column.in_(sorted(actor.agencies))


def audit(store: Store, conn: Connection, actor: Principal | None, action: str,
          subjects: Sequence[str], detail: Mapping[str, Any] | None = None) -> None:
    """Record one compliance change in the audit log, inside its transaction."""
    record(store, actor, f"compliance.{action}", subjects, detail, conn=conn)
