"""Staged reads: each audited read is stored at once, and chained a little later.

A read must be in the log before its answer reaches the person, but chaining it then would
make every reader queue on the chain's head lock. So a read is first *staged*: one insert
into ``audit_pending``, committed before the View returns, with no lock taken (through the
read's own connection when the View hands it over: on PostgreSQL one round trip more than
the read, committed without waiting for the disk, as chained reads were).
Staged reads are then chained, oldest staging first, by whoever next takes the head lock:
every append (an audited write chains them before its own event, so the chain keeps the
order in which things happened), every few hundred staged reads, ``Store.close``, and
anyone who asks the log a question (who saw, export) — so nothing staged is ever missed.

Nothing is held in memory: a process killed at any point loses no read it answered. A
chained read keeps its time, actor, subjects and detail, plus ``"staged": id`` in its
detail. Each staged row carries the hash of its content, and ids come from a counter that
never hands one out twice, so verification (:mod:`enlace.audit.verify`) notices a staged
read that was altered, or deleted before it was chained: every id the counter issued must
be either still staged or named by exactly one chained event. The counter is the staged
reads' head, as ``audit_head`` is the chain's. One caveat, on PostgreSQL only: an insert
that fails after taking its id, or a server crash, leaves an id that no read holds, and
verification reports it as missing.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, insert, select, text

from enlace.audit.event import Entry, canonical, chain_hash, time_text
from enlace.audit.tables import audit_pending

if TYPE_CHECKING:
    from enlace.store.store import Store

PENDING = "pending"  # stands for the previous hash in a staged read's own hash
TAKE = 1000  # staged reads chained in one transaction at most
MARK = '"staged":'  # how a chained event's canonical detail names its staging id
_RELAXED = func.set_config("synchronous_commit", "off", True)
_STAGE = insert(audit_pending)
_STAGE_RELAXED = insert(audit_pending).returning(_RELAXED)


def content_hash(item: Entry | Any) -> str:
    """The hash a staged read carries: its content, with no previous event."""
    return chain_hash(PENDING, time_text(item.at), item.actor_id, item.actor, item.action,
                      item.subjects, item.detail)


def stage(store: Store, item: Entry, conn: Connection | None = None) -> None:
    """Store one read for chaining, committed before this returns; takes no lock. Given the
    read's own connection (no transaction of anyone else's open on it), the read's
    transaction commits with it: on PostgreSQL, one round trip more than the read alone."""
    row = {"at": item.at, "actor_id": item.actor_id, "actor": item.actor,
           "action": item.action, "subjects": item.subjects, "detail": item.detail,
           "hash": content_hash(item)}
    if conn is not None:
        _stage(conn, row)
        return
    with store.engine.connect() as own:
        _stage(own, row)


def _stage(conn: Connection, row: dict[str, Any]) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(_STAGE_RELAXED, row)  # like chained reads: no wait for the disk
    else:
        conn.execute(_STAGE, row)
    conn.commit()


def take(conn: Connection) -> tuple[list[Entry], bool]:
    """Remove up to TAKE staged reads, oldest first, as entries to chain; and whether more
    may remain. The caller holds the head lock. An altered row stays staged (skipped), for
    verification to report."""
    after = 0
    while True:
        rows = conn.execute(select(audit_pending).where(audit_pending.c.id > after)
                            .order_by(audit_pending.c.id).limit(TAKE)).all()
        sound = [row for row in rows if row.hash == content_hash(row)]
        if sound or len(rows) < TAKE:
            break
        after = rows[-1].id
    if sound:
        conn.execute(delete(audit_pending).where(audit_pending.c.id.in_([r.id for r in sound])))
    return [Entry(r.at, r.actor_id, r.actor, r.action, r.subjects, _staged(r.detail, r.id))
            for r in sound], len(rows) == TAKE


def _staged(detail: str, staged_id: int) -> str:
    return canonical({**json.loads(detail), "staged": staged_id})


def staged_id(action: str, detail: str) -> int | None:
    """The staging id a chained event names, if it was a staged read."""
    if not action.startswith("read.") or MARK not in detail:
        return None
    value = json.loads(detail).get("staged")
    return value if isinstance(value, int) else None


def issued(conn: Connection) -> int:
    """The highest staging id ever handed out (0 for none)."""
    if conn.dialect.name == "postgresql":
        found = conn.execute(text("SELECT CASE WHEN is_called THEN last_value ELSE 0 END "
                                  "FROM audit_pending_id_seq")).scalar()
    else:
        found = conn.execute(text("SELECT seq FROM sqlite_sequence "
                                  "WHERE name = 'audit_pending'")).scalar()
    return int(found or 0)


def staged_rows(conn: Connection, ids: Collection[int] | None = None) -> Sequence[Any]:
    """The reads still staged (or those of ``ids``), oldest first."""
    query = select(audit_pending).order_by(audit_pending.c.id)
    if ids is not None:
        query = query.where(audit_pending.c.id.in_(sorted(ids)))
    return conn.execute(query).all()
