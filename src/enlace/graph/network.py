"""A visible graph: nodes and the links between them, and its networkx forms.

Nodes and links are kept sorted, so every measure computed from a network is the same
whichever backend or order the entities came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from enlace.graph.link import Link, Node, is_node, links_of
from enlace.model.entity import Entity


@dataclass(frozen=True)
class Network:
    """Nodes by id and the links whose two ends are both among them."""

    nodes: dict[str, Node]
    links: tuple[Link, ...]

    @classmethod
    def build(cls, nodes: Iterable[Node], links: Iterable[Link]) -> Network:
        by_id = {n.id: n for n in sorted(nodes)}
        kept = sorted({link for link in links
                       if link.source in by_id and link.target in by_id})
        return cls(by_id, tuple(kept))

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> Network:
        nodes: list[Node] = []
        links: list[Link] = []
        for entity in entities:
            if is_node(entity):
                nodes.append(Node.of(entity))
            links.extend(links_of(entity))
        return cls.build(nodes, links)

    def entity_ids(self) -> list[str]:
        """Ids of the nodes and of the entities their links come from."""
        return sorted(set(self.nodes) | {link.via for link in self.links})

    def document_ids(self) -> list[str]:
        docs = {d for node in self.nodes.values() for d in node.documents}
        docs.update(d for link in self.links for d in link.documents)
        return sorted(docs)

    def simple(self) -> nx.Graph:
        """Undirected, one edge per linked pair, weighted by how many links join them."""
        graph = nx.Graph()
        graph.add_nodes_from(self.nodes)
        for link in self.links:
            if graph.has_edge(link.source, link.target):
                graph[link.source][link.target]["weight"] += 1
            else:
                graph.add_edge(link.source, link.target, weight=1)
        return graph

    def multi(self) -> nx.MultiDiGraph:
        """Every node and link with their attributes, for export."""
        graph = nx.MultiDiGraph()
        for node in self.nodes.values():
            graph.add_node(node.id, label=node.caption, schema=node.schema)
        for link in self.links:
            graph.add_edge(link.source, link.target, key=f"{link.via}:{link.kind}",
                           kind=link.kind, label=link.label, via=link.via,
                           directed=link.directed, caption=link.caption, date=link.date)
        return graph

    def neighbours(self) -> dict[str, set[str]]:
        """Adjacency, ignoring direction."""
        found: dict[str, set[str]] = {n: set() for n in self.nodes}
        for link in self.links:
            found[link.source].add(link.target)
            found[link.target].add(link.source)
        return found
