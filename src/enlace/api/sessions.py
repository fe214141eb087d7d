"""Browser sessions and API tokens: random secrets given once, stored as SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import insert, select, update

from enlace.api.tables import api_token, web_session
from enlace.clock import utcnow
from enlace.exceptions import NotFound
from enlace.sharing.policy import Principal
from enlace.store import Store
from enlace.store.tables import app_user

SESSION_LIFETIME = timedelta(hours=8)
TOKEN_PREFIX = "enl_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Session:
    """A logged-in browser: who, and the CSRF token its forms must carry."""

    principal: Principal
    csrf: str | None  # None for API tokens: no cookie, so no CSRF to guard against
    via: str  # "session" | "token"


def start_session(store: Store, principal: Principal) -> tuple[str, str]:
    """A new session for ``principal``: (the cookie's value, its CSRF token)."""
    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = utcnow()
    with store.engine.begin() as conn:
        conn.execute(insert(web_session).values(
            id=digest(secret), user_id=principal.id, csrf=csrf, created_at=now,
            expires_at=now + SESSION_LIFETIME))
    return secret, csrf


def find_session(store: Store, secret: str) -> Session | None:
    query = (select(web_session.c.csrf, app_user.c.name)
             .join(app_user, app_user.c.id == web_session.c.user_id)
             .where(web_session.c.id == digest(secret), web_session.c.ended_at.is_(None),
                    web_session.c.expires_at > utcnow()))
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    try:
        return Session(store.principal(row.name), row.csrf, "session")
    except NotFound:  # the user was deactivated
        return None


def end_session(store: Store, secret: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(update(web_session).where(web_session.c.id == digest(secret))
                     .values(ended_at=utcnow()))


def create_token(store: Store, principal: Principal, name: str) -> tuple[int, str]:
    """A new API token for ``principal``: (its id, the token, shown only now)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.engine.begin() as conn:
        token_id = conn.execute(insert(api_token).values(
            user_id=principal.id, name=name[:128], token_hash=digest(secret),
            created_at=utcnow())).inserted_primary_key[0]  # type: ignore[index]
    return int(token_id), secret


def find_token(store: Store, secret: str) -> Session | None:
    query = (select(api_token.c.id, app_user.c.name)
             .join(app_user, app_user.c.id == api_token.c.user_id)
             .where(api_token.c.token_hash == digest(secret), api_token.c.revoked_at.is_(None)))
    with store.engine.begin() as conn:
        row = conn.execute(query).first()
        if row is None:
            return None
        conn.execute(update(api_token).where(api_token.c.id == row.id)
                     .values(last_used_at=utcnow()))
    try:
        return Session(store.principal(row.name), None, "token")
    except NotFound:
        return None


def tokens_of(store: Store, principal: Principal) -> list[dict[str, Any]]:
    query = (select(api_token).where(api_token.c.user_id == principal.id)
             .order_by(api_token.c.id))
    with store.engine.connect() as conn:
        rows = list(conn.execute(query))
    return [{"id": r.id, "name": r.name, "created_at": r.created_at.isoformat(),
             "last_used_at": r.last_used_at.isoformat() if r.last_used_at else None,
             "revoked": r.revoked_at is not None} for r in rows]


def revoke_token(store: Store, principal: Principal, token_id: int) -> None:
    """Revoke one of your own tokens; anyone else's is NotFound."""
    with store.engine.begin() as conn:
        done = conn.execute(update(api_token).where(
            api_token.c.id == token_id, api_token.c.user_id == principal.id,
            api_token.c.revoked_at.is_(None)).values(revoked_at=utcnow())).rowcount
    if not done:
        raise NotFound(f"token {token_id} not found")
