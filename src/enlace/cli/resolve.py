"""``enlace merge`` and ``enlace split``: reversible judgements that two ids are one entity."""

from __future__ import annotations

from typing import Annotated

import typer

from enlace.cli.options import AsOption, DbOption, console, friendly, open_store
from enlace.ingest import resolution

WhyOption = Annotated[str, typer.Option(help="Why; recorded with your name.")]


@friendly
def merge(left: str, right: str, as_user: AsOption, why: WhyOption, db: DbOption = None) -> None:
    """Judge two entities you can see to be one; readers who can see both sides' sources
    see them merged."""
    store = open_store(db)
    principal = store.principal(as_user)
    with store.writer() as writer:
        resolution.merge(writer, principal, left, right, why)
    console.print(f"Merged {left} and {right}", highlight=False)


@friendly
def split(
    entity_id: str,
    as_user: AsOption,
    why: WhyOption,
    other: Annotated[str | None, typer.Argument(help="Split from this entity only.")] = None,
    db: DbOption = None,
) -> None:
    """Undo merges of an entity (with one other entity only, if named); recorded."""
    store = open_store(db)
    principal = store.principal(as_user)
    with store.writer() as writer:
        count = resolution.split(writer, principal, entity_id, other, why)
    console.print(f"Undid {count} merge(s) of {entity_id}", highlight=False)
