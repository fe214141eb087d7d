"""The audit log: who saw a thing, and, for auditors, verifying and exporting the log.

Who-saw follows :mod:`enlace.audit.sighting` (owners and compliance officers). Verifying
and exporting read the whole log, every person's reads included, so they are for the
roles that oversee others, compliance officers and administrators (the same roles that
may revoke anyone's grant or trace a leak); anyone else is refused with 403. An export
streams JSON lines, as ``enlace audit export`` writes them, and is itself recorded.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from contextlib import closing
from typing import Annotated, Any, cast

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from enlace.api.routes.deps import CurrentView
from enlace.api.routes.fields import Clean
from enlace.audit import export as exporting
from enlace.audit import record
from enlace.audit.sighting import who_saw as find_sightings
from enlace.audit.verify import verify as verify_log
from enlace.exceptions import AccessDenied
from enlace.sharing.grants import OVERSEERS
from enlace.sharing.policy import Decision, Principal
from enlace.store import Store

router = APIRouter(prefix="/api", tags=["audit"])
JSON_LINES = "application/x-ndjson"


def may_audit(principal: Principal) -> Decision:
    """Whether ``principal`` may verify or export the whole log."""
    if principal.roles & OVERSEERS:
        return Decision(True, "a compliance officer or an administrator")
    return Decision(False, "verifying and exporting the audit log is for compliance officers "
                           "and administrators")


def require_auditor(principal: Principal) -> None:
    decision = may_audit(principal)
    if not decision.allow:
        raise AccessDenied(decision.reason)


@router.get("/audit/who-saw/{thing}")
def who_saw(thing: Annotated[str, Clean], view: CurrentView) -> list[dict[str, Any]]:
    """Who read or received a document or entity, when and how (owners and compliance)."""
    return [s.to_dict() for s in find_sightings(view.store, thing, view.principal)]


@router.get("/audit/verify")
def verify(
    view: CurrentView,
    trust: Annotated[list[str] | None, Query(
        max_length=20, description="A key fingerprint checkpoints must be signed with; "
                                   "repeatable. Without it, any key the store holds counts.")
    ] = None,
) -> dict[str, Any]:
    """Recompute the hash chain and check every checkpoint; ``ok`` is false on any fault,
    and ``first_problem`` names the first bad event."""
    require_auditor(view.principal)
    found: dict[str, Any] = verify_log(view.store, trust or ()).to_dict()
    return found


def event_lines(store: Store, by: Principal, since: int) -> Iterator[str]:
    """The log's events after ``since`` as JSON lines; the export is recorded at its end
    (also when the reader stops early), with how many events it gave."""
    count = 0
    try:
        events = cast(Generator[dict[str, Any], None, None], exporting.export(store, since))
        with closing(events):
            for event in events:
                yield json.dumps(event, ensure_ascii=False) + "\n"
                count += 1
    finally:
        record(store, by, "audit.export", (), {"since": since, "events": count})


@router.get("/audit/export", response_class=StreamingResponse, responses={
    200: {"content": {JSON_LINES: {}}, "description": "One audit event a line, hashes included."}})
def export(view: CurrentView,
           since: Annotated[int, Query(ge=0, le=2**62, description="Only events after this "
                                                                   "sequence number.")] = 0,
           ) -> StreamingResponse:
    """Stream the log's events as JSON lines, oldest first, for an outside copy."""
    require_auditor(view.principal)
    return StreamingResponse(event_lines(view.store, view.principal, since),
                             media_type=JSON_LINES)
