"""``enlace graph``: link analysis over the graph a person may see.

Listings (neighbours, paths, central, communities) print JSON lines; lineage prints a
tree and a timeline, or JSON with ``--json``; export writes GraphML or Gephi CSV files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from enlace.cli.options import AsOption, DbOption, console, emit, err_console, friendly, open_store
from enlace.graph import analysis
from enlace.graph.centrality import MEASURES
from enlace.graph.export import FORMATS
from enlace.graph.path import MAX_HOPS

graph_app = typer.Typer(help="Link analysis: neighbours, paths, centrality, communities, "
                        "group lineage and exports.", no_args_is_help=True)


@graph_app.command("neighbours")
@friendly
def neighbours(
    entity_id: str,
    as_user: AsOption,
    hops: Annotated[int, typer.Option(help="How many hops out.")] = 1,
    db: DbOption = None,
) -> None:
    """Print the nodes within N hops (with their distance), then the links among them."""
    network, distance = analysis.neighbours(open_store(db).view(as_user), entity_id, hops)
    for node in sorted(network.nodes.values(), key=lambda n: (distance[n.id], n.id)):
        emit({"type": "node", **node.to_dict(), "hops": distance[node.id]})
    for link in network.links:
        emit({"type": "link", **link.to_dict()})


@graph_app.command("path")
@friendly
def path(
    start: str,
    end: str,
    as_user: AsOption,
    max_hops: Annotated[int, typer.Option(help="Give up beyond this many hops.")] = MAX_HOPS,
    limit: Annotated[int, typer.Option(help="At most this many paths.")] = 20,
    db: DbOption = None,
) -> None:
    """Print the shortest paths between two entities, one JSON line each."""
    found = analysis.paths(open_store(db).view(as_user), start, end, max_hops, limit)
    if not found:
        err_console.print(f"No path between {start} and {end} within {max_hops} hops.",
                          highlight=False)
    for item in found:
        emit(item.to_dict())


@graph_app.command("central")
@friendly
def central(
    as_user: AsOption,
    measure: Annotated[str, typer.Option(help=f"One of {', '.join(MEASURES)}.")] = "degree",
    limit: Annotated[int, typer.Option(help="How many entities to list.")] = 20,
    db: DbOption = None,
) -> None:
    """Print the most central entities, one JSON line each, best first."""
    for score in analysis.central(open_store(db).view(as_user), measure, limit):
        emit(score.to_dict(measure))


@graph_app.command("communities")
@friendly
def communities(
    as_user: AsOption,
    min_size: Annotated[int, typer.Option(help="Leave out smaller communities.")] = 2,
    db: DbOption = None,
) -> None:
    """Print communities (Louvain), one JSON line each, largest first."""
    for community in analysis.clusters(open_store(db).view(as_user), min_size):
        emit(community.to_dict())


@graph_app.command("lineage")
@friendly
def lineage(
    group_id: str,
    as_user: AsOption,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
    db: DbOption = None,
) -> None:
    """Show a group's factions and successors over time, and the falls of its leaders."""
    found = analysis.group_lineage(open_store(db).view(as_user), group_id).to_dict()
    if json_output:
        emit(found)
        return
    trees = [_tree(branch) for branch in found["tree"]]
    console.print(Group(*trees, _timeline(found["timeline"])))


def _group(node: dict[str, Any]) -> str:
    return f"[bold]{escape(node['caption'])}[/] [dim]{escape(node['id'])}[/]"


def _tree(branch: dict[str, Any], tree: Tree | None = None) -> Tree:
    tree = tree or Tree(_group(branch))
    for fall in branch["leaders_fallen"]:
        tree.add(f"[red]{escape(fall['kind'])}[/] of {escape(fall['role'])} "
                 f"{escape(fall['person']['caption'])} ({escape(fall['date'] or 'undated')})")
    for child in branch["children"]:
        after = f", after {len(child['preceded_by'])} leader fall(s)" \
            if child["preceded_by"] else ""
        label = (f"{child['relation']} ({escape(child['date'] or 'undated')}{after}): "
                 f"{_group(child['group'])}")
        sub = tree.add(label + (" [dim](see above)[/]" if child["group"].get("again") else ""))
        _tree(child["group"], sub)
    return tree


def _timeline(entries: list[dict[str, Any]]) -> Table:
    table = Table(title="Timeline", title_justify="left")
    for column in ("date", "precision", "what"):
        table.add_column(column)
    for item in entries:
        if item["type"] == "fall":
            what = (f"{escape(item['kind'])}: {escape(item['person']['caption'])}, "
                    f"{escape(item['role'])} of {escape(item['group']['caption'])}")
        else:
            what = (f"{escape(item['child']['caption'])} becomes a {item['relation']} of "
                    f"{escape(item['parent']['caption'])}")
            if item["preceded_by"]:
                what += f" [dim](after {', '.join(map(escape, item['preceded_by']))})[/]"
        table.add_row(escape(item["date"] or "undated"), item["precision"] or "-", what)
    return table


@graph_app.command("export")
@friendly
def export(
    as_user: AsOption,
    output: Annotated[Path, typer.Option(help="A .graphml file, or a folder for the CSVs.")],
    fmt: Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")]
    = "graphml",
    around: Annotated[str | None, typer.Option(
        help="Only the neighbourhood of this entity.")] = None,
    hops: Annotated[int, typer.Option(help="Hops around --around.")] = 2,
    db: DbOption = None,
) -> None:
    """Write the visible graph as GraphML or as Gephi's nodes.csv and edges.csv."""
    network, files = analysis.export_network(open_store(db).view(as_user), fmt, output,
                                             around, hops)
    err_console.print(f"Wrote {len(network.nodes)} nodes and {len(network.links)} links to "
                      f"{', '.join(str(f) for f in files)}", highlight=False)
