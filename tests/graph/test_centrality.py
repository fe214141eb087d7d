"""Centrality rankings over the reader's visible graph."""

from __future__ import annotations

import networkx as nx
import pytest

from enlace.exceptions import InvalidData
from enlace.graph import central, visible_network
from enlace.graph.centrality import pagerank, ranking
from enlace.store import Store

from .world import cell


def test_the_boss_is_the_most_central_for_everyone(store: Store) -> None:
    cell(store)
    for user in ("ana", "mike"):
        for measure in ("degree", "betweenness", "pagerank"):
            assert central(store.view(user), measure, 1)[0].node.id == "p-boss"


def test_degree_counts_visible_neighbours_only(store: Store) -> None:
    cell(store)
    mike = {s.node.id: s.score for s in central(store.view("mike"), "degree", None)}
    ana = {s.node.id: s.score for s in central(store.view("ana"), "degree", None)}
    assert "p-secret" not in mike and mike["p-courier"] == 0.0
    assert ana["p-courier"] > 0.0
    # p-boss: o-cell, p-lieutenant, arr-boss, ev-meeting of the 5 other nodes mike sees
    assert mike["p-boss"] == pytest.approx(4 / 5)


def test_ranks_are_ordered_and_limited(store: Store) -> None:
    cell(store)
    found = central(store.view("ana"), "betweenness", 3)
    assert [s.rank for s in found] == [1, 2, 3]
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    with pytest.raises(InvalidData, match="unknown measure"):
        central(store.view("ana"), "closeness")
    with pytest.raises(InvalidData):
        central(store.view("ana"), "degree", 0)


def test_pagerank_matches_networkx(store: Store) -> None:
    cell(store)
    graph = visible_network(store.view("ana")).simple()
    graph.add_node("isolated")
    ours = pagerank(graph)
    theirs = nx.pagerank(graph, weight="weight", tol=1e-12)
    assert ours == pytest.approx(theirs, abs=1e-6)
    assert sum(ours.values()) == pytest.approx(1.0)
    assert pagerank(nx.Graph()) == {}


def test_empty_graph(store: Store) -> None:
    cell(store)
    network = visible_network(store.view("ana"))
    assert ranking(type(network).build([], []), "pagerank") == []
