"""Commands that set up a store: ``init``, ``agency`` and ``user``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import select

from enlace.cli.options import DbOption, console, emit, friendly, open_store, track
from enlace.model.markings import MarkingScheme
from enlace.store import Store
from enlace.store.tables import agency as agency_table
from enlace.store.tables import app_user

agency_app = typer.Typer(help="Agencies that own documents and employ people.",
                         no_args_is_help=True)
user_app = typer.Typer(help="People, their agencies, clearance and compartments.",
                       no_args_is_help=True)


@friendly
def init(
    db: DbOption = None,
    markings: Annotated[Path | None, typer.Option(
        help="A YAML classification scheme to use instead of the bundled one "
             "(only when the store is created).")] = None,
) -> None:
    """Create the store (or upgrade it to this version of enlace)."""
    scheme = MarkingScheme.load(markings) if markings else None
    store = track(Store.create(db, scheme))
    levels = " < ".join(level.name for level in store.scheme.levels)
    console.print(f"enlace store ready at [bold]{store.url}[/] ({store.backend}); "
                  f"levels: {levels}", highlight=False)


@agency_app.command("add")
@friendly
def agency_add(
    code: Annotated[str, typer.Argument(help="Short code, e.g. FGR or DEA.")],
    name: Annotated[str, typer.Option(help="Full name.")],
    country: Annotated[str, typer.Option(help="ISO country code, e.g. MX.")],
    db: DbOption = None,
) -> None:
    """Add an agency."""
    with open_store(db).writer() as writer:
        added = writer.add_agency(code, name, country)
    console.print(f"Added agency {added}", highlight=False)


@agency_app.command("list")
@friendly
def agency_list(db: DbOption = None) -> None:
    """List agencies as JSON lines."""
    store = open_store(db)
    with store.engine.connect() as conn:
        for row in conn.execute(select(agency_table).order_by(agency_table.c.code)):
            emit({"code": row.code, "name": row.name, "country": row.country})


@user_app.command("add")
@friendly
def user_add(
    name: Annotated[str, typer.Argument(help="Login name, e.g. ana.ruiz.")],
    agency: Annotated[list[str], typer.Option(help="Agency code; repeat for several.")],
    clearance: Annotated[str, typer.Option(help="Highest classification level they hold.")],
    compartment: Annotated[list[str] | None, typer.Option(
        help="A compartment they hold; repeat for several.")] = None,
    role: Annotated[list[str] | None, typer.Option(
        help="analyst (default), liaison, compliance or admin; repeatable.")] = None,
    full_name: Annotated[str | None, typer.Option(help="Name as a person reads it.")] = None,
    db: DbOption = None,
) -> None:
    """Add a person."""
    with open_store(db).writer() as writer:
        writer.add_user(name, agency, clearance, compartment or (), role or ("analyst",),
                        full_name)
    console.print(f"Added user {name}", highlight=False)


@user_app.command("show")
@friendly
def user_show(name: str, db: DbOption = None) -> None:
    """Show what the access rule knows of a person, as JSON."""
    store = open_store(db)
    who = store.principal(name)
    emit({"name": who.name, "clearance": store.scheme.level_name(who.clearance),
          "agencies": sorted(who.agencies), "countries": sorted(who.countries),
          "compartments": sorted(who.compartments), "roles": sorted(who.roles)})


@user_app.command("list")
@friendly
def user_list(db: DbOption = None) -> None:
    """List people in a table."""
    store = open_store(db)
    table = Table("name", "clearance", "agencies", "compartments", "roles")
    with store.engine.connect() as conn:
        names = list(conn.execute(select(app_user.c.name).order_by(app_user.c.name)).scalars())
    for name in names:
        who = store.principal(name)
        table.add_row(name, store.scheme.level_name(who.clearance), ", ".join(sorted(who.agencies)),
                      ", ".join(sorted(who.compartments)), ", ".join(sorted(who.roles)))
    console.print(table)
