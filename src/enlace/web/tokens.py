"""API tokens for scripts: create one (its secret is shown once, on the page that made it),
list one's own, and revoke them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from enlace.api.auth import current
from enlace.api.sessions import Session, create_token, revoke_token, tokens_of
from enlace.web.render import render

router = APIRouter()
Current = Annotated[Session, Depends(current)]


def page(request: Request, session: Session, created: dict[str, object] | None = None,
         code: int = 200) -> Response:
    rows = tokens_of(request.app.state.store, session.principal)
    return render(request, "tokens.html", session, code, tokens=rows, created=created)


@router.get("/tokens")
def tokens_page(request: Request, session: Current) -> Response:
    return page(request, session)


@router.post("/tokens")
def token_create(request: Request, session: Current,
                 name: Annotated[str, Form(max_length=128)] = "script") -> Response:
    label = name.strip() or "script"
    token_id, secret = create_token(request.app.state.store, session.principal, label)
    return page(request, session, {"id": token_id, "name": label, "token": secret}, 201)


@router.post("/tokens/{token_id}/revoke")
def token_revoke(token_id: int, request: Request, session: Current) -> Response:
    revoke_token(request.app.state.store, session.principal, token_id)
    return RedirectResponse("/tokens", status_code=303)
