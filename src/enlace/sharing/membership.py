"""Taking a person out of a sharing group: its owner only, like adding one.

Whoever does not own the group is told it does not exist (as in :mod:`enlace.sharing.groups`),
so a member cannot probe who else belongs to it by trying to remove them.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, select

from enlace.exceptions import NotFound
from enlace.sharing import groups
from enlace.sharing.policy import Principal
from enlace.sharing.tables import sharing_group_member
from enlace.store.tables import app_user


def remove_member(conn: Connection, name: str, user: str, by: Principal) -> None:
    """Remove the person called ``user`` from a group ``by`` owns."""
    if user not in groups.members(conn, name, by):  # NotFound unless ``by`` owns it
        raise NotFound(f"{user} is not a member of {groups.check_name(name)}")
    user_id = conn.execute(select(app_user.c.id).where(app_user.c.name == user)).scalar_one()
    conn.execute(delete(sharing_group_member).where(
        sharing_group_member.c.group_name == groups.check_name(name),
        sharing_group_member.c.user_id == user_id))
