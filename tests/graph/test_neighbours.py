"""Neighbourhoods grow hop by hop through scoped queries and match the whole graph's."""

from __future__ import annotations

import networkx as nx
import pytest

from enlace.exceptions import InvalidData, NotFound
from enlace.graph import neighbours, visible_network
from enlace.graph.expand import neighbourhood
from enlace.graph.source import ViewSource
from enlace.store import Store

from .world import cell


def test_one_hop_around_the_boss(store: Store) -> None:
    cell(store)
    network, distance = neighbours(store.view("mike"), "p-boss", 1)
    assert distance == {"p-boss": 0, "o-cell": 1, "p-lieutenant": 1, "arr-boss": 1,
                        "ev-meeting": 1}
    assert {link.via for link in network.links} == {"mem-boss", "assoc-boss-lt", "arr-boss",
                                                     "ev-meeting"}


def test_hidden_entities_are_never_reached(store: Store) -> None:
    cell(store)
    _, mike = neighbours(store.view("mike"), "p-lieutenant", 3)
    _, ana = neighbours(store.view("ana"), "p-lieutenant", 3)
    assert "p-secret" not in mike and "p-courier" not in mike
    assert ana["p-secret"] == 1 and ana["p-courier"] == 2 and ana["o-hidden"] == 2


@pytest.mark.parametrize("user", ["ana", "mike"])
@pytest.mark.parametrize("hops", [0, 1, 2, 3])
def test_equals_the_ego_graph_of_the_whole_visible_graph(store: Store, user: str,
                                                         hops: int) -> None:
    cell(store)
    view = store.view(user)
    whole = visible_network(view)
    network, distance = neighbourhood(ViewSource(view), "p-boss", hops)
    ego = nx.ego_graph(whole.simple(), "p-boss", radius=hops)
    assert set(network.nodes) == set(ego.nodes)
    expected = {link for link in whole.links if link.source in ego and link.target in ego}
    assert set(network.links) == expected
    lengths = nx.single_source_shortest_path_length(whole.simple(), "p-boss", cutoff=hops)
    assert distance == lengths


def test_hidden_unknown_and_edge_entities_are_refused(store: Store) -> None:
    cell(store)
    view = store.view("mike")
    with pytest.raises(NotFound, match="not found"):
        neighbours(view, "p-secret")
    with pytest.raises(NotFound, match="not found"):
        neighbours(view, "p-nobody")
    with pytest.raises(InvalidData, match="Membership"):
        neighbours(view, "mem-boss")
    with pytest.raises(InvalidData, match="hops"):
        neighbours(view, "p-boss", -1)


def test_reports_the_read(store: Store) -> None:
    cell(store)
    events = []
    store.observers.append(events.append)
    network, _ = neighbours(store.view("mike"), "p-boss", 1)
    (event,) = events
    assert event.action == "graph" and event.detail["operation"] == "neighbours"
    assert set(event.entity_ids) >= set(network.nodes)
    assert event.document_ids == ("d-shared",)


class Counting:
    """A source that records which entities are read and refuses whole-graph reads."""

    def __init__(self, inner: ViewSource):
        self.inner = inner
        self.asked: set[str] = set()

    def entities(self, ids):  # type: ignore[no-untyped-def]
        ids = set(ids)
        self.asked |= ids
        return self.inner.entities(ids)

    def referrers(self, ids):  # type: ignore[no-untyped-def]
        return self.inner.referrers(ids)

    def everything(self):  # type: ignore[no-untyped-def]
        raise AssertionError("a neighbourhood must not read the whole graph")

    def documents(self, ids):  # type: ignore[no-untyped-def]
        return self.inner.documents(ids)

    def mentions(self, ids):  # type: ignore[no-untyped-def]
        return self.inner.mentions(ids)


def test_expansion_reads_only_what_it_reaches(store: Store) -> None:
    cell(store)
    source = Counting(ViewSource(store.view("ana")))
    _, distance = neighbourhood(source, "p-boss", 1)
    assert "p-secret" in source.asked  # one hop beyond, to find links among the nodes
    assert "p-courier" not in source.asked and "p-courier" not in distance
    assert "assoc-secret-courier" not in source.asked
