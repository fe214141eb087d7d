"""Sharing groups: named sets of people that an owner manages and others can share with.

Only a group's owner may add members or list them. A member learns that they belong to
a group and nothing about who else does: no function here tells a member the others,
and a person who is neither owner nor member is told the group does not exist.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, insert, select

from enlace.clock import utcnow
from enlace.exceptions import InvalidData, NotFound
from enlace.sharing.policy import Principal
from enlace.sharing.tables import sharing_group, sharing_group_member
from enlace.store.tables import app_user

GROUP_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def check_name(name: str) -> str:
    folded = name.strip().lower()
    if not GROUP_NAME_RE.match(folded):
        raise InvalidData(f"invalid group name {name!r}: use 2 to 64 lower-case letters, "
                          "digits, '.', '_' or '-'")
    return folded


def create(conn: Connection, name: str, owner: Principal) -> str:
    """Create a group owned by ``owner``."""
    name = check_name(name)
    if conn.execute(select(sharing_group.c.name).where(sharing_group.c.name == name)).first():
        raise InvalidData(f"group {name} already exists")
    conn.execute(insert(sharing_group).values(name=name, owner_id=owner.id,
                                              created_at=utcnow()))
    return name


def _owner(conn: Connection, name: str) -> int | None:
    found = conn.execute(select(sharing_group.c.owner_id)
                         .where(sharing_group.c.name == check_name(name))).scalar()
    return None if found is None else int(found)


def is_member(conn: Connection, name: str, user_id: int) -> bool:
    return conn.execute(select(sharing_group_member.c.user_id).where(
        sharing_group_member.c.group_name == check_name(name),
        sharing_group_member.c.user_id == user_id)).first() is not None


def check_known(conn: Connection, name: str, by: Principal) -> str:
    """The group's name when ``by`` owns it or belongs to it; NotFound otherwise."""
    owner = _owner(conn, name)
    if owner is None or (owner != by.id and not is_member(conn, name, by.id)):
        raise NotFound(f"no group {name!r}")
    return check_name(name)


def _owned(conn: Connection, name: str, by: Principal) -> str:
    owner = _owner(conn, name)
    if owner is None or owner != by.id:
        raise NotFound(f"no group {name!r} that you own")
    return check_name(name)


def add_member(conn: Connection, name: str, user: str, by: Principal) -> None:
    """Add the person called ``user`` to a group ``by`` owns."""
    name = _owned(conn, name, by)
    user_id = conn.execute(select(app_user.c.id).where(app_user.c.name == user,
                                                       app_user.c.active.is_(True))).scalar()
    if user_id is None:
        raise NotFound(f"unknown user {user!r}")
    if is_member(conn, name, int(user_id)):
        raise InvalidData(f"{user} is already a member of {name}")
    conn.execute(insert(sharing_group_member).values(group_name=name, user_id=user_id,
                                                     added_by=by.id, added_at=utcnow()))


def member_ids(conn: Connection, name: str) -> list[int]:
    """Every member's id: for the sharing machinery, never shown to members."""
    return [int(u) for u in conn.execute(
        select(sharing_group_member.c.user_id)
        .where(sharing_group_member.c.group_name == check_name(name))
        .order_by(sharing_group_member.c.user_id)).scalars()]


def members(conn: Connection, name: str, by: Principal) -> list[str]:
    """The members' names, for the group's owner only."""
    name = _owned(conn, name, by)
    return list(conn.execute(
        select(app_user.c.name)
        .join(sharing_group_member, sharing_group_member.c.user_id == app_user.c.id)
        .where(sharing_group_member.c.group_name == name)
        .order_by(app_user.c.name)).scalars())


def groups_of(conn: Connection, by: Principal) -> list[str]:
    """The groups ``by`` owns or belongs to (names only)."""
    owned = select(sharing_group.c.name).where(sharing_group.c.owner_id == by.id)
    joined = select(sharing_group_member.c.group_name).where(
        sharing_group_member.c.user_id == by.id)
    return sorted(set(conn.execute(owned).scalars()) | set(conn.execute(joined).scalars()))
