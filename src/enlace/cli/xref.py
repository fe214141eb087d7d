"""``enlace xref`` (cross-reference a collection) and ``enlace requests`` (ask for access)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from enlace.cli.options import AsOption, DbOption, emit, err_console, friendly, open_store
from enlace.exceptions import InvalidData
from enlace.xref import index, match, requests

xref_app = typer.Typer(help="Cross-reference a collection against everything in the store.",
                       no_args_is_help=True)
requests_app = typer.Typer(help="Access requests for matches in material you may not see.",
                           no_args_is_help=True)


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                    console=err_console, transient=True)


@xref_app.command("run")
@friendly
def run(
    as_user: AsOption,
    agency: Annotated[str | None, typer.Option(
        help="Match the documents of this agency (as far as you may see them).")] = None,
    file: Annotated[Path | None, typer.Option(
        "--file", help="Match FtM entities from this JSON lines file ('-' for stdin).",
        allow_dash=True)] = None,
    threshold: Annotated[float | None, typer.Option(
        help="Score a match needs (default: calibrated per kind).", min=0.0, max=1.0)] = None,
    db: DbOption = None,
) -> None:
    """Bring the index up to date, then print matches as JSON lines.

    Matches in material you may see come in full; matches only in material you may not
    see say that a record exists, which agency holds it, and a reference to ask for it."""
    if (agency is None) == (file is None):
        raise InvalidData("name exactly one collection: --agency CODE or --file ENTITIES.jsonl")
    store = open_store(db)
    view = store.view(as_user)
    with _progress() as bar:
        task = bar.add_task("indexing new statements", total=None)
        done = index.update(store, progress=lambda d, t: bar.update(task, completed=d, total=t))
    if file is not None:
        if str(file) == "-":
            queries = match.file_collection(sys.stdin)
        else:
            with file.open(encoding="utf-8") as handle:
                queries = match.file_collection(handle)
        exclude: list[str] = []
    else:
        assert agency is not None
        queries = match.agency_collection(view, agency)
        exclude = [q.id for q in queries]
    counts = {"visible": 0, "hidden": 0, "capped": 0}
    with _progress() as bar:
        task = bar.add_task("matching", total=len(queries))
        for line in match.run(view, queries, threshold, exclude,
                              progress=lambda d, t: bar.update(task, completed=d, total=t)):
            kind = "capped" if "capped" in line else (
                "visible" if line.get("match") == "visible" else "hidden")
            counts[kind] += 1
            emit(line)
    err_console.print(f"indexed {done.entities} entities; matched {len(queries)}: "
                      f"{counts['visible']} visible, {counts['hidden']} in other agencies' "
                      f"material, {counts['capped']} with keys too common to use",
                      highlight=False)


@xref_app.command("status")
@friendly
def status(db: DbOption = None) -> None:
    """Print the index's size, high-water mark, pending statements and any unfinished run."""
    emit(index.status(open_store(db)))


@requests_app.command("ask")
@friendly
def ask(
    match_ref: str,
    as_user: AsOption,
    why: Annotated[str, typer.Option(help="Why you need access; the owner agency reads it.")],
    db: DbOption = None,
) -> None:
    """Ask the owner agency for access to the material behind a match reference."""
    store = open_store(db)
    emit(requests.ask(store, store.principal(as_user), match_ref, why))


@requests_app.command("list")
@friendly
def list_requests(as_user: AsOption, db: DbOption = None) -> None:
    """Print your requests and those addressed to your agencies."""
    store = open_store(db)
    for row in requests.listing(store, store.principal(as_user)):
        emit(row)


@requests_app.command("grant")
@friendly
def grant(request_id: int, as_user: AsOption, db: DbOption = None) -> None:
    """Grant a request: the requester may then see the documents behind the match."""
    store = open_store(db)
    emit(requests.grant(store, store.principal(as_user), request_id))


@requests_app.command("refuse")
@friendly
def refuse(
    request_id: int,
    as_user: AsOption,
    why: Annotated[str, typer.Option(help="Why; the requester reads it.")],
    db: DbOption = None,
) -> None:
    """Refuse a request, saying why."""
    store = open_store(db)
    emit(requests.refuse(store, store.principal(as_user), request_id, why))
