"""Exports: GraphML and Gephi CSV hold the reader's visible graph and nothing else."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from enlace.exceptions import InvalidData
from enlace.graph import export_network, visible_network
from enlace.store import Store

from .world import cell


def test_graphml_round_trips(store: Store, tmp_path: Path) -> None:
    cell(store)
    target = tmp_path / "mike.graphml"
    network, files = export_network(store.view("mike"), "graphml", target)
    assert files == [target]
    graph = nx.read_graphml(target, force_multigraph=True)
    assert set(graph.nodes) == set(network.nodes)
    assert graph.number_of_edges() == len(network.links)
    assert graph.nodes["p-boss"]["label"] == "Arturo Bravo"
    text = target.read_text(encoding="utf-8")
    assert "p-secret" not in text and "Clave Coral" not in text and "o-hidden" not in text


def test_gephi_csv(store: Store, tmp_path: Path) -> None:
    cell(store)
    network, files = export_network(store.view("ana"), "csv", tmp_path / "gephi")
    assert [f.name for f in files] == ["nodes.csv", "edges.csv"]
    with files[0].open(encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    with files[1].open(encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    assert {n["Id"] for n in nodes} == set(network.nodes)
    assert len(edges) == len(network.links) and len({e["Id"] for e in edges}) == len(edges)
    member = next(e for e in edges if e["via"] == "mem-boss")
    assert (member["Source"], member["Target"], member["Type"]) == ("p-boss", "o-cell",
                                                                    "Directed")
    assert next(e for e in edges if e["via"] == "assoc-boss-lt")["Type"] == "Undirected"


def test_export_a_neighbourhood(store: Store, tmp_path: Path) -> None:
    cell(store)
    network, _ = export_network(store.view("ana"), "csv", tmp_path / "n", "p-courier", 1)
    assert set(network.nodes) == {"p-courier", "p-secret"}
    assert len(visible_network(store.view("ana")).nodes) > 2


def test_bad_format_or_target(store: Store, tmp_path: Path) -> None:
    cell(store)
    with pytest.raises(InvalidData, match="unknown format"):
        export_network(store.view("ana"), "gexf", tmp_path / "x")
    (tmp_path / "file").write_text("x")
    with pytest.raises(InvalidData, match="folder"):
        export_network(store.view("ana"), "csv", tmp_path / "file")
