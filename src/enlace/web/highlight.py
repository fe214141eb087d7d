"""A document's text cut into pieces, the extracted entities' spans marked.

The spans come from the statements the extractor wrote for this document (each keeps
its character span). The document is checked through the View first, so a reader only
ever gets pieces of a document they may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from enlace.model.ftm import get_schema
from enlace.store import View
from enlace.store.tables import statement


@dataclass(frozen=True)
class Piece:
    text: str
    entity: str | None = None
    schema: str | None = None


def spans(view: View, document_id: str) -> list[tuple[int, int, str, str]]:
    """(start, end, entity id, schema) of each statement with a span in the document."""
    view.document(document_id)  # NotFound unless visible; its statements are then visible
    query = (select(statement.c.span_start, statement.c.span_end, statement.c.entity_id,
                    statement.c.schema)
             .where(statement.c.document_id == document_id,
                    statement.c.span_start.is_not(None), statement.c.span_end.is_not(None))
             .order_by(statement.c.span_start, statement.c.span_end.desc()))
    with view.store.engine.connect() as conn:
        rows = list(conn.execute(query))
    return [(r.span_start, r.span_end, r.entity_id, r.schema) for r in rows
            if get_schema(r.schema).is_a("Thing")]


def pieces(text: str, found: list[tuple[int, int, str, str]],
           merged: dict[str, str] | None = None) -> list[Piece]:
    """Plain and marked pieces in order; overlapping spans keep the first, longest one."""
    merged = merged or {}
    out: list[Piece] = []
    at = 0
    for start, end, entity_id, schema in sorted(found, key=lambda s: (s[0], -s[1])):
        if start < at or end > len(text) or start >= end:
            continue
        if start > at:
            out.append(Piece(text[at:start]))
        out.append(Piece(text[start:end], merged.get(entity_id, entity_id), schema))
        at = end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out
