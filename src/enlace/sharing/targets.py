"""Who a share goes to: ``agency:CODE``, ``user:NAME`` or ``group:NAME``, and its people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from enlace.exceptions import InvalidData, NotFound
from enlace.sharing import groups
from enlace.sharing.policy import Principal
from enlace.store.store import Store
from enlace.store.tables import agency, app_user, user_agency

KINDS = ("agency", "user", "group")


@dataclass(frozen=True)
class Target:
    """A share's addressee as typed, checked."""

    kind: str  # agency | user | group
    name: str  # agency code, user name or group name

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}"


def parse(spelling: str) -> Target:
    kind, sep, name = spelling.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in KINDS or not name.strip():
        raise InvalidData(f"invalid recipient {spelling!r}: use agency:CODE, user:NAME or "
                          "group:NAME")
    name = name.strip()
    if kind == "agency":
        name = name.upper()
    elif kind == "group":
        name = groups.check_name(name)
    return Target(kind, name)


def people(store: Store, conn: Connection, target: Target, by: Principal) -> list[Principal]:
    """The people a share to ``target`` reaches (never ``by`` themself), by id."""
    if target.kind == "user":
        found = [target.name]
    elif target.kind == "agency":
        if conn.execute(select(agency.c.code).where(agency.c.code == target.name)).first() is None:
            raise NotFound(f"unknown agency {target.name!r}")
        found = list(conn.execute(
            select(app_user.c.name).join(user_agency, user_agency.c.user_id == app_user.c.id)
            .where(user_agency.c.agency == target.name, app_user.c.active.is_(True))
            .order_by(app_user.c.id)).scalars())
    else:
        groups.check_known(conn, target.name, by)
        ids = groups.member_ids(conn, target.name)
        found = list(conn.execute(select(app_user.c.name).where(
            app_user.c.id.in_(ids), app_user.c.active.is_(True))
            .order_by(app_user.c.id)).scalars())
    return [p for p in (store.principal(name) for name in found) if p.id != by.id]
