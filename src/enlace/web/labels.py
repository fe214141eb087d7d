"""The label page of a document: change its classification, compartments, releasability
or TLP with a reason, and see its label history.

Whether a person may change the label is the store's and the sharing policy's answer
(:meth:`enlace.store.writer.Writer.change_label`, :func:`enlace.sharing.policy.check_can_mark`):
the page offers the levels the policy lets the person give and shows any refusal's reason.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from enlace.api.auth import current
from enlace.api.routes.documents import LabelChange, relabel
from enlace.api.sessions import Session
from enlace.exceptions import EnlaceError, InvalidData, NotFound, PolicyError
from enlace.model.markings import Label
from enlace.sharing.policy import Principal, check_can_mark
from enlace.store import Store
from enlace.web import i18n
from enlace.web.render import banner, language, render

router = APIRouter()
Current = Annotated[Session, Depends(current)]
TLP = ("", "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")


def markable_levels(store: Store, who: Principal, label: Label) -> list[str]:
    """The level names ``who`` may give this label, as the policy decides."""
    allowed = []
    for level in store.scheme.levels:
        try:
            check_can_mark(who, replace(label, level=level.rank, compartments=frozenset()),
                           store.scheme)
        except PolicyError:
            continue
        allowed.append(level.name)
    return allowed


def page(request: Request, session: Session, document_id: str, error: str | None = None,
         code: int = 200, done: str = "") -> Response:
    view = request.app.state.store.view(session.principal)
    doc = view.document(document_id)
    store = view.store
    return render(request, "label.html", session, code, doc=doc,
                  banner=banner(store, doc.label, doc.tlp),
                  level=store.scheme.level_name(doc.label.level),
                  levels=markable_levels(store, session.principal, doc.label), tlps=TLP,
                  history=view.label_history(document_id), error=error, done=done)


@router.get("/documents/{document_id}/label")
def label_page(document_id: str, request: Request, session: Current, done: str = "") -> Response:
    return page(request, session, document_id, done=done[:16])


def split(values: str) -> list[str]:
    return [v.strip() for v in values.split(",") if v.strip()]


def label_change(request: Request, why: str, classification: str, compartments: str,
                 releasable_to: str, tlp: str) -> LabelChange:
    """The form as the API's label change: the label as it should read afterwards."""
    if not why.strip():
        raise InvalidData(i18n.translate(language(request), "label.why_needed"))
    try:
        return LabelChange(why=why.strip(), classification=classification or None,
                           compartments=split(compartments),
                           releasable_to=split(releasable_to), tlp=tlp or None)
    except ValidationError as exc:
        raise InvalidData("; ".join(str(e["msg"]) for e in exc.errors())) from None


@router.post("/documents/{document_id}/label")
def label_submit(document_id: str, request: Request, session: Current,
                 why: Annotated[str, Form(max_length=2000)] = "",
                 classification: Annotated[str, Form(max_length=64)] = "",
                 compartments: Annotated[str, Form(max_length=500)] = "",
                 releasable_to: Annotated[str, Form(max_length=500)] = "",
                 tlp: Annotated[str, Form(max_length=32)] = "") -> Response:
    view = request.app.state.store.view(session.principal)
    view.document(document_id)  # 404 before anything else for what one may not see
    try:
        outcome = relabel(view, document_id, label_change(request, why, classification,
                                                           compartments, releasable_to, tlp))
    except NotFound:
        raise
    except EnlaceError as exc:
        return page(request, session, document_id, str(exc), exc.status)
    return RedirectResponse(f"/documents/{quote(document_id, safe='')}/label"
                            f"?done={outcome['direction']}", status_code=303)
