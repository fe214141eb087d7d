"""Recording one event, and watching every View read so that it becomes one.

``record`` is what other areas call for their acts (label changes, grants, disseminations,
logins). Given the act's open connection, the event is written in that transaction, so the
act and its audit commit or roll back together. ``AuditObserver`` is registered on every
Store and turns each :class:`~enlace.store.observe.ReadEvent` into a ``read.<kind>`` event:
staged at once, before the read returns, and chained soon after (:mod:`enlace.audit.pending`).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from enlace.audit.chain import append_many, sequence
from enlace.audit.event import entry
from enlace.audit.pending import stage
from enlace.sharing.policy import Principal
from enlace.store.observe import ReadEvent

if TYPE_CHECKING:
    from enlace.store.store import Store

SEQUENCE_EVERY = 250  # staged reads after which an observer chains what is staged

# The connection whose transaction holds the head lock in this thread, if any: a read made
# while that transaction is open is recorded in it rather than waiting for it (a deadlock).
_held = threading.local()


def record(store: Store, actor: Principal | None, action: str, subjects: Sequence[str] = (),
           detail: Mapping[str, Any] | None = None, conn: Connection | None = None) -> None:
    """Append one event: ``actor`` (None for the system) did ``action`` to ``subjects``.

    Subjects are ``kind:id`` strings (``document:…``, ``entity:…``, ``grant:…``,
    ``dissemination:…``); ``detail`` holds ids, queries and counts, never restricted
    content. With ``conn`` the event joins that open transaction."""
    item = entry(actor, action, subjects, detail)
    append_many(store, [item], conn)
    if conn is not None:
        _held.conn = conn


def held_connection(store: Store) -> Connection | None:
    """This thread's open transaction on ``store`` that already appended, if any."""
    conn: Connection | None = getattr(_held, "conn", None)
    if conn is None or conn.closed or not conn.in_transaction() or conn.engine is not store.engine:
        return None
    return conn


def read_entry_parts(event: ReadEvent) -> tuple[list[str], dict[str, Any]]:
    """The subjects and detail of a read: what was shown, and how much."""
    subjects = [f"entity:{e}" for e in event.entity_ids]
    subjects += [f"document:{d}" for d in event.document_ids]
    detail = {key: value for key, value in event.detail.items() if value is not None}
    detail["entities"] = len(event.entity_ids)
    detail["documents"] = len(event.document_ids)
    return subjects, detail


class AuditObserver:
    """Records every read a View of ``store`` reports; registered by ``Store()``.

    A read is staged in its own short transaction, or, when this thread's open transaction
    already holds the head lock, chained in that transaction (waiting would deadlock)."""

    def __init__(self, store: Store):
        self.store = store
        self._staged = 0  # reads this observer staged since it last chained
        self._lock = threading.Lock()

    def __call__(self, event: ReadEvent) -> None:
        subjects, detail = read_entry_parts(event)
        item = entry(event.principal, f"read.{event.action}", subjects, detail, at=event.at)
        held = held_connection(self.store)
        if held is not None:
            append_many(self.store, [item], held)
            return
        stage(self.store, item, event.conn)
        with self._lock:
            self._staged += 1
            due = self._staged >= SEQUENCE_EVERY
            if due:
                self._staged = 0
        if due:
            sequence(self.store, relaxed=True)

    def close(self) -> None:
        """Chain what this observer staged (the store is closing)."""
        with self._lock:
            staged, self._staged = self._staged, 0
        if staged:
            sequence(self.store, relaxed=True)
