"""Who saw a document or an entity."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from enlace.api.routes.deps import CurrentView
from enlace.audit.sighting import who_saw as find_sightings

router = APIRouter(prefix="/api", tags=["audit"])


@router.get("/audit/who-saw/{thing}")
def who_saw(thing: str, view: CurrentView) -> list[dict[str, Any]]:
    """Who read or received a document or entity, when and how (owners and compliance)."""
    return [s.to_dict() for s in find_sightings(view.store, thing, view.principal)]
