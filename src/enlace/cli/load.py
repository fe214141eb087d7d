"""``enlace load``: FtM entities from JSON lines, as one labelled source document."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from followthemoney.types import registry

from enlace.cli.options import AsOption, DbOption, console, friendly, open_store
from enlace.exceptions import InvalidData
from enlace.ingest.entities import load_entities
from enlace.sharing.marking import LabelOptions, parse_targets

Classification = Annotated[str | None, typer.Option(
    help="Classification level (default: the lowest), in English or Spanish.")]
Compartment = Annotated[list[str] | None, typer.Option(
    help="A compartment readers must hold; repeat for several.")]
ReleasableTo = Annotated[list[str] | None, typer.Option(
    "--releasable-to", help="An agency code or country code that may read it; repeatable.")]
Owner = Annotated[str | None, typer.Option(
    help="Owner agency (default: the person's agency).")]
Tlp = Annotated[str | None, typer.Option(help="TLP colour for dissemination (default AMBER).")]


def label_options(classification: str | None, compartment: list[str] | None,
                  releasable_to: list[str] | None, owner: str | None,
                  tlp: str | None) -> LabelOptions:
    return LabelOptions(classification, tuple(compartment or ()),
                        parse_targets(releasable_to or ()), owner, tlp)


@friendly
def load(
    file: Annotated[str, typer.Argument(help="A .jsonl file of FtM entities, or - for stdin.")],
    as_user: AsOption,
    classification: Classification = None,
    compartment: Compartment = None,
    releasable_to: ReleasableTo = None,
    owner: Owner = None,
    tlp: Tlp = None,
    title: Annotated[str | None, typer.Option(help="Document title.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language of names and texts.")] = None,
    db: DbOption = None,
) -> None:
    """Load FtM entities as one source document with one label."""
    store = open_store(db)
    if file == "-":
        content, source = sys.stdin.buffer.read(), "<stdin>"
    else:
        path = Path(file)
        if not path.is_file():
            raise InvalidData(f"no such file: {file}")
        content, source = path.read_bytes(), path.name
    language = registry.language.clean(lang) if lang else None
    if lang and language is None:
        raise InvalidData(f"unknown language {lang!r}; use a code such as es or en")
    options = label_options(classification, compartment, releasable_to, owner, tlp)
    result = load_entities(store, content, source, as_user, options, title, language)
    if result.created:
        console.print(f"Loaded {result.entities} entities ({result.statements} statements) "
                      f"as document {result.document_id}", highlight=False)
    else:
        console.print(f"Already loaded as document {result.document_id}; nothing new stored",
                      highlight=False)
