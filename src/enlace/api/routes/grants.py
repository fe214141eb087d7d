"""Grants (access to a document itself, no copy) and the sharing groups people own.

Granting, revoking and group management call :mod:`enlace.sharing.grants`,
:mod:`enlace.sharing.groups` and :mod:`enlace.sharing.membership`, which decide who may
do what. A group's members are listed to its owner only; to anyone else who is not a
member, a group does not exist (404), and a member learns nothing of the others.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from enlace.api.routes.deps import CurrentView
from enlace.api.routes.fields import Clean
from enlace.cli.share import expiry
from enlace.exceptions import InvalidData, NotFound
from enlace.sharing import grant_list, groups, membership
from enlace.sharing.grants import grant as give_grant
from enlace.sharing.grants import revoke as end_grant
from enlace.sharing.targets import parse

router = APIRouter(prefix="/api", tags=["grants and groups"])
GroupName = Annotated[str, Path(min_length=1, max_length=64), Clean]
UserName = Annotated[str, Path(min_length=1, max_length=128), Clean]
Text = Annotated[str, Clean]
MAX_ID = 2_147_483_647  # grant numbers are 32-bit integers on PostgreSQL


class GrantRequest(BaseModel):
    document: Text = Field(min_length=1, max_length=200, description="The document's id.")
    to: Text = Field(min_length=1, max_length=200,
                     description="agency:CODE, user:NAME or group:NAME.")
    tlp: Text = Field(default="AMBER", max_length=32)
    expires: Annotated[str | None, Clean] = Field(
        default=None, max_length=10, description="Last day of access, YYYY-MM-DD.")


class NewGroup(BaseModel):
    name: Text = Field(min_length=1, max_length=64,
                       description="2 to 64 lower-case letters, digits, '.', '_' or '-'.")


class NewMember(BaseModel):
    user: Text = Field(min_length=1, max_length=128, description="The person to add.")


def access_ends(spelling: str | None) -> datetime | None:
    """The end of the last day of access, as ``enlace grant --expires`` reads it."""
    try:
        return expiry(spelling)
    except OverflowError:
        raise InvalidData(f"invalid date {spelling!r}: too far in the future") from None


@router.get("/grants")
def grant_listing(view: CurrentView) -> dict[str, Any]:
    """Active grants you gave, and those that reach you, on documents you may see."""
    return {"given": grant_list.given(view), "received": grant_list.received(view)}


@router.post("/grants", status_code=201)
def grant(body: GrantRequest, view: CurrentView) -> dict[str, Any]:
    """Let an agency, a person or a group see a document you may see (TLP rules apply)."""
    store = view.store
    target = parse(body.to)
    colour = store.scheme.tlp_colour(body.tlp)
    grant_id = give_grant(store, view, body.document, target, colour, access_ends(body.expires))
    return {"grant": grant_id, "document": body.document, "to": str(target), "tlp": colour}


@router.delete("/grants/{ident}")
def revoke(ident: Annotated[str, Path(min_length=1, max_length=200), Clean],
           view: CurrentView) -> dict[str, Any]:
    """End a grant you gave (by number), or every copy's grant of a dissemination you sent
    (``dis-...``); anyone else's is 404."""
    if ident.isdigit() and not (ident.isascii() and int(ident) <= MAX_ID):
        raise NotFound(f"no active grant {ident}")  # not a number any grant can have
    return {"revoked": ident, "grants_ended": end_grant(view.store, view.principal, ident)}


@router.get("/sharing-groups")
def group_listing(view: CurrentView) -> list[dict[str, str]]:
    """The sharing groups you own or belong to (names only)."""
    with view.store.engine.connect() as conn:
        return [{"group": name} for name in groups.groups_of(conn, view.principal)]


@router.post("/sharing-groups", status_code=201)
def group_create(body: NewGroup, view: CurrentView) -> dict[str, str]:
    """Create a sharing group that you own."""
    with view.store.writer() as writer:
        return {"group": groups.create(writer.conn, body.name, view.principal)}


@router.get("/sharing-groups/{name}/members")
def group_members(name: GroupName, view: CurrentView) -> dict[str, Any]:
    """A group's members, for its owner only."""
    with view.store.engine.connect() as conn:
        found = groups.members(conn, name, view.principal)
    return {"group": groups.check_name(name), "members": found}


@router.post("/sharing-groups/{name}/members", status_code=201)
def group_add(name: GroupName, body: NewMember, view: CurrentView) -> dict[str, str]:
    """Add a person to a group you own."""
    with view.store.writer() as writer:
        groups.add_member(writer.conn, name, body.user, view.principal)
    return {"group": groups.check_name(name), "added": body.user}


@router.delete("/sharing-groups/{name}/members/{user}")
def group_remove(name: GroupName, user: UserName, view: CurrentView) -> dict[str, str]:
    """Take a person out of a group you own."""
    with view.store.writer() as writer:
        membership.remove_member(writer.conn, name, user, view.principal)
    return {"group": groups.check_name(name), "removed": user}
