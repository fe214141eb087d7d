"""Nodes and links read off entities, and the visible network of each reader."""

from __future__ import annotations

import enlace  # noqa: F401  (FtM must see enlace's schemata first)
from enlace.graph import visible_network
from enlace.graph.link import links_of
from enlace.graph.network import Network
from enlace.graph.source import ViewSource
from enlace.store import Store

from .world import cell


def test_edges_events_and_references_become_links(store: Store) -> None:
    cell(store)
    source = ViewSource(store.view("root"))
    found = source.entities(["mem-boss", "ev-meeting", "assoc-boss-lt"])
    (membership,) = links_of(found["mem-boss"])
    assert (membership.source, membership.target, membership.kind) == ("p-boss", "o-cell",
                                                                       "Membership")
    assert membership.directed and membership.caption == "leader"
    assert membership.date == "2019" and membership.label == "belongs to"
    (associate,) = links_of(found["assoc-boss-lt"])
    assert not associate.directed
    meeting = links_of(found["ev-meeting"])
    assert {(link.source, link.target, link.kind) for link in meeting} == {
        ("p-boss", "ev-meeting", "involved"), ("p-lieutenant", "ev-meeting", "involved"),
        ("p-secret", "ev-meeting", "involved")}


def test_network_keeps_only_links_between_visible_nodes(store: Store) -> None:
    cell(store)
    mike = visible_network(store.view("mike"))
    ana = visible_network(store.view("ana"))
    assert "p-secret" not in mike.nodes and "o-hidden" not in mike.nodes
    assert {"p-secret", "o-hidden"} <= set(ana.nodes)
    assert "mem-boss" not in mike.nodes  # an edge entity is a link, not a node
    vias = {link.via for link in mike.links}
    assert "mem-boss" in vias and "mem-boss-hidden" not in vias and "ul-lt-secret" not in vias
    assert {"mem-boss-hidden", "ul-lt-secret", "assoc-secret-courier"} <= {
        link.via for link in ana.links}
    assert all(link.source in mike.nodes and link.target in mike.nodes for link in mike.links)


def test_simple_graph_weights_pairs_by_their_links(store: Store) -> None:
    cell(store)
    network = visible_network(store.view("ana"))
    graph = network.simple()
    assert graph["p-boss"]["p-lieutenant"]["weight"] == 1
    assert graph["p-boss"]["ev-meeting"]["weight"] == 1
    assert set(graph.nodes) == set(network.nodes)
    assert network.multi().number_of_edges() == len(network.links)


def test_build_drops_dangling_links() -> None:
    assert Network.build([], []).links == ()
