"""The share dialog: choose recipients and TLP, preview what will be redacted, send."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy import select

from enlace.api.auth import current
from enlace.api.routes.share import ShareRequest, run_share
from enlace.api.sessions import Session
from enlace.exceptions import EnlaceError, NotFound
from enlace.store import Store, View
from enlace.store.tables import agency, app_user
from enlace.web.render import render

router = APIRouter()
Current = Annotated[Session, Depends(current)]
TLP = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")


def recipients(store: Store) -> list[str]:
    """Agencies and people one may address (names only; what they receive is checked)."""
    with store.engine.connect() as conn:
        agencies = conn.execute(select(agency.c.code).order_by(agency.c.code)).scalars()
        people = conn.execute(select(app_user.c.name).where(app_user.c.active.is_(True))
                              .order_by(app_user.c.name)).scalars()
        return [f"agency:{a}" for a in agencies] + [f"user:{p}" for p in people]


def subject_title(view: View, subject: str) -> str:
    try:
        return view.document(subject).title or subject
    except NotFound:
        return view.entity(subject).caption


def dialog(request: Request, session: Session, subject: str, body: ShareRequest | None,
           outcome: dict[str, Any] | None = None, error: str | None = None) -> Response:
    view = request.app.state.store.view(session.principal)
    title = subject_title(view, subject)
    return render(request, "share.html", session, subject=subject, subject_title=title,
                  recipients=recipients(view.store), tlps=TLP, body=body, outcome=outcome,
                  error=error)


@router.get("/share/{subject}")
def share_page(subject: str, request: Request, session: Current) -> Response:
    return dialog(request, session, subject, None)


@router.post("/share/{subject}")
def share_submit(subject: str, request: Request, session: Current,
                 to: Annotated[str, Form(max_length=200)],
                 tlp: Annotated[str, Form(max_length=32)] = "AMBER",
                 expires: Annotated[str, Form(max_length=10)] = "",
                 title: Annotated[str, Form(max_length=500)] = "",
                 action: Annotated[str, Form(max_length=16)] = "preview") -> Response:
    body = ShareRequest(subject=subject, to=to, tlp=tlp, expires=expires or None,
                        title=title or None, preview=action != "send")
    view = request.app.state.store.view(session.principal)
    subject_title(view, subject)  # 404 before anything else for what one may not see
    try:
        outcome = run_share(view, body)
    except NotFound:
        raise
    except EnlaceError as exc:
        return dialog(request, session, subject, body, error=str(exc))
    return dialog(request, session, subject, body, outcome)
