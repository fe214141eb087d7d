"""Plain grants (access to the original, no copy) and revoking grants or disseminations.

A grant is a share too, so it obeys the TLP resharing rules of :mod:`enlace.sharing.tlp`.
A grant to a group covers whoever is a member when a document is read. Only the person
who gave a grant or sent a dissemination, or a compliance officer or administrator, may
revoke it; to anyone else it does not exist.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from enlace.audit import record
from enlace.clock import to_utc, utcnow
from enlace.exceptions import InvalidData, NotFound, PolicyError
from enlace.sharing import tlp as rules
from enlace.sharing.policy import Principal
from enlace.sharing.tables import dissemination, dissemination_copy
from enlace.sharing.targets import Target, people
from enlace.store.store import Store
from enlace.store.tables import access_grant
from enlace.store.view import View

OVERSEERS = frozenset({"compliance", "admin"})


def grant(store: Store, view: View, document_id: str, target: Target, colour: str,
          expires_at: datetime | None = None) -> int:
    """Let ``target`` see ``document_id`` itself, under ``colour``; returns the grant id."""
    view.document(document_id)
    by = view.principal
    rules.rank(colour)
    with store.writer() as writer:
        reached = people(store, writer.conn, target, by)
        if target.kind == "user" and not reached:
            raise InvalidData("you already see what you would grant yourself")
        held = rules.received(writer.conn, document_id, by)
        decision = rules.may_reshare(held, by, target, reached, colour)
        if not decision.allow:
            raise PolicyError(f"cannot grant: {decision.reason}")
        if target.kind == "group":
            grant_id = insert_grant(writer.conn, document_id, "group", target.name, by,
                                    expires_at, colour)
        else:
            grantee = target.name if target.kind == "agency" else str(reached[0].id)
            grant_id = writer.grant(document_id, target.kind, grantee, by, expires_at, colour)
        record(store, by, "share.grant", [f"document:{document_id}", f"grant:{grant_id}"],
               {"to": str(target), "tlp": colour}, conn=writer.conn)
    return grant_id


def insert_grant(conn: Connection, document_id: str, kind: str, grantee: str, by: Principal,
                 expires_at: datetime | None, colour: str) -> int:
    """Write a grant row the store's Writer does not make: to a group, or to a sharer for
    the copy they just made (the caller has checked the right to give it)."""
    return int(conn.execute(insert(access_grant).values(
        document_id=document_id, grantee_kind=kind, grantee=grantee, tlp=colour,
        granted_by=by.id, created_at=utcnow(),
        expires_at=to_utc(expires_at) if expires_at else None,
    )).inserted_primary_key[0])  # type: ignore[index]


def _may_revoke(by: Principal, giver: int) -> bool:
    return giver == by.id or bool(by.roles & OVERSEERS)


def revoke(store: Store, by: Principal, ident: str) -> int:
    """Revoke a grant (by number) or a dissemination (``dis-…``) and every copy's grant;
    returns how many grants ended."""
    with store.writer() as writer:
        conn = writer.conn
        if ident.isdigit():
            giver = conn.execute(select(access_grant.c.granted_by)
                                 .where(access_grant.c.id == int(ident))).scalar()
            if giver is None or not _may_revoke(by, int(giver)):
                raise NotFound(f"no active grant {ident}")
            writer.revoke(int(ident), by)
            record(store, by, "share.revoke", [f"grant:{ident}"], {"grants": 1}, conn=conn)
            return 1
        row = conn.execute(select(dissemination.c.shared_by, dissemination.c.revoked_at)
                           .where(dissemination.c.id == ident)).first()
        if row is None or row.revoked_at is not None or not _may_revoke(by, row.shared_by):
            raise NotFound(f"no active grant or dissemination {ident!r}")
        grants = list(conn.execute(
            select(access_grant.c.id)
            .join(dissemination_copy, dissemination_copy.c.grant_id == access_grant.c.id)
            .where(dissemination_copy.c.dissemination_id == ident,
                   access_grant.c.revoked_at.is_(None))).scalars())
        for grant_id in grants:
            writer.revoke(int(grant_id), by)
        conn.execute(update(dissemination).where(dissemination.c.id == ident)
                     .values(revoked_at=utcnow(), revoked_by=by.id))
        record(store, by, "share.revoke", [f"dissemination:{ident}"], {"grants": len(grants)},
               conn=conn)
        return len(grants)
