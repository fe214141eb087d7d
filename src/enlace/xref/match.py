"""A person's cross-reference run: their collection in, JSON-ready match lines out.

The collection is an agency's documents as the person sees them, or FtM entities they
upload. Candidates come from :func:`enlace.xref.discovery.discover`; visible ones are read
again through the person's View (and so observed) before anything about them is shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import select

from enlace.exceptions import InvalidData
from enlace.store import View
from enlace.store.tables import document, statement
from enlace.store.view import STATEMENT_COLUMNS, stream_entities
from enlace.xref.discovery import discover
from enlace.xref.record import Record, record_from_entity, record_from_ftm
from enlace.xref.scoring import score_pair

CHUNK = 200

Progress = Callable[[int, int], None]


def agency_collection(view: View, code: str) -> list[Record]:
    """The entities of ``code``'s documents, as much of them as the person may see."""
    docs = view.visible_documents().where(document.c.owner == code.strip().upper())
    query = (select(*STATEMENT_COLUMNS).where(statement.c.document_id.in_(docs))
             .order_by(statement.c.entity_id))
    records: list[Record] = []
    document_ids: set[str] = set()
    for entity in stream_entities(view.store, query):
        document_ids.update(entity.document_ids)
        record = record_from_entity(entity)
        if record is not None:
            records.append(record)
    view.observe("xref-collection", [r.id for r in records], document_ids, agency=code)
    return records


def file_collection(lines: Iterable[str]) -> list[Record]:
    """Records from FtM entities, one JSON object a line (schemata matching ignores skipped)."""
    records: list[Record] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidData(f"line {number} is not JSON: {exc.msg}") from None
        record = record_from_ftm(data)
        if record is not None:
            records.append(record)
    return records


def run(view: View, queries: Sequence[Record], override: float | None = None,
        exclude: Iterable[str] = (), progress: Progress | None = None
        ) -> Iterator[dict[str, Any]]:
    """Match lines: visible matches in full, hidden ones as agency and reference only."""
    skip = set(exclude)
    shown: list[str] = []
    documents: set[str] = set()
    refs: list[str] = []
    for start in range(0, len(queries), CHUNK):
        chunk = queries[start:start + CHUNK]
        found = discover(view, chunk, override, skip)
        by_id = {q.id: q for q in chunk}
        for query_id, entity_id in found.visible:
            entity = view.entity(entity_id)
            record = record_from_entity(entity)
            if record is None:
                continue
            shown.append(entity_id)
            documents.update(entity.document_ids)
            yield {"query": query_id, "match": "visible", "entity": entity_id,
                   "schema": entity.schema.name,
                   "names": entity.properties.get("name", []) or list(record.labels),
                   "score": round(score_pair(by_id[query_id], record), 3),
                   "documents": sorted(entity.document_ids)}
        for hidden in found.hidden:
            refs.append(hidden.ref)
            yield hidden.to_dict()
        for query_id, keys in found.capped.items():
            yield {"query": query_id, "capped": keys}
        if progress is not None:
            progress(min(start + CHUNK, len(queries)), len(queries))
    view.observe("xref", shown, documents, queries=len(queries), refs=refs)
