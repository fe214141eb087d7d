"""``enlace demo``: a store with the bundled fictional case, what each agency sees, and the
web application on it (``--no-serve`` only prints)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from enlace.cli.options import console, friendly, track
from enlace.demo.case import Case, load_case, set_passwords
from enlace.exceptions import NotFound
from enlace.store import Store, View

DEFAULT_DIR = Path("enlace-demo")
SHOWN = ("name", "alias", "weakAlias", "birthDate", "nationality", "position")


@friendly
def demo(
    directory: Annotated[Path, typer.Option("--dir", help="Where to keep the demo store.")]
    = DEFAULT_DIR,
    reset: Annotated[bool, typer.Option(help="Start again from an empty store.")] = False,
    serve: Annotated[bool, typer.Option(
        help="Serve the web UI on the store afterwards (until Ctrl-C).")] = True,
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
) -> None:
    """Create a SQLite store with the fictional case, show what each agency sees, and serve
    the web UI on it."""
    db_file = directory / "enlace.db"
    if reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{db_file}"
    store = track(Store.create(url))
    case = Case.bundled()
    with console.status("Loading the demo case (the texts go through the ingest pipeline)..."):
        new = load_case(store, case)
        passwords = set_passwords(store, case)
    console.print(Panel(case.description, title=case.title, expand=False))
    console.print(f"Store: {url} ({new} new documents)\n", highlight=False)
    first_of_agency: dict[str, str] = {}
    for user in case.users:
        for code in user["agencies"]:
            first_of_agency.setdefault(code, user["name"])
    views = [store.view(name) for name in dict.fromkeys(u["name"] for u in case.users)]
    console.print(_overview(views, len(case.documents) + len(case.texts)))
    focus = case.focus
    if focus:
        console.print(_entity_by_agency(store, focus, first_of_agency))
    console.print(
        "\nTry it: [bold]enlace entities --as michael.brennan --db " + url + "[/]\n"
        "        [bold]enlace entity " + (focus or "ID") + " --as tomas.arce --db " + url + "[/]",
        highlight=False,
    )
    console.print(_logins(passwords))
    if serve:
        from enlace.cli.serve import run_server

        console.print(f"\nThe web UI: [bold]http://{host}:{port}[/] (Ctrl-C stops it)",
                      highlight=False)
        run_server(store, host, port)


def _logins(passwords: dict[str, str]) -> Table:
    table = Table(title="Demo logins for the web UI", title_justify="left")
    table.add_column("user")
    table.add_column("password")
    for name, secret in passwords.items():
        table.add_row(name, secret)
    return table


def _overview(views: list[View], total: int) -> Table:
    table = Table(title="What each person sees", title_justify="left")
    for column in ("person", "agencies", "clearance", "compartments", "documents",
                   "entities", "statements"):
        table.add_column(column, justify="right" if column in
                         ("documents", "entities", "statements") else "left")
    for view in views:
        who = view.principal
        table.add_row(who.name, ", ".join(sorted(who.agencies)),
                      view.store.scheme.level_name(who.clearance),
                      ", ".join(sorted(who.compartments)) or "-",
                      f"{view.count_documents()}/{total}", str(view.count_entities()),
                      str(view.count_statements()))
    return table


def _entity_by_agency(store: Store, entity_id: str, people: dict[str, str]) -> Table:
    table = Table(title=f"One person, {entity_id}, as each agency sees them",
                  title_justify="left", show_lines=True)
    table.add_column("agency (person)")
    table.add_column("what they see")
    for code, name in sorted(people.items()):
        view = store.view(name)
        try:
            entity = view.entity(entity_id)
        except NotFound:
            table.add_row(f"{code} ({name})", "[dim]nothing: not found[/]")
            continue
        props = entity.properties
        lines = [f"[bold]{prop}[/]: {', '.join(props[prop])}" for prop in SHOWN if prop in props]
        rest = sorted(set(props) - set(SHOWN))
        lines.append(f"[dim]{len(rest)} more properties ({', '.join(rest) or 'none'}); "
                     f"from {len(entity.document_ids)} document(s)[/]")
        table.add_row(f"{code} ({name})", "\n".join(lines))
    return table
