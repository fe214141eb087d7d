"""The ``enlace`` command line: one Typer app, one module per area."""

from __future__ import annotations

import typer

from enlace.cli import admin, demo, ingest, label, load, read, resolve
from enlace.cli import export as export_cli
from enlace.cli import graph as graph_cli
from enlace.cli import leak as leak_cli
from enlace.cli import profile as profile_cli
from enlace.cli import serve as serve_cli
from enlace.cli import share as share_cli
from enlace.cli.audit import audit_app
from enlace.cli.compliance import compliance_app
from enlace.cli.search import search_app
from enlace.cli.xref import requests_app, xref_app

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
app.add_typer(xref_app, name="xref")
app.add_typer(requests_app, name="requests")
app.add_typer(audit_app, name="audit")
app.add_typer(compliance_app, name="compliance")
app.command("profile")(profile_cli.profile)
app.add_typer(graph_cli.graph_app, name="graph")
app.command("share")(share_cli.share)
app.command("grant")(share_cli.grant)
app.command("revoke")(share_cli.revoke)
app.add_typer(share_cli.group_app, name="group")
app.add_typer(leak_cli.leak_app, name="leak")
app.command("export")(export_cli.export)
app.add_typer(search_app, name="search")
app.command("serve")(serve_cli.serve)
admin.user_app.command("passwd")(serve_cli.passwd)
app.add_typer(serve_cli.token_app, name="token")


def main() -> None:
    """Entry point of the ``enlace`` console script."""
    app()


__all__ = ["app", "main"]
