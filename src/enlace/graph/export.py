"""Write a visible graph as GraphML, or as the two CSV files Gephi imports.

GraphML keeps every link (a multigraph) with its kind, label, the entity it comes from
(``via``) and whether it is directed. The CSV form is Gephi's spreadsheet import:
``nodes.csv`` (Id, Label, schema) and ``edges.csv`` (Source, Target, Type, Id, Label,
Weight, kind, via, caption, date), written into a folder.
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from enlace.exceptions import InvalidData
from enlace.graph.network import Network

FORMATS = ("graphml", "csv")
NODE_COLUMNS = ["Id", "Label", "schema"]
EDGE_COLUMNS = ["Source", "Target", "Type", "Id", "Label", "Weight", "kind", "via",
                "caption", "date"]


def write_graphml(network: Network, path: Path) -> list[Path]:
    nx.write_graphml(network.multi(), path, encoding="utf-8")
    return [path]


def write_csv(network: Network, folder: Path) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise InvalidData(f"{folder} is a file; the CSV export writes nodes.csv and edges.csv "
                          "into a folder")
    folder.mkdir(parents=True, exist_ok=True)
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    with nodes.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(NODE_COLUMNS)
        for node in network.nodes.values():
            writer.writerow([node.id, node.caption, node.schema])
    with edges.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EDGE_COLUMNS)
        for link in network.links:
            writer.writerow([link.source, link.target,
                             "Directed" if link.directed else "Undirected",
                             f"{link.via}:{link.kind}:{link.source}:{link.target}",
                             link.label, 1, link.kind, link.via, link.caption, link.date])
    return [nodes, edges]


def export(network: Network, fmt: str, output: Path) -> list[Path]:
    """Write ``network`` in ``fmt`` to ``output``; returns the files written."""
    if fmt == "graphml":
        return write_graphml(network, output)
    if fmt == "csv":
        return write_csv(network, output)
    raise InvalidData(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
