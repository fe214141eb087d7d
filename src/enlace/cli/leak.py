"""``enlace leak trace``: name the likely recipient of a leaked copy, with a confidence."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from enlace.cli.options import AsOption, DbOption, emit, friendly, open_store
from enlace.sharing.leak import trace_leak

leak_app = typer.Typer(help="Trace leaked copies back to their recipient.",
                       no_args_is_help=True)


@leak_app.command("trace")
@friendly
def trace(
    file: Annotated[Path, typer.Argument(help="The leaked text.", exists=True,
                                         dir_okay=False)],
    as_user: AsOption,
    document: Annotated[str | None, typer.Option(
        help="Compare only with copies of this dissemination or document.")] = None,
    db: DbOption = None,
) -> None:
    """Weigh every recipient's copy against the leak (compliance officers only)."""
    store = open_store(db)
    finding = trace_leak(store, store.principal(as_user), file.read_text(encoding="utf-8"),
                         document)
    emit(finding.to_dict())
