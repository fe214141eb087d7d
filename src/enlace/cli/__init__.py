"""The ``enlace`` command line: one Typer app, one module per area."""

from __future__ import annotations

import typer

from enlace.cli import admin, demo, ingest, label, load, read, resolve

app = typer.Typer(
    name="enlace",
    help="Organized-crime intelligence that several agencies can share under rules.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("init")(admin.init)
app.add_typer(admin.agency_app, name="agency")
app.add_typer(admin.user_app, name="user")
app.command("load")(load.load)
app.command("entities")(read.entities)
app.command("entity")(read.entity)
app.command("documents")(read.documents)
app.command("document")(read.document)
app.add_typer(label.label_app, name="label")
app.command("ingest")(ingest.ingest)
app.command("extract")(ingest.extract)
app.command("worker")(ingest.worker)
app.command("merge")(resolve.merge)
app.command("split")(resolve.split)
app.command("demo")(demo.demo)


def main() -> None:
    """Entry point of the ``enlace`` console script."""
    app()


__all__ = ["app", "main"]
