"""Reading commands; each one reads through a View scoped to ``--as``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from enlace.cli.options import AsOption, DbOption, emit, friendly, open_store
from enlace.model.entity import Entity
from enlace.store import View


@friendly
def entities(
    as_user: AsOption,
    schema: Annotated[str | None, typer.Option(
        help="Only this schema and its descendants, e.g. Person or LegalEntity.")] = None,
    db: DbOption = None,
) -> None:
    """Print, as JSON lines, the FtM entities a person may see."""
    view = open_store(db).view(as_user)
    for entity in view.entities(schema):
        emit(entity.to_dict())


@friendly
def entity(entity_id: str, as_user: AsOption, db: DbOption = None) -> None:
    """Print one entity as JSON, each value with its sources."""
    view = open_store(db).view(as_user)
    emit(entity_with_sources(view, view.entity(entity_id)))


def entity_with_sources(view: View, item: Entity) -> dict[str, Any]:
    """The FtM form plus every value with the visible documents that state it."""
    scheme = view.store.scheme
    documents = {d: view.document(d) for d in item.document_ids}
    values: dict[tuple[str, str], dict[str, Any]] = {}
    for stmt in item.statements:
        if stmt.prop not in item.schema.properties:
            continue
        entry = values.setdefault((stmt.prop, stmt.value), {
            "prop": stmt.prop, "value": stmt.value, "sources": []})
        doc = documents[stmt.document_id]
        entry["sources"].append({
            "document": doc.id, "title": doc.title, "label": doc.label.render(scheme),
            "tlp": doc.tlp, "origin": stmt.origin, "lang": stmt.lang,
            "span": [stmt.span_start, stmt.span_end] if stmt.span_start is not None else None,
            "first_seen": stmt.first_seen.isoformat(), "last_seen": stmt.last_seen.isoformat(),
        })
    data = item.to_dict()
    data["values"] = list(values.values())
    data["documents"] = [documents[d].to_dict(documents[d].label.render(scheme))
                         for d in item.document_ids]
    return data


@friendly
def documents(as_user: AsOption, db: DbOption = None) -> None:
    """Print, as JSON lines, the documents a person may see."""
    view = open_store(db).view(as_user)
    for doc in view.documents():
        emit(doc.to_dict(doc.label.render(view.store.scheme)))


@friendly
def document(document_id: str, as_user: AsOption, db: DbOption = None) -> None:
    """Print one document as JSON, with why the person may see it."""
    view = open_store(db).view(as_user)
    doc = view.document(document_id)
    data = doc.to_dict(doc.label.render(view.store.scheme))
    data["access"] = view.explain(document_id).reason
    emit(data)
