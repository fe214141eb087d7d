"""Shortest paths: found from both ends, never through an entity the reader cannot see."""

from __future__ import annotations

import pytest

from enlace.exceptions import InvalidData, NotFound
from enlace.graph import paths, visible_network
from enlace.graph.path import paths_in
from enlace.store import Store

from .world import cell


def test_a_path_through_a_hidden_person_is_not_found(store: Store) -> None:
    cell(store)
    assert paths(store.view("mike"), "p-lieutenant", "p-courier") == []
    (found,) = paths(store.view("ana"), "p-lieutenant", "p-courier")
    assert [n.id for n in found.nodes] == ["p-lieutenant", "p-secret", "p-courier"]
    assert [[link.via for link in step] for step in found.steps] == [
        ["ul-lt-secret"], ["assoc-secret-courier"]]


def test_every_shortest_path_and_only_those(store: Store) -> None:
    cell(store)
    view = store.view("mike")
    found = paths(view, "o-cell", "ev-meeting")
    assert [[n.id for n in p.nodes] for p in found] == [["o-cell", "p-boss", "ev-meeting"]]
    found = paths(view, "arr-boss", "p-lieutenant")
    assert [[n.id for n in p.nodes] for p in found] == [
        ["arr-boss", "p-boss", "p-lieutenant"]]
    whole = visible_network(store.view("ana"))
    assert [p.to_dict() for p in paths(store.view("ana"), "arr-boss", "p-courier")] == [
        p.to_dict() for p in paths_in(whole, "arr-boss", "p-courier")]


def test_max_hops_and_trivial_paths(store: Store) -> None:
    cell(store)
    view = store.view("ana")
    assert paths(view, "arr-boss", "p-courier", max_hops=3) == []
    assert len(paths(view, "arr-boss", "p-courier", max_hops=4)[0].steps) == 4
    (same,) = paths(view, "p-boss", "p-boss")
    assert same.to_dict()["length"] == 0


def test_ends_must_be_visible_nodes(store: Store) -> None:
    cell(store)
    view = store.view("mike")
    with pytest.raises(NotFound):
        paths(view, "p-boss", "p-secret")
    with pytest.raises(InvalidData):
        paths(view, "p-boss", "mem-boss")
    with pytest.raises(InvalidData):
        paths(view, "p-boss", "p-lieutenant", max_hops=0)
