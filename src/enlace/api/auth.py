"""Who is asking: a session cookie (browsers, with CSRF) or a Bearer token (scripts).

:func:`current` is the dependency every protected route takes. A browser request that
changes state must carry its session's CSRF token, as the ``X-CSRF-Token`` header (fetch)
or the ``csrf_token`` form field (forms); token requests carry no cookie, so need none.
:func:`login` checks the rate limits, then the password, and records the attempt.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from enlace.api import ratelimit
from enlace.api.errors import CsrfRefused, NotAuthenticated
from enlace.api.passwords import check_password
from enlace.api.sessions import Session, find_session, find_token
from enlace.audit import record
from enlace.exceptions import NotFound
from enlace.sharing.policy import Principal
from enlace.store import Store, View

COOKIE = "enlace_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def current(request: Request) -> Session:
    """The session of the person asking; 401 without one, 403 without a CSRF token."""
    store = store_of(request)
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        found = find_token(store, header[7:].strip())
        if found is None:
            raise NotAuthenticated("invalid or revoked API token")
        return found
    secret = request.cookies.get(COOKIE)
    session = find_session(store, secret) if secret else None
    if session is None:
        raise NotAuthenticated("log in first")
    if request.method not in SAFE_METHODS:
        await check_csrf(request, session.csrf or "")
    return session


async def check_csrf(request: Request, expected: str) -> None:
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        field = form.get(CSRF_FIELD)
        given = field if isinstance(field, str) else None
    if not given or not expected or not hmac.compare_digest(given, expected):
        raise CsrfRefused("this request lacks a valid CSRF token: reload the page and retry")


async def current_view(request: Request) -> View:
    """A View scoped to the person asking: every read goes through it."""
    session = await current(request)
    return store_of(request).view(session.principal)


def login(store: Store, name: str, password: str, address: str) -> Principal:
    """The person, if the password is theirs and neither they nor the address is locked."""
    ratelimit.check(store, name, address)
    try:
        principal: Principal | None = store.principal(name)
    except NotFound:
        principal = None
    ok = check_password(store, principal, password)
    ratelimit.note(store, name, address, ok)
    detail = {"ok": ok, "address": address, "user": name[:128]}
    record(store, principal, "login", (f"user:{principal.name}",) if principal else (), detail)
    if not ok or principal is None:
        raise NotAuthenticated("wrong name or password")
    return principal
