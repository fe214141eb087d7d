"""Recording one event, and watching every View read so that it becomes one.

``record`` is what other areas call for their acts (label changes, grants, disseminations,
logins). Given the act's open connection, the event is written in that transaction, so the
act and its audit commit or roll back together. ``AuditObserver`` is registered on every
Store and turns each :class:`~enlace.store.observe.ReadEvent` into a ``read.<kind>`` event.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from enlace.audit.chain import append_many
from enlace.audit.event import entry
from enlace.sharing.policy import Principal
from enlace.store.observe import ReadEvent

if TYPE_CHECKING:
    from enlace.store.store import Store

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
    """Records every read a View of ``store`` reports; registered by ``Store()``."""

    def __init__(self, store: Store):
        self.store = store

    def __call__(self, event: ReadEvent) -> None:
        subjects, detail = read_entry_parts(event)
        item = entry(event.principal, f"read.{event.action}", subjects, detail, at=event.at)
        append_many(self.store, [item], held_connection(self.store), relaxed=True)
