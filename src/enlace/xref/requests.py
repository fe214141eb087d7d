"""Access requests: a person who learnt that an agency holds a record asks to see it.

The requester names the opaque reference they were given and says why. Members of the
owner agency list the requests addressed to it, and grant (a grant to the requester on
each underlying document, through :meth:`enlace.store.writer.Writer.grant`) or refuse,
with a reason. The requester sees the status, never the documents, until granted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from enlace.clock import utcnow
from enlace.exceptions import InvalidData, NotFound, PolicyError
from enlace.sharing.policy import Principal
from enlace.store import Store
from enlace.store import access as rule
from enlace.store.tables import app_user
from enlace.xref.tables import access_request, xref_match, xref_match_document

PENDING, GRANTED, REFUSED = "pending", "granted", "refused"


def ask(store: Store, who: Principal, ref: str, why: str) -> dict[str, Any]:
    """Record a request for the documents behind ``ref`` (one of ``who``'s own matches)."""
    if not why.strip():
        raise InvalidData("say why you need access (--why): the owner agency reads it")
    with store.engine.begin() as conn:
        match = conn.execute(select(xref_match).where(xref_match.c.token == ref,
                                                      xref_match.c.user_id == who.id)).first()
        if match is None:
            raise NotFound(f"no match {ref!r}")
        existing = conn.execute(select(access_request.c.id).where(
            access_request.c.token == ref, access_request.c.status == PENDING)).scalar()
        if existing is None:
            existing = conn.execute(insert(access_request).values(
                token=ref, requester=who.id, agency=match.agency, reason=why.strip(),
                status=PENDING, created_at=utcnow())).inserted_primary_key[0]  # type: ignore[index]
        return _mine(conn, int(existing))


def _mine(conn: Connection, request_id: int) -> dict[str, Any]:
    row = conn.execute(select(access_request).where(access_request.c.id == request_id)).one()
    return {"request": row.id, "agency": row.agency, "status": row.status,
            "why": row.reason, "decision": row.decision,
            "asked_at": row.created_at.isoformat(),
            "decided_at": row.decided_at.isoformat() if row.decided_at else None}


def listing(store: Store, who: Principal) -> list[dict[str, Any]]:
    """Requests ``who`` made, and requests addressed to ``who``'s agencies."""
    with store.engine.connect() as conn:
        mine = [dict(_mine(conn, r), role="requester") for r in conn.execute(
            select(access_request.c.id).where(access_request.c.requester == who.id)
            .order_by(access_request.c.id)).scalars()]
        theirs = [_theirs(conn, who, r) for r in conn.execute(
            select(access_request.c.id).where(access_request.c.agency.in_(sorted(who.agencies)))
            .order_by(access_request.c.id)).scalars()]
    return mine + theirs


def _theirs(conn: Connection, who: Principal, request_id: int) -> dict[str, Any]:
    row = conn.execute(select(access_request, app_user.c.name.label("by"))
                       .join(app_user, app_user.c.id == access_request.c.requester)
                       .where(access_request.c.id == request_id)).one()
    docs = conn.execute(select(xref_match_document.c.document_id).distinct().where(
        xref_match_document.c.token == row.token,
        xref_match_document.c.document_id.in_(rule.visible_documents(who, utcnow())))
        .order_by(xref_match_document.c.document_id)).scalars()
    return {"request": row.id, "role": "owner", "agency": row.agency, "requester": row.by,
            "why": row.reason, "status": row.status, "documents": list(docs),
            "decision": row.decision, "asked_at": row.created_at.isoformat()}


def _pending(conn: Connection, who: Principal, request_id: int) -> Any:
    row = conn.execute(select(access_request).where(
        access_request.c.id == request_id,
        access_request.c.agency.in_(sorted(who.agencies)))).first()
    if row is None:
        raise NotFound(f"no request {request_id} to your agency")
    if row.status != PENDING:
        raise PolicyError(f"request {request_id} was already {row.status}")
    return row


def grant(store: Store, who: Principal, request_id: int) -> dict[str, Any]:
    """Grant the requester every document behind the request (the granter must see them)."""
    with store.writer() as w:
        row = _pending(w.conn, who, request_id)
        docs = sorted(set(w.conn.execute(select(xref_match_document.c.document_id)
                                         .where(xref_match_document.c.token == row.token))
                          .scalars()))
        for doc in docs:
            try:
                w.grant(doc, "user", str(row.requester), who)
            except NotFound:
                raise PolicyError(f"you cannot see every document of request {request_id}; "
                                  "ask a colleague whose clearance covers them") from None
        _decide(w.conn, who, request_id, GRANTED, None)
        return dict(_mine(w.conn, request_id), documents=docs)


def refuse(store: Store, who: Principal, request_id: int, why: str) -> dict[str, Any]:
    if not why.strip():
        raise InvalidData("say why you refuse (--why): the requester reads it")
    with store.engine.begin() as conn:
        _pending(conn, who, request_id)
        _decide(conn, who, request_id, REFUSED, why.strip())
        return _mine(conn, request_id)


def _decide(conn: Connection, who: Principal, request_id: int, status: str,
            why: str | None) -> None:
    conn.execute(update(access_request).where(access_request.c.id == request_id).values(
        status=status, decided_by=who.id, decided_at=utcnow(), decision=why))
