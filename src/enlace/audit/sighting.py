"""Who saw a document or an entity: every read or receipt the log holds, when and how.

Who may ask, and about what:

* a **compliance officer** may ask about any document or entity they can see; for an entity
  the answer covers events naming it and events that exposed any document stating it that
  the officer can see;
* a **member of a document's owner agency** may ask about that document, and about an
  entity through the documents of their own agencies that state it;
* anyone else is refused (AccessDenied), and what the asker cannot see is NotFound, as if
  it did not exist.

A sighting is a read (opened directly, or shown in search results, listings, profiles,
graphs), an act on the thing (load, derivation, label change), or a receipt (the grantee
of a grant, the ``recipients`` of a dissemination). Reads still staged are chained first,
so a read answered a moment ago is already there. The question is itself recorded, as
``audit.who_saw``, and audit questions are not counted as sightings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, or_, select

from enlace.audit.chain import sequence
from enlace.audit.event import AuditEvent
from enlace.audit.record import record
from enlace.audit.tables import audit_event
from enlace.clock import utcnow
from enlace.exceptions import AccessDenied, NotFound
from enlace.sharing.policy import Principal
from enlace.store import access
from enlace.store.tables import app_user, document, statement

if TYPE_CHECKING:
    from enlace.store.store import Store

HOW = {
    "read.entity": "opened the entity",
    "read.entities": "in an entity listing",
    "read.document": "opened the document",
    "read.documents": "in a document listing",
    "read.search": "in search results",
    "read.profile": "in a profile",
    "read.graph": "in a graph",
    "document.load": "loaded it",
    "document.derive": "derived a document with it",
    "label.change": "changed a label",
    "grant.create": "shared it by a grant",
    "grant.revoke": "revoked a grant",
}
CHUNK = 50  # subjects per prefilter query


@dataclass(frozen=True)
class Sighting:
    """One person (or agency) who saw or received the thing, and how."""

    seq: int
    at: datetime
    who: str
    action: str
    how: str
    document: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at.isoformat(), "who": self.who,
                "action": self.action, "how": self.how, "document": self.document}


def who_saw(store: Store, thing: str, asker: Principal) -> list[Sighting]:
    """Every sighting of document or entity ``thing`` the asker may be told of."""
    sequence(store)
    with store.engine.connect() as conn:
        visible = access.visible_documents(asker, utcnow())
        kind, documents, named = _scope(conn, thing, asker, visible)
        found = _sightings(conn, documents, thing if named else None)
    record(store, asker, "audit.who_saw", [f"{kind}:{thing}"], {"sightings": len(found)})
    return found


def _scope(conn: Connection, thing: str, asker: Principal,
           visible: Any) -> tuple[str, set[str], bool]:
    """What ``thing`` is, the documents whose sightings the asker may be told of, and
    whether events naming the entity itself count too."""
    compliance = "compliance" in asker.roles
    owner = conn.execute(select(document.c.owner).where(
        document.c.id == thing, document.c.id.in_(visible))).first()
    if owner is not None:
        if not compliance and owner.owner not in asker.agencies:
            raise AccessDenied("only a compliance officer or a member of the owner agency "
                               f"({owner.owner}) may ask who saw this document")
        return "document", {thing}, False
    rows = conn.execute(select(document.c.id, document.c.owner).distinct()
                        .join(statement, statement.c.document_id == document.c.id)
                        .where(statement.c.entity_id == thing, document.c.id.in_(visible))).all()
    if not rows:
        raise NotFound(f"document or entity {thing!r} not found")
    mine = {r.id for r in rows if compliance or r.owner in asker.agencies}
    if not mine:
        raise AccessDenied("only a compliance officer or a member of an agency owning a "
                           "document that states this entity may ask who saw it")
    return "entity", mine, compliance


def _sightings(conn: Connection, documents: set[str], entity: str | None) -> list[Sighting]:
    wanted = sorted(f"document:{d}" for d in documents)
    if entity is not None:
        wanted.append(f"entity:{entity}")
    names = {r.id: r.name for r in conn.execute(select(app_user.c.id, app_user.c.name))}
    seen: set[int] = set()
    found: list[Sighting] = []
    for start in range(0, len(wanted), CHUNK):
        patterns = [_like(s) for s in wanted[start:start + CHUNK]]
        query = (select(audit_event)
                 .where(or_(*(audit_event.c.subjects.like(p, escape="\\") for p in patterns)))
                 .where(~audit_event.c.action.startswith("audit."))
                 .order_by(audit_event.c.seq))
        for row in conn.execute(query):
            if row.seq not in seen:
                seen.add(row.seq)
                found += _from_event(AuditEvent.from_row(row), set(wanted), names)
    return sorted(found, key=lambda s: s.seq)  # stable: the actor, then any recipients


def _like(subject: str) -> str:
    """A LIKE pattern matching ``subject`` as a whole item of a stored JSON list."""
    quoted = json.dumps(subject, ensure_ascii=False)
    return "%" + quoted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _from_event(event: AuditEvent, wanted: set[str], names: dict[int, str]) -> list[Sighting]:
    hits = [s for s in event.subjects if s in wanted]
    if not hits:
        return []  # the pattern matched inside another subject
    via = next((h.split(":", 1)[1] for h in hits if h.startswith("document:")), None)
    how = HOW.get(event.action, event.action)
    found = [Sighting(event.seq, event.at, event.actor, event.action, how, via)]
    for recipient in _recipients(event, names):
        found.append(Sighting(event.seq, event.at, recipient, event.action,
                              f"received it from {event.actor}", via))
    return found


def _recipients(event: AuditEvent, names: dict[int, str]) -> list[str]:
    if event.action == "grant.create":
        grantee = str(event.detail.get("grantee"))
        if event.detail.get("grantee_kind") == "user":
            return [names.get(int(grantee), f"user {grantee}") if grantee.isdigit()
                    else f"user {grantee}"]
        return [f"agency {grantee}"]
    recipients = event.detail.get("recipients")
    return [str(r) for r in recipients] if isinstance(recipients, list) else []
