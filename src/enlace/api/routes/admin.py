"""Setting up a store from the API: agencies, people and passwords, as ``enlace agency`` and
``enlace user`` do on the command line.

Anyone logged in may list the agencies (documents name them as owners). Adding agencies and
people, listing people and setting someone else's password are for administrators; anyone
may change their own password by giving the current one. Every change is audited.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select

from enlace.api.passwords import check_password, set_password
from enlace.api.routes.deps import CurrentView
from enlace.api.routes.fields import Clean
from enlace.audit import record
from enlace.exceptions import AccessDenied, InvalidData, NotFound
from enlace.sharing.policy import Principal
from enlace.store import Store
from enlace.store.tables import agency as agency_table
from enlace.store.tables import app_user

router = APIRouter(prefix="/api", tags=["admin"])
ADMIN = "admin"
Text = Annotated[str, Clean]


class NewAgency(BaseModel):
    """An agency that owns documents and employs people."""

    code: Text = Field(min_length=1, max_length=16, examples=["SSPC"])
    name: Text = Field(min_length=1, max_length=300)
    country: Text = Field(min_length=2, max_length=64, examples=["MX"])


class NewUser(BaseModel):
    """A person, their agencies, clearance, compartments and roles."""

    name: Text = Field(min_length=1, max_length=120, examples=["ana.ruiz"])
    agencies: list[Text] = Field(min_length=1, max_length=16)
    clearance: Text = Field(min_length=1, max_length=64)
    compartments: list[Text] = Field(default_factory=list, max_length=32)
    roles: list[Text] = Field(default_factory=lambda: ["analyst"], min_length=1, max_length=8)
    full_name: Text | None = Field(default=None, max_length=300)
    password: str | None = Field(default=None, min_length=8, max_length=1024)


class PasswordChange(BaseModel):
    """A new password; your current one when it is your own."""

    new: str = Field(min_length=8, max_length=1024)
    current: str | None = Field(default=None, max_length=1024)


def require_admin(principal: Principal) -> None:
    if ADMIN not in principal.roles:
        raise AccessDenied("managing agencies and people is for administrators")


def person(store: Store, principal: Principal) -> dict[str, Any]:
    return {"name": principal.name, "clearance": store.scheme.level_name(principal.clearance),
            "agencies": sorted(principal.agencies), "countries": sorted(principal.countries),
            "compartments": sorted(principal.compartments), "roles": sorted(principal.roles)}


@router.get("/agencies")
def agencies(view: CurrentView) -> list[dict[str, str]]:
    """Every agency: code, name and country."""
    with view.store.engine.connect() as conn:
        rows = conn.execute(select(agency_table).order_by(agency_table.c.code)).all()
    return [{"code": r.code, "name": r.name, "country": r.country} for r in rows]


@router.post("/agencies", status_code=201)
def add_agency(body: NewAgency, view: CurrentView) -> dict[str, str]:
    """Add an agency (administrators)."""
    require_admin(view.principal)
    with view.store.writer() as writer:
        code = writer.add_agency(body.code, body.name, body.country)
    record(view.store, view.principal, "admin.agency.add", [f"agency:{code}"],
           {"name": body.name.strip()})
    return {"code": code}


@router.get("/users")
def users(view: CurrentView) -> list[dict[str, Any]]:
    """Every person with what the access rule knows of them (administrators)."""
    require_admin(view.principal)
    with view.store.engine.connect() as conn:
        names = conn.execute(select(app_user.c.name).where(app_user.c.active)
                             .order_by(app_user.c.name)).scalars().all()
    return [person(view.store, view.store.principal(name)) for name in names]


@router.get("/users/{name}")
def user(name: Text, view: CurrentView) -> dict[str, Any]:
    """One person (yourself, or anyone for administrators; others are not found)."""
    if name != view.principal.name and ADMIN not in view.principal.roles:
        raise NotFound(f"no user {name!r}")
    return person(view.store, view.store.principal(name))


@router.post("/users", status_code=201)
def add_user(body: NewUser, view: CurrentView) -> dict[str, Any]:
    """Add a person (administrators), with a first password if given."""
    require_admin(view.principal)
    store = view.store
    with store.writer() as writer:
        writer.add_user(body.name, body.agencies, body.clearance, body.compartments, body.roles,
                        body.full_name)
    if body.password is not None:
        set_password(store, body.name.strip(), body.password)
    added = store.principal(body.name.strip())
    record(store, view.principal, "admin.user.add", [f"user:{added.name}"],
           {"agencies": sorted(added.agencies), "roles": sorted(added.roles),
            "clearance": store.scheme.level_name(added.clearance)})
    return person(store, added)


@router.post("/users/{name}/password", status_code=204)
def change_password(name: Text, body: PasswordChange, view: CurrentView) -> None:
    """Set a password: your own with your current one, or anyone's as an administrator."""
    store, me = view.store, view.principal
    if name == me.name and ADMIN not in me.roles:
        if body.current is None or not check_password(store, me, body.current):
            raise AccessDenied("your current password does not match")
    elif name != me.name:
        if ADMIN not in me.roles:
            raise NotFound(f"no user {name!r}")
        store.principal(name)  # NotFound for an unknown name
    if body.current is not None and body.current == body.new:
        raise InvalidData("the new password is the same as the current one")
    set_password(store, name, body.new)
    record(store, me, "admin.password", [f"user:{name}"], {})
