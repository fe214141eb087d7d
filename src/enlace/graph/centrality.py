"""Who matters in a visible graph: degree, betweenness and PageRank, ranked.

Measures run on the undirected graph with one edge per linked pair, weighted by how many
links join the pair (PageRank uses the weights; degree and betweenness count pairs).
PageRank is a plain power iteration, so it needs neither SciPy nor NumPy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from enlace.exceptions import InvalidData
from enlace.graph.link import Node
from enlace.graph.network import Network

MEASURES = ("degree", "betweenness", "pagerank")


@dataclass(frozen=True)
class Score:
    rank: int
    node: Node
    score: float

    def to_dict(self, measure: str) -> dict[str, Any]:
        return {"rank": self.rank, **self.node.to_dict(), "measure": measure,
                "score": round(self.score, 6)}


def pagerank(graph: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10,
             max_iter: int = 1000) -> dict[str, float]:
    """PageRank of an undirected weighted graph; dangling nodes spread evenly."""
    count = graph.number_of_nodes()
    if count == 0:
        return {}
    nodes = list(graph)
    strength = {n: float(graph.degree(n, weight="weight")) for n in nodes}
    rank = dict.fromkeys(nodes, 1.0 / count)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[n] for n in nodes if strength[n] == 0.0) / count
        new = dict.fromkeys(nodes, (1.0 - alpha) / count + dangling)
        for node in nodes:
            if strength[node] == 0.0:
                continue
            share = alpha * rank[node] / strength[node]
            for other, data in graph[node].items():
                new[other] += share * data["weight"]
        error = sum(abs(new[n] - rank[n]) for n in nodes)
        rank = new
        if error < count * tol:
            break
    return rank


def measure(network: Network, name: str) -> dict[str, float]:
    """One measure for every node."""
    graph = network.simple()
    if name == "degree":
        return dict(nx.degree_centrality(graph))
    if name == "betweenness":
        return dict(nx.betweenness_centrality(graph))
    if name == "pagerank":
        return pagerank(graph)
    raise InvalidData(f"unknown measure {name!r}; choose one of {', '.join(MEASURES)}")


def ranking(network: Network, name: str, limit: int | None = None) -> list[Score]:
    """Nodes by decreasing score (ties by id), at most ``limit`` of them."""
    if limit is not None and limit < 1:
        raise InvalidData("--limit must be 1 or more")
    scores = measure(network, name)
    ordered = sorted(scores, key=lambda n: (-round(scores[n], 9), n))[:limit]
    return [Score(i, network.nodes[n], scores[n]) for i, n in enumerate(ordered, start=1)]
