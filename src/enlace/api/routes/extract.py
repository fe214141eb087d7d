"""Extraction without storage, as ``enlace extract`` does: text in, the contract JSON out.

For analysts who want to see what enlace would find in a text before ingesting it, and for
scripts that use enlace as an extraction service. Nothing is stored and nothing is read from
the store, so the answer depends on the text alone; the call is still audited (what was
asked, not the text). Texts are capped at :data:`MAX_CHARS` characters.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from enlace.api.routes.deps import CurrentView
from enlace.audit import record
from enlace.extract import extract_text

router = APIRouter(prefix="/api", tags=["extract"])
MAX_CHARS = 200_000


class ExtractRequest(BaseModel):
    """A text to extract from, its language if known and its date (relative dates)."""

    text: str = Field(min_length=1, max_length=MAX_CHARS)
    lang: Literal["en", "es"] | None = None
    date: dt.date | None = Field(default=None, ge=dt.date(1900, 1, 1), le=dt.date(2200, 12, 31))


@router.post("/extract")
async def extract(body: ExtractRequest, view: CurrentView) -> dict[str, object]:
    """Entities, events and relations in ``text``: ``{"language", "entities", "events",
    "relations"}`` exactly as ``enlace extract`` prints them. Stores nothing."""
    found = await run_in_threadpool(extract_text, body.text, body.lang, body.date)
    record(view.store, view.principal, "extract", [],
           {"characters": len(body.text), "language": found["language"]})
    return found
