"""What TLP lets a recipient do with what they received: the resharing rules.

A person who originated a document (a member of its owner agency, or the creator of a
derived document) shares it as they see fit. Anyone else received it under a TLP colour
(the most permissive of their active grants on it, else the document's own colour) and
may pass it on only as that colour allows:

* RED: to nobody;
* AMBER+STRICT: only to people and agencies inside their own agency, never to a group;
* AMBER: only inside their own agency (a group only when every member is inside it);
* GREEN: to the community, any person, agency or group in this instance;
* CLEAR: to anyone.

A reshare never carries a less restrictive colour than the one it was received under.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, and_, or_, select

from enlace.clock import utcnow
from enlace.exceptions import InvalidData, NotFound
from enlace.sharing.policy import Decision, Principal
from enlace.sharing.tables import sharing_group_member
from enlace.sharing.targets import Target
from enlace.store.tables import access_grant, document

ORDER = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")


def rank(colour: str) -> int:
    if colour not in ORDER:
        raise InvalidData(f"unknown TLP colour {colour!r}; use one of {', '.join(ORDER)}")
    return ORDER.index(colour)


def received(conn: Connection, document_id: str, by: Principal) -> str | None:
    """The colour ``by`` holds a document under; None when they originated it."""
    row = conn.execute(select(document.c.kind, document.c.owner, document.c.created_by,
                              document.c.tlp).where(document.c.id == document_id)).first()
    if row is None:
        raise NotFound(f"document {document_id!r} not found")
    if (row.kind == "source" and row.owner in by.agencies) or (
            row.kind == "derived" and row.created_by == by.id):
        return None
    now = utcnow()
    mine = select(sharing_group_member.c.group_name).where(
        sharing_group_member.c.user_id == by.id)
    colours = [c or row.tlp for c in conn.execute(select(access_grant.c.tlp).where(
        access_grant.c.document_id == document_id,
        access_grant.c.revoked_at.is_(None),
        or_(access_grant.c.expires_at.is_(None), access_grant.c.expires_at > now),
        or_(and_(access_grant.c.grantee_kind == "user", access_grant.c.grantee == str(by.id)),
            and_(access_grant.c.grantee_kind == "agency",
                 access_grant.c.grantee.in_(sorted(by.agencies))),
            and_(access_grant.c.grantee_kind == "group", access_grant.c.grantee.in_(mine))),
    )).scalars()]
    return min(colours, key=rank) if colours else str(row.tlp)


def may_reshare(colour: str | None, by: Principal, target: Target,
                reached: Sequence[Principal], new: str) -> Decision:
    """Whether ``by``, holding a document under ``colour``, may share it with ``target``
    (whose people are ``reached``) under the colour ``new``."""
    if colour is None:
        return Decision(True, "you originated it")
    if rank(new) < rank(colour):
        return Decision(False, f"received under TLP:{colour}, it cannot be passed on as "
                               f"TLP:{new}")
    if colour == "RED":
        return Decision(False, "TLP:RED: not for further sharing")
    if colour in ("AMBER", "AMBER+STRICT"):
        if target.kind == "group" and colour == "AMBER+STRICT":
            return Decision(False, "TLP:AMBER+STRICT: never to a group")
        if target.kind == "agency":
            inside = target.name in by.agencies
        else:
            inside = all(p.agencies & by.agencies for p in reached)
        if not inside:
            return Decision(False, f"TLP:{colour}: only inside your own agency")
        return Decision(True, f"TLP:{colour}: inside your agency")
    if colour == "GREEN":
        return Decision(True, "TLP:GREEN: within the community")
    return Decision(True, "TLP:CLEAR: no limit")


def strictest(colours: Sequence[str]) -> str:
    return max(colours, key=rank)
