"""Graph tools around one entity: shortest paths to another, centrality ranking and
communities of its neighbourhood, and downloads of that neighbourhood (GraphML, Gephi CSV).

Every computation runs on what :mod:`enlace.graph.analysis` reads through the person's
View; the rankings and communities are computed on that neighbourhood only.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from enlace.api.auth import current
from enlace.api.sessions import Session
from enlace.exceptions import InvalidData, NotFound
from enlace.graph import analysis
from enlace.graph.centrality import MEASURES, ranking
from enlace.graph.community import communities
from enlace.graph.path import Path as GraphPath
from enlace.store import View
from enlace.web.render import render

router = APIRouter()
Current = Annotated[Session, Depends(current)]
MAX_HOPS = 3
TOP = 20


def bounded(hops: int) -> int:
    return min(max(hops, 1), MAX_HOPS)


def drawing(found: list[GraphPath]) -> dict[str, Any]:
    """The nodes and links of the paths found, for Cytoscape.js."""
    nodes = {n.id: n.to_dict() for p in found for n in p.nodes}
    links = {(link.source, link.target, link.via): link.to_dict()
             for p in found for step in p.steps for link in step}
    ends = [found[0].nodes[0].id, found[0].nodes[-1].id] if found else []
    return {"nodes": list(nodes.values()), "links": list(links.values()), "ends": ends}


def analyse(view: View, entity: str, hops: int, measure: str) -> dict[str, Any]:
    """The neighbourhood's size, its ``TOP`` entities by ``measure`` and its communities."""
    network, _ = analysis.neighbours(view, entity, hops)
    return {"center": network.nodes.get(entity), "size": len(network.nodes),
            "links": len(network.links), "ranking": ranking(network, measure, TOP),
            "communities": communities(network)}


@router.get("/graph")
def graph_page(request: Request, session: Current, entity: str = "", other: str = "",
               hops: int = 2, measure: str = "degree") -> Response:
    view = request.app.state.store.view(session.principal)
    entity, other, hops = entity.strip()[:200], other.strip()[:200], bounded(hops)
    found: dict[str, Any] = {}
    error = None
    if entity:
        try:
            found = analyse(view, entity, hops, measure)
        except InvalidData as exc:
            error = str(exc)
        if other and not error:
            try:  # the second entity is typed in: unknown or hidden reads the same
                paths = analysis.paths(view, entity, other)
                found.update(paths=paths, drawing=drawing(paths))
            except (InvalidData, NotFound) as exc:
                error = str(exc)
    return render(request, "graph_tools.html", session, entity=entity, other=other, hops=hops,
                  measure=measure, measures=MEASURES, found=found, error=error,
                  max_hops=MAX_HOPS)


def download(content: bytes, name: str, media_type: str) -> Response:
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/graph/export")
def graph_export(request: Request, session: Current, entity: str, fmt: str = "graphml",
                 hops: int = 2) -> Response:
    """The neighbourhood as one GraphML file, or as Gephi's nodes.csv and edges.csv zipped."""
    view = request.app.state.store.view(session.principal)
    if fmt not in ("graphml", "csv"):
        raise InvalidData(f"unknown format {fmt!r}; choose graphml or csv")
    with tempfile.TemporaryDirectory(prefix="enlace-graph-") as folder:
        target = Path(folder) / ("graph.graphml" if fmt == "graphml" else "gephi")
        _, files = analysis.export_network(view, fmt, target, entity.strip(), bounded(hops))
        if fmt == "graphml":
            return download(files[0].read_bytes(), "enlace-graph.graphml",
                            "application/graphml+xml")
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in files:
                archive.write(file, file.name)
    return download(packed.getvalue(), "enlace-graph-gephi.zip", "application/zip")
