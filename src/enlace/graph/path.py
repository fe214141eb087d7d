"""Shortest paths between two visible entities, searched from both ends at once.

Two balls grow hop by hop (the smaller frontier first) until they share a node. Every
shortest path then lies in their union with all its links loaded: a node ``i`` hops along
a path of length ``d <= a + b`` is within ``a`` of one end or within ``b - 1`` of the
other, and each link along it touches a node whose links were loaded. Paths only ever
cross nodes the reader may see: a hidden entity is not in the graph at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from enlace.exceptions import InvalidData
from enlace.graph.expand import Expander
from enlace.graph.link import Link, Node
from enlace.graph.network import Network
from enlace.graph.source import Source

MAX_HOPS = 8
MAX_PATHS = 20


@dataclass(frozen=True)
class Path:
    """One shortest path: its nodes in order and the links joining each pair."""

    nodes: tuple[Node, ...]
    steps: tuple[tuple[Link, ...], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"length": len(self.steps),
                "nodes": [n.to_dict() for n in self.nodes],
                "steps": [[link.to_dict() for link in step] for step in self.steps]}


def search(source: Source, start: str, end: str,
           max_hops: int = MAX_HOPS) -> tuple[Network, set[str]]:
    """The explored network and whether the balls met (as the set of meeting nodes)."""
    if max_hops < 1:
        raise InvalidData("--max-hops must be 1 or more")
    expander = Expander(source)
    expander.node(start)
    expander.node(end)
    balls = [{start}, {end}]
    frontiers = [{start}, {end}]
    hops = 0
    while not balls[0] & balls[1] and hops < max_hops:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        if not frontiers[side]:
            side = 1 - side
        if not frontiers[side]:
            break
        reached = expander.step(frontiers[side]) - balls[side]
        balls[side] |= reached
        frontiers[side] = reached
        hops += 1
    return expander.network(balls[0] | balls[1]), balls[0] & balls[1]


def shortest_paths(source: Source, start: str, end: str, max_hops: int = MAX_HOPS,
                   limit: int = MAX_PATHS) -> tuple[list[Path], Network]:
    """Up to ``limit`` shortest paths, in order, and the network they were found in."""
    network, met = search(source, start, end, max_hops)
    if not met:
        return [], network
    return paths_in(network, start, end, limit), network


def paths_in(network: Network, start: str, end: str, limit: int = MAX_PATHS) -> list[Path]:
    """Shortest paths of a known network (also the reference the tests compare with)."""
    graph = network.simple()
    try:
        found = sorted(islice(nx.all_shortest_paths(graph, start, end), 10_000))
    except nx.NetworkXNoPath:
        return []
    between: dict[frozenset[str], list[Link]] = {}
    for link in network.links:
        between.setdefault(frozenset(link.ends()), []).append(link)
    return [Path(tuple(network.nodes[n] for n in ids),
                 tuple(tuple(between[frozenset(pair)]) for pair in pairwise(ids)))
            for ids in found[:limit]]
