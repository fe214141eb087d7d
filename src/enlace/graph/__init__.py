"""Link analysis over the graph one person may see: neighbourhoods, paths, centrality,
communities, group lineage and exports (GraphML, Gephi CSV).

The functions here take a :class:`~enlace.store.View`; the modules below them take a
:class:`~enlace.graph.source.Source`, so the same computation runs over any set of
statements (the tests run it over the statements of allowed documents only).
"""

from __future__ import annotations

from enlace.graph.analysis import (
    central,
    clusters,
    export_network,
    group_lineage,
    neighbours,
    paths,
    visible_network,
)
from enlace.graph.link import Link, Node
from enlace.graph.network import Network
from enlace.graph.source import Source, ViewSource

__all__ = [
    "Link",
    "Network",
    "Node",
    "Source",
    "ViewSource",
    "central",
    "clusters",
    "export_network",
    "group_lineage",
    "neighbours",
    "paths",
    "visible_network",
]
