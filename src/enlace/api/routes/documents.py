"""Documents: listings, one document with its text and label, and label changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from enlace.api.routes.deps import CurrentView
from enlace.model.markings import compartment as compartment_name
from enlace.sharing.marking import parse_targets
from enlace.store import View

router = APIRouter(prefix="/api", tags=["documents"])


class LabelChange(BaseModel):
    """The parts of a label to change; what you leave out stays."""

    why: str = Field(min_length=1, max_length=2000)
    classification: str | None = Field(default=None, max_length=64)
    compartments: list[str] | None = Field(default=None, max_length=32)
    releasable_to: list[str] | None = Field(default=None, max_length=64)
    tlp: str | None = Field(default=None, max_length=32)


def document_dict(view: View, document_id: str) -> dict[str, Any]:
    doc = view.document(document_id)
    data = doc.to_dict(doc.label.render(view.store.scheme))
    data["level"] = view.store.scheme.level_name(doc.label.level)
    data["access"] = view.explain(document_id).reason
    return data


@router.get("/documents")
def documents(view: CurrentView, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
              offset: Annotated[int, Query(ge=0)] = 0) -> list[dict[str, Any]]:
    """The documents you may see, newest first."""
    scheme = view.store.scheme
    return [d.to_dict(d.label.render(scheme)) for d in view.documents()[offset:offset + limit]]


@router.get("/documents/{document_id}")
def document(document_id: str, view: CurrentView) -> dict[str, Any]:
    """One document with its label, why you may see it, its text and label history."""
    data = document_dict(view, document_id)
    data["text"] = view.document_text(document_id)
    data["label_history"] = view.label_history(document_id)
    return data


@router.post("/documents/{document_id}/label")
def change_label(document_id: str, change: LabelChange, view: CurrentView) -> dict[str, Any]:
    """Change a document's label, recorded with your name and the reason."""
    return relabel(view, document_id, change)


def relabel(view: View, document_id: str, change: LabelChange) -> dict[str, Any]:
    store = view.store
    new = view.document(document_id).label
    if change.classification:
        new = replace(new, level=store.scheme.level(change.classification).rank)
    if change.compartments is not None:
        new = replace(new, compartments=frozenset(compartment_name(c)
                                                  for c in change.compartments if c.strip()))
    if change.releasable_to is not None:
        new = replace(new, releasable_to=frozenset(parse_targets(change.releasable_to)))
    colour = store.scheme.tlp_colour(change.tlp) if change.tlp else None
    with store.writer() as writer:
        direction = writer.change_label(document_id, new, colour, view.principal, change.why)
    return {"document": document_id, "label": new.render(store.scheme), "direction": direction}
