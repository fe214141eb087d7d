"""``enlace label``: change a document's label (recorded, with a reason) and see its history."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from enlace.cli.load import Classification, Compartment, ReleasableTo, Tlp
from enlace.cli.options import AsOption, DbOption, console, emit, friendly, open_store
from enlace.model.markings import compartment as compartment_name
from enlace.sharing.marking import parse_targets

label_app = typer.Typer(help="Document labels: change them, with a reason, and see history.",
                        no_args_is_help=True)


@label_app.command("set")
@friendly
def label_set(
    document_id: str,
    as_user: AsOption,
    why: Annotated[str, typer.Option(help="Why the label changes; recorded with your name.")],
    classification: Classification = None,
    compartment: Compartment = None,
    releasable_to: ReleasableTo = None,
    clear_compartments: Annotated[bool, typer.Option(help="Remove every compartment.")] = False,
    clear_releasability: Annotated[bool, typer.Option(help="Remove all releasability.")] = False,
    tlp: Tlp = None,
    db: DbOption = None,
) -> None:
    """Change the parts of a label you name; the rest stays."""
    store = open_store(db)
    view = store.view(as_user)
    current = view.document(document_id)
    new = current.label
    if classification:
        new = replace(new, level=store.scheme.level(classification).rank)
    if clear_compartments or compartment:
        new = replace(new, compartments=frozenset(compartment_name(c) for c in compartment or ()))
    if clear_releasability or releasable_to:
        new = replace(new, releasable_to=frozenset(parse_targets(releasable_to or ())))
    colour = store.scheme.tlp_colour(tlp) if tlp else None
    with store.writer() as writer:
        direction = writer.change_label(document_id, new, colour, view.principal, why)
    console.print(f"Label of {document_id} is now {new.render(store.scheme)} ({direction})",
                  highlight=False)


@label_app.command("history")
@friendly
def label_history(document_id: str, as_user: AsOption, db: DbOption = None) -> None:
    """Print a visible document's label changes as JSON lines, oldest first."""
    for change in open_store(db).view(as_user).label_history(document_id):
        emit(change)
