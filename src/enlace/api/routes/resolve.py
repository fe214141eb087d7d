"""Merge and split: reversible judgements that two entity ids are one entity, or not.

Both call :mod:`enlace.ingest.resolution`, as ``enlace merge`` and ``enlace split`` do:
a person may only judge entities they can see (anything else is 404), must say why, and
each judgement is recorded with their name and the documents it rests on.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from enlace.api.routes.deps import CurrentView
from enlace.api.routes.fields import Clean
from enlace.ingest import resolution

router = APIRouter(prefix="/api", tags=["resolution"])
Text = Annotated[str, Clean]
EntityId = Field(min_length=1, max_length=255)
Why = Field(min_length=1, max_length=2000, description="Why; recorded with your name.")


class MergeRequest(BaseModel):
    left: Text = EntityId
    right: Text = EntityId
    why: Text = Why


class SplitRequest(BaseModel):
    entity: Text = EntityId
    other: Annotated[str | None, Clean] = Field(
        default=None, min_length=1, max_length=255, description="Split from this entity only.")
    why: Text = Why


@router.post("/merges", status_code=201)
def merge(body: MergeRequest, view: CurrentView) -> dict[str, Any]:
    """Judge two entities you can see to be one; readers who can see both sides' sources
    see them merged."""
    with view.store.writer() as writer:
        judgement = resolution.merge(writer, view.principal, body.left, body.right, body.why)
    return {"judgement": judgement, "merged": [body.left, body.right]}


@router.post("/splits")
def split(body: SplitRequest, view: CurrentView) -> dict[str, Any]:
    """Undo merges of an entity (with ``other`` only, if given) and record that they
    differ, so no automatic merge joins them again."""
    with view.store.writer() as writer:
        undone = resolution.split(writer, view.principal, body.entity, body.other, body.why)
    return {"entity": body.entity, "other": body.other, "undone": undone}
