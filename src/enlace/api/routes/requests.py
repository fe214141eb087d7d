"""Access requests: ask the owner agency for what a cross-reference match revealed,
list requests made and received, and grant or refuse them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from enlace.api.routes.deps import CurrentView
from enlace.xref import requests

router = APIRouter(prefix="/api", tags=["access requests"])


class Ask(BaseModel):
    ref: str = Field(min_length=1, max_length=200, description="The match reference.")
    why: str = Field(min_length=1, max_length=2000)


class Refusal(BaseModel):
    why: str = Field(min_length=1, max_length=2000)


@router.get("/requests")
def list_requests(view: CurrentView) -> list[dict[str, Any]]:
    """Requests you made, and those addressed to your agencies."""
    return requests.listing(view.store, view.principal)


@router.post("/requests", status_code=201)
def ask(body: Ask, view: CurrentView) -> dict[str, Any]:
    """Ask for the documents behind one of your match references."""
    return requests.ask(view.store, view.principal, body.ref, body.why)


@router.post("/requests/{request_id}/grant")
def grant(request_id: int, view: CurrentView) -> dict[str, Any]:
    """Grant a pending request addressed to your agency."""
    return requests.grant(view.store, view.principal, request_id)


@router.post("/requests/{request_id}/refuse")
def refuse(request_id: int, body: Refusal, view: CurrentView) -> dict[str, Any]:
    """Refuse a pending request addressed to your agency, with a reason."""
    return requests.refuse(view.store, view.principal, request_id, body.why)
