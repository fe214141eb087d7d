"""Logging in and out, who am I, and API tokens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from enlace.api.auth import COOKIE, client_address, current, login, store_of
from enlace.api.sessions import (
    SESSION_LIFETIME,
    Session,
    create_token,
    end_session,
    revoke_token,
    start_session,
    tokens_of,
)
from enlace.sharing.policy import Principal

router = APIRouter(prefix="/api", tags=["session"])
Current = Annotated[Session, Depends(current)]


class Credentials(BaseModel):
    name: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=1024)


class TokenRequest(BaseModel):
    name: str = Field(default="script", min_length=1, max_length=128)


def person(principal: Principal, scheme_level: str) -> dict[str, Any]:
    return {"name": principal.name, "clearance": scheme_level,
            "agencies": sorted(principal.agencies), "compartments": sorted(principal.compartments),
            "roles": sorted(principal.roles)}


def set_session_cookie(request: Request, response: Response, secret: str) -> None:
    response.set_cookie(COOKIE, secret, max_age=int(SESSION_LIFETIME.total_seconds()),
                        httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")


@router.post("/login")
def api_login(credentials: Credentials, request: Request, response: Response) -> dict[str, Any]:
    """Check a password; set the session cookie and return the CSRF token for fetch."""
    store = store_of(request)
    principal = login(store, credentials.name, credentials.password, client_address(request))
    secret, csrf = start_session(store, principal)
    set_session_cookie(request, response, secret)
    return {"user": principal.name, "csrf_token": csrf}


@router.post("/logout")
def api_logout(session: Current, request: Request, response: Response) -> dict[str, Any]:
    secret = request.cookies.get(COOKIE)
    if secret and session.via == "session":
        end_session(store_of(request), secret)
    response.delete_cookie(COOKIE, path="/")
    return {"ok": True}


@router.get("/me")
def me(session: Current, request: Request) -> dict[str, Any]:
    store = store_of(request)
    found = person(session.principal, store.scheme.level_name(session.principal.clearance))
    return {**found, "via": session.via, "csrf_token": session.csrf}


@router.post("/tokens", status_code=201)
def token_create(body: TokenRequest, session: Current, request: Request) -> dict[str, Any]:
    """A new API token for yourself; the token is shown once, only here."""
    token_id, secret = create_token(store_of(request), session.principal, body.name)
    return {"id": token_id, "name": body.name, "token": secret}


@router.get("/tokens")
def token_list(session: Current, request: Request) -> list[dict[str, Any]]:
    return tokens_of(store_of(request), session.principal)


@router.delete("/tokens/{token_id}")
def token_revoke(token_id: int, session: Current, request: Request) -> dict[str, Any]:
    revoke_token(store_of(request), session.principal, token_id)
    return {"id": token_id, "revoked": True}
