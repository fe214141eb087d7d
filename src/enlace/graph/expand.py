"""Grow a visible graph hop by hop with scoped queries, without loading the whole store.

Each step asks the source for the frontier's entities and for the entities that point at
the frontier (edges, events, references), then for the far ends of the links they draw.
Only ends the reader may see become nodes. A neighbourhood of ``k`` hops takes ``k + 1``
steps: the last one only finds the links among the nodes already reached, so the result
is the subgraph the whole visible graph induces on the nodes within ``k`` hops.
"""

from __future__ import annotations

from collections.abc import Iterable

from enlace.exceptions import InvalidData, NotFound
from enlace.graph.link import Link, Node, is_node, links_of
from enlace.graph.network import Network
from enlace.graph.source import Source
from enlace.model.entity import Entity


class Expander:
    """Visible entities and links loaded so far around some starting nodes."""

    def __init__(self, source: Source):
        self.source = source
        self.loaded: dict[str, Entity] = {}
        self.absent: set[str] = set()
        self.expanded: set[str] = set()
        self.links: set[Link] = set()

    def load(self, ids: Iterable[str]) -> None:
        wanted = set(ids) - self.loaded.keys() - self.absent
        if not wanted:
            return
        found = self.source.entities(wanted)
        self.absent |= wanted - found.keys()
        for entity in found.values():
            self.loaded[entity.id] = entity
            self.links.update(links_of(entity))

    def node(self, entity_id: str) -> Node:
        """The visible node ``entity_id``; NotFound if hidden, InvalidData for an edge."""
        self.load([entity_id])
        entity = self.loaded.get(entity_id)
        if entity is None:
            raise NotFound(f"entity {entity_id!r} not found")
        if not is_node(entity):
            raise InvalidData(f"{entity_id} is a {entity.schema.name}, a link rather than a "
                              "node; ask about one of its ends")
        return Node.of(entity)

    def is_node(self, entity_id: str) -> bool:
        entity = self.loaded.get(entity_id)
        return entity is not None and is_node(entity)

    def step(self, frontier: set[str]) -> set[str]:
        """Load everything linked to ``frontier``; return the visible nodes one hop away."""
        self.load(frontier)
        todo = frontier - self.expanded
        self.expanded |= todo
        self.load(self.source.referrers(todo))
        far = {link.other(n) for link in self.links for n in link.ends() if n in frontier}
        self.load(far)
        return {n for n in far if self.is_node(n)} - frontier

    def network(self, node_ids: Iterable[str]) -> Network:
        nodes = [Node.of(self.loaded[n]) for n in node_ids]
        return Network.build(nodes, self.links)


def neighbourhood(source: Source, entity_id: str, hops: int) -> tuple[Network, dict[str, int]]:
    """The nodes within ``hops`` of ``entity_id``, their links, and each node's distance."""
    if hops < 0:
        raise InvalidData("--hops must be 0 or more")
    expander = Expander(source)
    expander.node(entity_id)
    distance = {entity_id: 0}
    frontier = {entity_id}
    for hop in range(1, hops + 2):
        reached = expander.step(frontier) - distance.keys()
        if hop > hops or not reached:
            break
        distance.update(dict.fromkeys(reached, hop))
        frontier = reached
    return expander.network(distance), distance
