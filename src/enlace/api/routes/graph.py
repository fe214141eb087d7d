"""Link analysis over the graph the person asking may see, and its downloads.

Neighbourhoods and paths grow from visible entities only; centrality and communities read
the whole visible graph; exports write it (or a neighbourhood) as GraphML, or as Gephi's
``nodes.csv`` and ``edges.csv`` in one zip file. Every answer comes from
:mod:`enlace.graph.analysis`, which reads through the person's View and audits the read.
"""

from __future__ import annotations

import tempfile
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import Response

from enlace.api.routes.deps import CurrentView
from enlace.api.routes.entities import MAX_HOPS
from enlace.api.routes.entities import graph as entity_graph
from enlace.api.routes.fields import Clean
from enlace.graph import analysis
from enlace.graph.centrality import MEASURES
from enlace.graph.export import FORMATS
from enlace.graph.path import MAX_HOPS as MAX_PATH_HOPS
from enlace.graph.path import MAX_PATHS
from enlace.store import View

router = APIRouter(prefix="/api", tags=["graph"])
MAX_RANKED = 500
GRAPHML = "application/graphml+xml"
EntityId = Annotated[str, Query(min_length=1, max_length=255), Clean]


@router.get("/graph/neighbours/{entity_id}")
def neighbours(entity_id: Annotated[str, PathParam(max_length=255), Clean], view: CurrentView,
               hops: Annotated[int, Query(ge=1, le=MAX_HOPS)] = 1) -> dict[str, Any]:
    """The nodes within ``hops`` of an entity (with their distance) and the links among
    them; the same answer as ``/api/entities/{id}/graph``."""
    return entity_graph(entity_id, view, hops)


@router.get("/graph/paths")
def paths(
    view: CurrentView,
    start: EntityId,
    end: EntityId,
    max_hops: Annotated[int, Query(ge=1, le=MAX_PATH_HOPS)] = MAX_PATH_HOPS,
    limit: Annotated[int, Query(ge=1, le=MAX_PATHS)] = MAX_PATHS,
) -> dict[str, Any]:
    """The shortest paths between two visible entities (none beyond ``max_hops``)."""
    found = analysis.paths(view, start, end, max_hops, limit)
    return {"start": start, "end": end, "paths": [p.to_dict() for p in found]}


@router.get("/graph/central")
def central(
    view: CurrentView,
    measure: Annotated[str, Query(max_length=32,
                                  description=f"One of {', '.join(MEASURES)}.")] = "degree",
    limit: Annotated[int, Query(ge=1, le=MAX_RANKED)] = 20,
) -> list[dict[str, Any]]:
    """The most central visible entities by degree, betweenness or PageRank, best first."""
    return [score.to_dict(measure) for score in analysis.central(view, measure, limit)]


@router.get("/graph/communities")
def communities(view: CurrentView,
                min_size: Annotated[int, Query(ge=1, le=10_000)] = 2) -> list[dict[str, Any]]:
    """Communities (Louvain) of the visible graph, largest first."""
    return [c.to_dict() for c in analysis.clusters(view, min_size)]


@router.get("/graph/export", response_class=Response, responses={
    200: {"content": {GRAPHML: {}, "application/zip": {}},
          "description": "A GraphML file, or a zip of Gephi's nodes.csv and edges.csv."}})
def export(
    view: CurrentView,
    format: Annotated[str, Query(max_length=16,
                                 description=f"One of {', '.join(FORMATS)}.")] = "graphml",
    around: Annotated[str | None, Query(
        max_length=255, description="Only the neighbourhood of this entity."), Clean] = None,
    hops: Annotated[int, Query(ge=1, le=MAX_HOPS)] = 2,
) -> Response:
    """Download the visible graph (or a neighbourhood) as GraphML or as Gephi CSV files."""
    fmt = format.strip().lower()
    body = _export_bytes(view, fmt, around, hops)
    if fmt == "graphml":
        return _download(body, GRAPHML, "enlace-graph.graphml")
    return _download(body, "application/zip", "enlace-graph-gephi.zip")


def _export_bytes(view: View, fmt: str, around: str | None, hops: int) -> bytes:
    """The export written by the graph service into a scratch folder, read back."""
    with tempfile.TemporaryDirectory(prefix="enlace-graph-") as folder:
        target = Path(folder) / ("graph.graphml" if fmt == "graphml" else "gephi")
        _, files = analysis.export_network(view, fmt, target, around, hops)
        if fmt == "graphml":
            return files[0].read_bytes()
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, path.name)
        return buffer.getvalue()


def _download(body: bytes, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
