"""Login rate limits, per account and per client address, with a lockout that says when.

Every login attempt is recorded. An account with ``ACCOUNT_LIMIT`` failures within
``WINDOW`` is locked until ``WINDOW`` after the oldest of them; so is an address with
``ADDRESS_LIMIT`` failures. A locked login is refused before its password is checked.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import and_, func, insert, select

from enlace.api.errors import TooManyAttempts
from enlace.api.tables import login_attempt
from enlace.clock import utcnow
from enlace.store import Store

WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


def check(store: Store, name: str, address: str) -> None:
    """Raise TooManyAttempts when the account or the address is locked."""
    since = utcnow() - WINDOW
    for column, value, limit, what in (
            (login_attempt.c.user_name, name, ACCOUNT_LIMIT, "this account"),
            (login_attempt.c.address, address, ADDRESS_LIMIT, "this address")):
        query = select(func.count(), func.min(login_attempt.c.at)).where(and_(
            column == value, login_attempt.c.ok.is_(False), login_attempt.c.at > since))
        with store.engine.connect() as conn:
            count, oldest = conn.execute(query).one()
        if count >= limit:
            until = oldest + WINDOW
            raise TooManyAttempts(f"too many failed logins for {what}: try again after "
                                  f"{until:%H:%M:%S} UTC", until)


def note(store: Store, name: str, address: str, ok: bool) -> None:
    with store.engine.begin() as conn:
        conn.execute(insert(login_attempt).values(user_name=name[:128], address=address[:64],
                                                  at=utcnow(), ok=ok))
