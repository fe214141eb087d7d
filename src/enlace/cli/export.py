"""``enlace export``: everything a person may see, as FtM, CSV or STIX 2.1."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from enlace.cli.options import AsOption, DbOption, err_console, friendly, open_store
from enlace.sharing.export import write


@friendly
def export(
    as_user: AsOption,
    fmt: Annotated[str, typer.Option("--format", help="ftm, csv or stix.")] = "ftm",
    output: Annotated[Path | None, typer.Option(
        "--output", help="File to write (default: stdout).", dir_okay=False)] = None,
    db: DbOption = None,
) -> None:
    """Export what a person may see: labelled, watermarked and audited."""
    store = open_store(db)
    snap, body = write(store, store.view(as_user), fmt.strip().lower())
    if output is None:
        sys.stdout.write(body)
    else:
        output.write_text(body, encoding="utf-8")
    err_console.print(f"{snap.banner} (TLP:{snap.tlp}) export {snap.id}: "
                      f"{len(snap.entities)} entities", highlight=False)
