"""Sharing: preview what a share would redact, then send redacted, watermarked copies."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from enlace.api.routes.deps import CurrentView
from enlace.cli.share import expiry
from enlace.exceptions import NotFound
from enlace.sharing.dissemination import Request, prepare, send
from enlace.sharing.targets import parse
from enlace.store import View

router = APIRouter(prefix="/api", tags=["share"])


class ShareRequest(BaseModel):
    subject: str = Field(min_length=1, max_length=200, description="A document or entity id.")
    to: str = Field(min_length=1, max_length=200,
                    description="agency:CODE, user:NAME or group:NAME.")
    tlp: str = Field(default="AMBER", max_length=32)
    expires: str | None = Field(default=None, max_length=10, description="YYYY-MM-DD")
    title: str | None = Field(default=None, max_length=500)
    preview: bool = False


def share_request(view: View, body: ShareRequest) -> Request:
    try:
        view.document(body.subject)
        kind = "document"
    except NotFound:
        view.entity(body.subject)  # NotFound for what you may not see
        kind = "entity"
    return Request(kind, parse(body.to), view.store.scheme.tlp_colour(body.tlp),
                   subject=body.subject, title=body.title, expires_at=expiry(body.expires))


def run_share(view: View, body: ShareRequest) -> dict[str, Any]:
    request = share_request(view, body)
    plan = prepare(view.store, view, request)
    if body.preview:
        return {"preview": plan.preview()}
    sent = send(view.store, view, plan)
    return {"dissemination": sent.id, "copies": len(sent.documents), "skipped": sent.skipped,
            "to": str(request.target), "tlp": request.tlp}


@router.post("/share")
def share(body: ShareRequest, view: CurrentView) -> dict[str, Any]:
    """With ``preview``: counts of what would be redacted, sending nothing; else send."""
    return run_share(view, body)
