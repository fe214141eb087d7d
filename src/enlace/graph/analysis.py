"""Link analysis for one reader: each function reads through a View and reports the read.

The graph is built from scoped queries only (:class:`~enlace.graph.source.ViewSource`).
Neighbourhoods and paths grow hop by hop from their entities; centrality, communities and
exports need the whole visible graph and read every visible statement once. Each answer
is reported to the audit log as a ``"graph"`` read naming the entities and documents it
shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from enlace.graph.centrality import Score, ranking
from enlace.graph.community import Community, communities
from enlace.graph.expand import neighbourhood
from enlace.graph.export import export
from enlace.graph.lineage import Lineage, lineage
from enlace.graph.network import Network
from enlace.graph.path import MAX_HOPS, MAX_PATHS, shortest_paths
from enlace.graph.path import Path as GraphPath
from enlace.graph.source import ViewSource
from enlace.store import View


def _report(view: View, operation: str, network: Network, **detail: Any) -> None:
    view.observe("graph", network.entity_ids(), network.document_ids(),
                 operation=operation, **detail)


def visible_network(view: View) -> Network:
    """The reader's whole visible graph."""
    return Network.from_entities(ViewSource(view).everything())


def neighbours(view: View, entity_id: str, hops: int = 1) -> tuple[Network, dict[str, int]]:
    network, distance = neighbourhood(ViewSource(view), entity_id, hops)
    _report(view, "neighbours", network, entity=entity_id, hops=hops)
    return network, distance


def paths(view: View, start: str, end: str, max_hops: int = MAX_HOPS,
          limit: int = MAX_PATHS) -> list[GraphPath]:
    found, _ = shortest_paths(ViewSource(view), start, end, max_hops, limit)
    shown = Network.build({n for p in found for n in p.nodes},
                          {link for p in found for step in p.steps for link in step})
    _report(view, "path", shown, start=start, end=end)
    return found


def central(view: View, measure: str = "degree", limit: int | None = 20) -> list[Score]:
    found = ranking(visible_network(view), measure, limit)
    _report(view, "central", Network.build([s.node for s in found], []), measure=measure)
    return found


def clusters(view: View, min_size: int = 2) -> list[Community]:
    found = communities(visible_network(view), min_size)
    _report(view, "communities", Network.build([m for c in found for m in c.members], []))
    return found


def group_lineage(view: View, group_id: str) -> Lineage:
    found = lineage(ViewSource(view), group_id)
    view.observe("graph", found.entity_ids(), found.document_ids(), operation="lineage",
                 entity=group_id)
    return found


def export_network(view: View, fmt: str, output: Path, around: str | None = None,
                   hops: int = 2) -> tuple[Network, list[Path]]:
    """Write the whole visible graph, or the neighbourhood of ``around``."""
    if around is None:
        network = visible_network(view)
    else:
        network, _ = neighbourhood(ViewSource(view), around, hops)
    files = export(network, fmt, output)
    _report(view, "export", network, format=fmt)
    return network, files
