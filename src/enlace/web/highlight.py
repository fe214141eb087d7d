"""A document's text cut into pieces, the extracted entities' spans marked.

The spans come from the statements the extractor wrote for this document (each keeps
its character span), read through the reader's View.
"""

from __future__ import annotations

from dataclasses import dataclass

from enlace.model.ftm import get_schema
from enlace.store import View


@dataclass(frozen=True)
class Piece:
    text: str
    entity: str | None = None
    schema: str | None = None


def spans(view: View, document_id: str) -> list[tuple[int, int, str, str]]:
    """(start, end, entity id, schema) of each statement with a span in the document."""
    return [(s.span_start, s.span_end, s.entity_id, s.schema)
            for s in view.document_statements(document_id)
            if s.span_start is not None and s.span_end is not None
            and get_schema(s.schema).is_a("Thing")]


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
