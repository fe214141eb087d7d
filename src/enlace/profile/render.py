"""A profile as Rich tables and panels for the terminal.

Every piece of text that comes from the data is escaped, so a value such as ``[bold]``
prints as written and cannot restyle (or hide) the rest of the output.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

HIDDEN_END = "[dim](an entity you cannot see)[/]"


def end_text(end: dict[str, Any]) -> str:
    if not end["visible"]:
        return HIDDEN_END
    return f"{escape(end['caption'])} [dim]({escape(end['schema'])} {escape(end['id'])})[/]"


def _names(profile: dict[str, Any]) -> Table:
    table = Table(title="Names and aliases", title_justify="left", expand=True)
    for column in ("property", "value", "sources"):
        table.add_column(column)
    for item in profile["names"]:
        sources = "\n".join(f"{escape(s['title'] or s['document'])} [dim]{escape(s['label'])}"
                            f" · {escape(s['origin'])}[/]" for s in item["sources"])
        table.add_row(escape(item["prop"]), escape(item["value"]), sources)
    return table


def _properties(profile: dict[str, Any]) -> Table:
    table = Table(title="Properties", title_justify="left", expand=True)
    table.add_column("property")
    table.add_column("values")
    for item in profile["properties"]:
        values = "\n".join(
            f"{escape(v['value'])} [dim]({', '.join(map(escape, v['documents']))})[/]"
            for v in item["values"])
        table.add_row(escape(item["label"]), values)
    return table


def _relations(profile: dict[str, Any]) -> Table:
    table = Table(title="Relations", title_justify="left", expand=True)
    for column in ("from", "relation", "to", "date"):
        table.add_column(column)
    for item in profile["relations"]:
        label = escape(item["label"])
        if item["caption"]:
            label += f" [dim]({escape(item['caption'])})[/]"
        table.add_row(end_text(item["source"]), label, end_text(item["target"]),
                      _when(item))
    return table


def _when(item: dict[str, Any]) -> str:
    if not item["date"]:
        return "[dim]undated[/]"
    return f"{escape(item['date'])} [dim]{item['precision']}[/]"


def _events(profile: dict[str, Any]) -> Table:
    table = Table(title="Timeline", title_justify="left", expand=True)
    for column in ("date", "event", "role", "with"):
        table.add_column(column)
    for item in profile["events"]:
        others = [end_text(p) for p in item["participants"]]
        if item["hidden_participants"]:
            others.append(f"[dim]+{item['hidden_participants']} you cannot see[/]")
        table.add_row(_when(item), f"{escape(item['caption'])} [dim]{escape(item['schema'])}[/]",
                      ", ".join(item["roles"]), "\n".join(others))
    return table


def _documents(profile: dict[str, Any]) -> Table:
    table = Table(title="Documents that mention it", title_justify="left", expand=True)
    for column in ("document", "label", "TLP", "statements"):
        table.add_column(column)
    for doc in profile["documents"]:
        table.add_row(f"{escape(doc['title'] or doc['id'])} [dim]{escape(doc['id'])}[/]",
                      escape(doc["label"]), escape(doc["tlp"]), str(doc["statements"]))
    return table


def _related(profile: dict[str, Any]) -> Table:
    table = Table(title="Related entities", title_justify="left", expand=True)
    for column in ("entity", "score", "shared documents", "hops"):
        table.add_column(column)
    for item in profile["related"]:
        table.add_row(f"{escape(item['caption'])} [dim]({escape(item['schema'])} "
                      f"{escape(item['id'])})[/]", f"{item['score']:g}",
                      str(item["shared_documents"]), str(item["hops"] or "-"))
    return table


def render_profile(profile: dict[str, Any]) -> RenderableType:
    """The whole profile; empty sections are left out."""
    parts: list[RenderableType] = []
    sections = (("names", _names), ("properties", _properties), ("relations", _relations),
                ("events", _events), ("documents", _documents), ("related", _related))
    for key, make in sections:
        if profile[key]:
            parts.append(make(profile))
    title = (f"{escape(profile['caption'])} "
             f"[dim]{escape(profile['schema'])} {escape(profile['id'])}[/]")
    return Panel(Group(*parts), title=title, title_align="left")
