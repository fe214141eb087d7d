"""Entities: listings, one entity with its sources, profiles, graphs and group lineage."""

from __future__ import annotations

from itertools import islice
from typing import Annotated, Any

from fastapi import APIRouter, Query

from enlace.api.routes.deps import CurrentView
from enlace.cli.read import entity_with_sources
from enlace.exceptions import InvalidData
from enlace.graph import analysis
from enlace.model.ftm import get_schema
from enlace.profile import profile as build_profile

router = APIRouter(prefix="/api", tags=["entities"])
MAX_HOPS = 3


def check_schema(schema: str | None) -> None:
    if schema is None:
        return
    try:
        get_schema(schema)
    except Exception:  # FtM raises its own error types for unknown names
        raise InvalidData(f"unknown schema {schema!r}") from None


@router.get("/entities")
def entities(view: CurrentView, schema: str | None = None,
             limit: Annotated[int, Query(ge=1, le=1000)] = 100,
             offset: Annotated[int, Query(ge=0)] = 0) -> list[dict[str, Any]]:
    """The entities you may see (of ``schema`` and its descendants), as FtM objects."""
    check_schema(schema)
    return [e.to_dict() for e in islice(view.entities(schema), offset, offset + limit)]


@router.get("/entities/{entity_id}")
def entity(entity_id: str, view: CurrentView) -> dict[str, Any]:
    """One entity, each value with the visible documents that state it."""
    return entity_with_sources(view, view.entity(entity_id))


@router.get("/entities/{entity_id}/profile")
def profile(entity_id: str, view: CurrentView,
            related: Annotated[int, Query(ge=0, le=50)] = 10) -> dict[str, Any]:
    """Names, properties, relations, timeline, documents and related entities."""
    return build_profile(view, entity_id, related)


@router.get("/entities/{entity_id}/graph")
def graph(entity_id: str, view: CurrentView,
          hops: Annotated[int, Query(ge=1, le=MAX_HOPS)] = 1) -> dict[str, Any]:
    """The entity's neighbourhood: nodes (with their distance) and the links among them."""
    network, distance = analysis.neighbours(view, entity_id, hops)
    nodes = [{**n.to_dict(), "hops": distance[n.id]}
             for n in sorted(network.nodes.values(), key=lambda n: (distance[n.id], n.id))]
    return {"center": entity_id, "nodes": nodes, "links": [k.to_dict() for k in network.links]}


@router.get("/groups/{group_id}/lineage")
def lineage(group_id: str, view: CurrentView) -> dict[str, Any]:
    """A group's factions and successors over time, and the falls of its leaders."""
    found: dict[str, Any] = analysis.group_lineage(view, group_id).to_dict()
    return found
