"""Grants and sharing groups: give a grant, the grants one gave (with revoke) and
received, and the sharing groups one owns (create, add and remove members) or belongs to.

Who sees what is the sharing services' answer: a group's members are listed only to its
owner (:func:`enlace.sharing.groups.members` refuses anyone else), so a member sees the
group's name and nothing about the others.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Connection

from enlace.api.auth import current
from enlace.api.sessions import Session
from enlace.cli.share import expiry
from enlace.exceptions import InvalidData, NotFound, PolicyError
from enlace.sharing import grant_list, groups, membership
from enlace.sharing.grants import grant, revoke
from enlace.sharing.policy import Principal
from enlace.sharing.targets import parse
from enlace.web.render import render
from enlace.web.share import TLP, recipients

router = APIRouter()
Current = Annotated[Session, Depends(current)]
PAGE = "/grants"


def group_rows(conn: Connection, who: Principal) -> list[dict[str, Any]]:
    """Each group ``who`` owns (with its members) or belongs to (name only)."""
    rows: list[dict[str, Any]] = []
    for name in groups.groups_of(conn, who):
        try:
            rows.append({"name": name, "owner": True, "members": groups.members(conn, name, who)})
        except NotFound:
            rows.append({"name": name, "owner": False, "members": []})
    return rows


def page(request: Request, session: Session, error: str | None = None,
         code: int = 200) -> Response:
    store = request.app.state.store
    view = store.view(session.principal)
    with store.engine.connect() as conn:
        owned = group_rows(conn, session.principal)
    return render(request, "grants.html", session, code, given=grant_list.given(view),
                  received=grant_list.received(view), groups=owned, error=error,
                  recipients=recipients(store), tlps=TLP)


@router.get(PAGE)
def grants_page(request: Request, session: Current) -> Response:
    return page(request, session)


@router.post(PAGE)
def give_grant(request: Request, session: Current,
               document: Annotated[str, Form(max_length=200)],
               to: Annotated[str, Form(max_length=200)],
               tlp: Annotated[str, Form(max_length=32)] = "AMBER",
               expires: Annotated[str, Form(max_length=10)] = "") -> Response:
    """Let an agency, a person or a group see a document itself (no copy)."""
    store = request.app.state.store
    try:
        grant(store, store.view(session.principal), document.strip(), parse(to.strip()),
              store.scheme.tlp_colour(tlp), expiry(expires or None))
    except (InvalidData, NotFound, PolicyError) as exc:
        return page(request, session, str(exc), exc.status)
    return RedirectResponse(PAGE, status_code=303)


@router.post("/grants/{grant_id}/revoke")
def revoke_grant(grant_id: int, request: Request, session: Current) -> Response:
    revoke(request.app.state.store, session.principal, str(grant_id))
    return RedirectResponse(PAGE, status_code=303)


@router.post("/groups")
def create_group(request: Request, session: Current,
                 name: Annotated[str, Form(max_length=64)]) -> Response:
    try:
        with request.app.state.store.engine.begin() as conn:
            groups.create(conn, name, session.principal)
    except InvalidData as exc:
        return page(request, session, str(exc), exc.status)
    return RedirectResponse(PAGE, status_code=303)


@router.post("/groups/{name}/members")
def change_members(name: str, request: Request, session: Current,
                   user: Annotated[str, Form(max_length=128)],
                   action: Annotated[str, Form(max_length=16)] = "add") -> Response:
    try:
        with request.app.state.store.engine.begin() as conn:
            if action == "remove":
                membership.remove_member(conn, name, user.strip(), session.principal)
            else:
                groups.add_member(conn, name, user.strip(), session.principal)
    except (InvalidData, NotFound) as exc:
        return page(request, session, str(exc), exc.status)
    return RedirectResponse(PAGE, status_code=303)
