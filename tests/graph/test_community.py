"""Communities (Louvain) of the reader's visible graph."""

from __future__ import annotations

import pytest

from enlace.exceptions import InvalidData
from enlace.graph import clusters, visible_network
from enlace.graph.community import communities
from enlace.graph.network import Network
from enlace.store import Store

from .world import SHARED, cell, edge, group, person, write


def test_two_cells_joined_by_one_link_are_two_communities(store: Store) -> None:
    cell(store)
    people = [person(f"p-{c}{i}", f"Persona {c}{i}") for c in "ab" for i in range(4)]
    links = [edge(f"a-{c}{i}{j}", "Associate", person=[f"p-{c}{i}"], associate=[f"p-{c}{j}"])
             for c in "ab" for i in range(4) for j in range(i + 1, 4)]
    bridge = edge("a-bridge", "Associate", person=["p-a0"], associate=["p-b0"])
    write(store, "d-cells", SHARED, [*people, *links, bridge, group("o-x", "X")])
    found = clusters(store.view("mike"), min_size=4)
    members = [{m.id for m in c.members} for c in found]
    assert {f"p-a{i}" for i in range(4)} in members
    assert {f"p-b{i}" for i in range(4)} in members
    assert [c.number for c in found] == list(range(1, len(found) + 1))
    assert [len(c.members) for c in found] == sorted((len(c.members) for c in found),
                                                     reverse=True)


def test_hidden_people_are_in_no_community(store: Store) -> None:
    cell(store)
    mike = {m.id for c in clusters(store.view("mike"), 1) for m in c.members}
    ana = {m.id for c in clusters(store.view("ana"), 1) for m in c.members}
    assert "p-secret" not in mike and "p-secret" in ana
    assert mike == set(visible_network(store.view("mike")).nodes)


def test_min_size_and_empty(store: Store) -> None:
    assert communities(Network.build([], [])) == []
    with pytest.raises(InvalidData):
        communities(Network.build([], []), 0)
