"""Logging in and out in the browser, and the language switch.

The login form carries its own CSRF token before any session exists: a random nonce in
a SameSite=Strict cookie, and the nonce signed (itsdangerous) in the form.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from enlace.api.auth import COOKIE, client_address, current, login, store_of
from enlace.api.errors import CsrfRefused, NotAuthenticated, TooManyAttempts
from enlace.api.routes.session import set_session_cookie
from enlace.api.sessions import Session, end_session, start_session
from enlace.web import i18n
from enlace.web.render import render

router = APIRouter()
LOGIN_COOKIE = "enlace_login"
LOGIN_FORM_AGE = 3600


def signer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.secret_key, salt="enlace-login")


def safe_next(target: str | None) -> str:
    """Only paths on this site: never another origin."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/search"
    return target


def login_form(request: Request, next_path: str, error: str | None = None,
               status: int = 200, name: str = "") -> Response:
    nonce = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, status, next_path=safe_next(next_path),
                      error=error, login_csrf=signer(request).dumps(nonce), name=name)
    response.set_cookie(LOGIN_COOKIE, nonce, max_age=LOGIN_FORM_AGE, httponly=True,
                        samesite="strict", path="/", secure=request.url.scheme == "https")
    return response


@router.get("/")
def home() -> Response:
    return RedirectResponse("/search", status_code=303)


@router.get("/login")
def login_page(request: Request, next: str = "/search") -> Response:
    return login_form(request, next)


@router.post("/login")
def login_submit(request: Request, name: Annotated[str, Form(max_length=128)],
                 password: Annotated[str, Form(max_length=1024)],
                 csrf_token: Annotated[str, Form(max_length=500)] = "",
                 next: Annotated[str, Form(max_length=500)] = "/search") -> Response:
    try:
        nonce = signer(request).loads(csrf_token, max_age=LOGIN_FORM_AGE)
    except BadSignature:
        nonce = None
    if not nonce or nonce != request.cookies.get(LOGIN_COOKIE):
        raise CsrfRefused("the login form expired: reload the page and try again")
    store = store_of(request)
    try:
        principal = login(store, name, password, client_address(request))
    except (NotAuthenticated, TooManyAttempts) as exc:
        return login_form(request, next, str(exc), exc.status, name)
    secret, _ = start_session(store, principal)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(request, response, secret)
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, session: Annotated[Session, Depends(current)]) -> Response:
    secret = request.cookies.get(COOKIE)
    if secret:
        end_session(store_of(request), secret)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/lang/{code}")
def switch_language(code: str, next: str = "/search") -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    if code in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, code, max_age=365 * 86400, samesite="lax", path="/")
    return response
