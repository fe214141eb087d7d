"""Export the log as JSON lines, one event each, hashes included, for an outside copy.

An exported copy re-verifies on its own (each line holds its ``prev_hash`` and ``hash``),
and keeping one elsewhere is what shows a log cut short together with its last checkpoint.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from enlace.audit.chain import sequence
from enlace.audit.event import AuditEvent
from enlace.audit.tables import audit_event

if TYPE_CHECKING:
    from enlace.store.store import Store


def export(store: Store, since: int = 0) -> Iterator[dict[str, Any]]:
    """Every event after sequence number ``since``, oldest first, streamed; reads still
    staged are chained first."""
    sequence(store)
    query = select(audit_event).where(audit_event.c.seq > since).order_by(audit_event.c.seq)
    with store.engine.connect() as conn:
        rows = conn.execution_options(stream_results=True, yield_per=10_000).execute(query)
        for row in rows:
            yield AuditEvent.from_row(row).to_dict()
