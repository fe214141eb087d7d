"""An entity's profile (timeline, interactive network graph) and a group's lineage."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from enlace.api.auth import current
from enlace.api.sessions import Session
from enlace.graph import analysis
from enlace.profile import profile
from enlace.web.render import render

router = APIRouter()
Current = Annotated[Session, Depends(current)]
GROUPS = ("Organization",)


@router.get("/entities/{entity_id}")
def entity_page(entity_id: str, request: Request, session: Current) -> Response:
    view = request.app.state.store.view(session.principal)
    found = profile(view, entity_id)
    is_group = found["schema"] in GROUPS
    return render(request, "entity.html", session, p=found, is_group=is_group)


@router.get("/groups/{group_id}/lineage")
def lineage_page(group_id: str, request: Request, session: Current) -> Response:
    view = request.app.state.store.view(session.principal)
    found = analysis.group_lineage(view, group_id).to_dict()
    return render(request, "lineage.html", session, group_id=group_id, lineage=found)
