"""Passwords, hashed with argon2id; the store keeps the hash only."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select

from enlace.api.tables import web_password
from enlace.clock import utcnow
from enlace.exceptions import InvalidData
from enlace.sharing.policy import Principal
from enlace.store import Store

MIN_LENGTH = 8
_hasher = PasswordHasher()
# Verified against when the user is unknown, so both cases cost the same time.
_DUMMY = _hasher.hash("enlace-no-such-user")


def set_password(store: Store, name: str, password: str) -> None:
    """Give ``name`` a new password (replacing any old one)."""
    if len(password) < MIN_LENGTH:
        raise InvalidData(f"a password needs at least {MIN_LENGTH} characters")
    principal = store.principal(name)
    hashed = _hasher.hash(password)
    with store.engine.begin() as conn:
        conn.execute(delete(web_password).where(web_password.c.user_id == principal.id))
        conn.execute(insert(web_password).values(user_id=principal.id, hash=hashed,
                                                 changed_at=utcnow()))


def check_password(store: Store, principal: Principal | None, password: str) -> bool:
    """True when ``password`` is this person's; False for anyone without one."""
    stored = None
    if principal is not None:
        with store.engine.connect() as conn:
            stored = conn.execute(select(web_password.c.hash)
                                  .where(web_password.c.user_id == principal.id)).scalar()
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False
