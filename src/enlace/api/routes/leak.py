"""Leak tracing: the most likely recipient of a leaked copy, with a confidence.

:func:`enlace.sharing.leak.trace_leak` decides who may trace (compliance officers and
administrators; anyone else gets 403) and audits every trace, as ``enlace leak trace``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from enlace.api.routes.deps import CurrentView
from enlace.api.routes.fields import Clean
from enlace.sharing.leak import trace_leak

router = APIRouter(prefix="/api", tags=["leaks"])
MAX_LEAK = 1_000_000  # characters


class LeakedText(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_LEAK, description="The leaked text.")
    document: Annotated[str | None, Clean] = Field(
        default=None, min_length=1, max_length=200,
        description="Compare only with copies of this dissemination or document.")


@router.post("/leaks/trace")
def trace(body: LeakedText, view: CurrentView) -> dict[str, Any]:
    """Weigh every recipient's copy against the leak; name the likeliest recipient."""
    return trace_leak(view.store, view.principal, body.text, body.document).to_dict()
