"""The access-requests page: ask for what a match revealed, and decide requests received."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from enlace.api.auth import current
from enlace.api.sessions import Session
from enlace.exceptions import InvalidData, NotFound, PolicyError
from enlace.web.render import render
from enlace.xref import requests

router = APIRouter()
Current = Annotated[Session, Depends(current)]


def page(request: Request, session: Session, error: str | None = None,
         code: int = 200) -> Response:
    rows = requests.listing(request.app.state.store, session.principal)
    return render(request, "requests.html", session, code, rows=rows, error=error)


@router.get("/requests")
def requests_page(request: Request, session: Current) -> Response:
    return page(request, session)


@router.post("/requests")
def ask(request: Request, session: Current, ref: Annotated[str, Form(max_length=200)],
        why: Annotated[str, Form(max_length=2000)]) -> Response:
    try:
        requests.ask(request.app.state.store, session.principal, ref.strip(), why)
    except (InvalidData, NotFound) as exc:
        return page(request, session, str(exc), exc.status)
    return RedirectResponse("/requests", status_code=303)


@router.post("/requests/{request_id}")
def decide(request_id: int, request: Request, session: Current,
           decision: Annotated[str, Form(max_length=16)],
           why: Annotated[str, Form(max_length=2000)] = "") -> Response:
    store = request.app.state.store
    try:
        if decision == "grant":
            requests.grant(store, session.principal, request_id)
        else:
            requests.refuse(store, session.principal, request_id, why)
    except (InvalidData, PolicyError) as exc:
        return page(request, session, str(exc), exc.status)
    return RedirectResponse("/requests", status_code=303)
