"""Communities of a visible graph: Louvain modularity, with a fixed seed.

The same visible graph always gives the same communities: nodes and links are sorted
before networkx sees them and the seed is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from enlace.exceptions import InvalidData
from enlace.graph.link import Node
from enlace.graph.network import Network

SEED = 42


@dataclass(frozen=True)
class Community:
    number: int
    members: tuple[Node, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"community": self.number, "size": len(self.members),
                "members": [m.to_dict() for m in self.members]}


def communities(network: Network, min_size: int = 2) -> list[Community]:
    """Communities of at least ``min_size`` nodes, largest first (ties by first id)."""
    if min_size < 1:
        raise InvalidData("--min-size must be 1 or more")
    graph = network.simple()
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    groups = sorted((sorted(group) for group in found if len(group) >= min_size),
                    key=lambda ids: (-len(ids), ids[0]))
    return [Community(i, tuple(network.nodes[n] for n in ids))
            for i, ids in enumerate(groups, start=1)]
