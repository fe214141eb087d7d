"""``enlace profile``: one entity as one person may know it, in Rich or as JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from enlace.cli.options import AsOption, DbOption, console, emit, friendly, open_store
from enlace.profile import profile as build
from enlace.profile import render_profile


@friendly
def profile(
    entity_id: Annotated[str, typer.Argument(help="The entity's id.")],
    as_user: AsOption,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
    related: Annotated[int, typer.Option(help="How many related entities to rank.")] = 10,
    db: DbOption = None,
) -> None:
    """Show an entity's names, properties, relations, timeline, documents and related
    entities, from the documents the person may see."""
    found = build(open_store(db).view(as_user), entity_id, related)
    if json_output:
        emit(found)
    else:
        console.print(render_profile(found))
