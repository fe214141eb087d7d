"""``enlace audit``: verify the log, ask who saw something, export it, sign a checkpoint."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from enlace.audit import export as exporting
from enlace.audit import force_checkpoint, record
from enlace.audit.sighting import who_saw as find_sightings
from enlace.audit.verify import verify as verify_log
from enlace.cli.options import AsOption, DbOption, emit, err_console, friendly, open_store

audit_app = typer.Typer(help="The tamper-evident audit log of every read and share.",
                        no_args_is_help=True)


@audit_app.command("verify")
@friendly
def verify(
    trust: Annotated[list[str] | None, typer.Option(
        help="A key fingerprint checkpoints must be signed with; repeatable. Without it, "
             "any key the store holds is accepted.")] = None,
    db: DbOption = None,
) -> None:
    """Recompute the hash chain and check every signed checkpoint; exit 1 on any fault."""
    report = verify_log(open_store(db), trust or ())
    emit(report.to_dict())
    if not report.ok:
        err_console.print(f"[bold red]Error:[/] {report.first}", highlight=False,
                          soft_wrap=True)
        raise typer.Exit(1)


@audit_app.command("who-saw")
@friendly
def who_saw(
    thing: Annotated[str, typer.Argument(help="A document id or an entity id.")],
    as_user: AsOption,
    db: DbOption = None,
) -> None:
    """Print, as JSON lines, who read or received a document or entity, when and how."""
    store = open_store(db)
    for sighting in find_sightings(store, thing, store.principal(as_user)):
        emit(sighting.to_dict())


@audit_app.command("export")
@friendly
def export(
    since: Annotated[int, typer.Option(help="Only events after this sequence number.")] = 0,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Write the log's events as JSON lines, hashes included."""
    store = open_store(db)
    count = 0
    with output.open("w", encoding="utf-8") if output else nullcontext(sys.stdout) as out:
        for event in exporting.export(store, since):
            out.write(json.dumps(event, ensure_ascii=False) + "\n")
            count += 1
        record(store, None, "audit.export", (), {"since": since, "events": count})


@audit_app.command("checkpoint")
@friendly
def checkpoint(db: DbOption = None) -> None:
    """Sign the log's current end with this instance's key, and print the checkpoint."""
    signed = force_checkpoint(open_store(db))
    if signed is None:
        err_console.print("The audit log is empty: nothing to sign.", highlight=False)
        return
    emit(signed)
