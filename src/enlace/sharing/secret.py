"""The instance secret that keys pseudonyms and watermarks, and the protected compartments.

Both live in the store's ``setting`` table, so every process of one instance agrees on
them: the secret (32 random bytes, hex) is created the first time it is needed, and the
list of protected compartments defaults to SOURCES until an administrator changes it.
"""

from __future__ import annotations

import secrets

from sqlalchemy import Connection, delete, insert, select

from enlace.model.markings import compartment
from enlace.store.tables import setting

SECRET_KEY = "sharing.secret"
PROTECTED_KEY = "sharing.protected_compartments"
DEFAULT_PROTECTED = ("SOURCES",)


def instance_secret(conn: Connection) -> bytes:
    """The instance's secret key, created in this transaction when there is none yet."""
    found = conn.execute(select(setting.c.value).where(setting.c.key == SECRET_KEY)).scalar()
    if found is None:
        found = secrets.token_hex(32)
        conn.execute(insert(setting).values(key=SECRET_KEY, value=found))
    return bytes.fromhex(str(found))


def protected_compartments(conn: Connection) -> frozenset[str]:
    """The compartments whose statements never reach a recipient who lacks them."""
    found = conn.execute(select(setting.c.value).where(setting.c.key == PROTECTED_KEY)).scalar()
    if found is None:
        return frozenset(DEFAULT_PROTECTED)
    return frozenset(filter(None, str(found).split(",")))


def set_protected_compartments(conn: Connection, names: list[str]) -> frozenset[str]:
    """Replace the list of protected compartments (checked names); returns it."""
    chosen = frozenset(compartment(n) for n in names)
    conn.execute(delete(setting).where(setting.c.key == PROTECTED_KEY))
    conn.execute(insert(setting).values(key=PROTECTED_KEY, value=",".join(sorted(chosen))))
    return chosen
