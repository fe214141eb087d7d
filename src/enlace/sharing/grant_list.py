"""The active grants a person gave, and those that reach them, for their own page.

Both lists name only documents the person may see now: the document ids are joined with
the View's compiled access rule, so a grant on a document since raised above the person
(or one given to them on a document they may not read) stays out of sight.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import aliased

from enlace.sharing.tables import sharing_group_member
from enlace.store.tables import access_grant, app_user, document
from enlace.store.view import View

granter = aliased(app_user)
grantee_user = aliased(app_user)


def _active(view: View) -> ColumnElement[bool]:
    return and_(access_grant.c.revoked_at.is_(None),
                or_(access_grant.c.expires_at.is_(None), access_grant.c.expires_at > view.now),
                access_grant.c.document_id.in_(view.visible_documents()))


def _user_key() -> ColumnElement[str]:
    """A user grantee is stored as the user's id in text; compare as text on both backends."""
    return grantee_user.c.id.cast(access_grant.c.grantee.type)


def _listing(view: View) -> Select[Any]:
    return (select(access_grant, document.c.title, granter.c.name.label("by"),
                   grantee_user.c.name.label("user_name"))
            .join(document, document.c.id == access_grant.c.document_id)
            .join(granter, granter.c.id == access_grant.c.granted_by)
            .outerjoin(grantee_user, and_(access_grant.c.grantee_kind == "user",
                                          access_grant.c.grantee == _user_key()))
            .where(_active(view)).order_by(access_grant.c.id))


def _grantee_name(row: Any) -> str:
    return str(row.user_name if row.grantee_kind == "user" else row.grantee)


def _rows(view: View, query: Select[Any]) -> list[dict[str, Any]]:
    with view.store.engine.connect() as conn:
        rows = list(conn.execute(query))
    return [{"grant": row.id, "document": row.document_id, "title": row.title,
             "to": f"{row.grantee_kind}:{_grantee_name(row)}",
             "by": row.by, "tlp": row.tlp, "created_at": row.created_at.isoformat(),
             "expires_at": row.expires_at.isoformat() if row.expires_at else None}
            for row in rows]


def given(view: View) -> list[dict[str, Any]]:
    """Active grants the person gave, on documents they still may see."""
    return _rows(view, _listing(view).where(access_grant.c.granted_by == view.principal.id))


def received(view: View) -> list[dict[str, Any]]:
    """Active grants to the person, to one of their agencies or to a group they belong to."""
    me = view.principal
    groups = select(sharing_group_member.c.group_name).where(
        sharing_group_member.c.user_id == me.id)
    reaches = or_(
        and_(access_grant.c.grantee_kind == "user", access_grant.c.grantee == str(me.id)),
        and_(access_grant.c.grantee_kind == "agency",
             access_grant.c.grantee.in_(sorted(me.agencies))),
        and_(access_grant.c.grantee_kind == "group", access_grant.c.grantee.in_(groups)))
    return _rows(view, _listing(view).where(reaches))
