"""The persistent key index, brought up to date incrementally and resumably.

A run indexes only the entities that gained statements since the high-water mark (the
``first_seen`` of the newest statement already indexed). It fixes its target (the newest
statement at its start), walks the affected entities in id order in chunks, and commits
each chunk with its progress, so an interrupted run resumes after the last chunk it
committed, and re-indexing an entity replaces its keys instead of adding to them.
Indexing reads every statement: it is a system process, and its output never reaches a
person except through :mod:`enlace.xref.discovery`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Any, TypeVar

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy import update as sql_update

from enlace.clock import utcnow
from enlace.model.entity import Entity
from enlace.model.statement import Statement
from enlace.store import Store
from enlace.store.tables import statement
from enlace.store.view import STATEMENT_COLUMNS
from enlace.xref.keys import record_keys
from enlace.xref.record import record_from_entity
from enlace.xref.tables import xref_entity, xref_key, xref_state, xref_term

log = logging.getLogger(__name__)
STATE = "index"
BATCH = 500  # bound parameters per IN list (SQLite allows 999 in old builds)
T = TypeVar("T")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IndexRun:
    """What one call to :func:`update` did."""

    entities: int  # entities indexed by this call
    total: int  # entities the run had to index (this call and earlier, interrupted ones)
    resumed: bool
    mark: datetime | None


def batches(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def state(conn: Connection) -> Any:
    row = conn.execute(select(xref_state).where(xref_state.c.name == STATE)).first()
    if row is None:
        conn.execute(insert(xref_state).values(name=STATE, done=0, total=0))
        row = conn.execute(select(xref_state).where(xref_state.c.name == STATE)).one()
    return row


def _since(mark: datetime | None, target: datetime) -> Any:
    window = statement.c.first_seen <= target
    return window if mark is None else window & (statement.c.first_seen > mark)


def _start(conn: Connection) -> tuple[Any, bool]:
    """The run in progress, or a new one up to the newest statement; and whether resumed."""
    row = state(conn)
    if row.target is not None:
        return row, True
    newest = select(func.max(statement.c.first_seen))
    if row.mark is not None:
        newest = newest.where(statement.c.first_seen > row.mark)
    target = conn.execute(newest).scalar()
    if target is None:
        return row, False
    total = conn.execute(select(func.count(statement.c.entity_id.distinct()))
                         .where(_since(row.mark, target))).scalar_one()
    conn.execute(sql_update(xref_state).where(xref_state.c.name == STATE).values(
        target=target, cursor=None, done=0, total=total, started_at=utcnow(),
        finished_at=None))
    return state(conn), False


def _entities(conn: Connection, ids: Sequence[str]) -> list[Entity]:
    query = (select(*STATEMENT_COLUMNS).where(statement.c.entity_id.in_(ids))
             .order_by(statement.c.entity_id))
    rows = conn.execute(query)
    return [Entity.from_statements(eid, (Statement.from_row(r) for r in group))
            for eid, group in groupby(rows, key=lambda r: r.entity_id)]


def _index_chunk(conn: Connection, ids: Sequence[str]) -> None:
    old = set(conn.execute(select(xref_key.c.key).where(xref_key.c.entity_id.in_(ids)))
              .scalars())
    conn.execute(delete(xref_key).where(xref_key.c.entity_id.in_(ids)))
    conn.execute(delete(xref_entity).where(xref_entity.c.entity_id.in_(ids)))
    rows: list[dict[str, Any]] = []
    indexed: list[dict[str, Any]] = []
    now = utcnow()
    for entity in _entities(conn, ids):
        record = record_from_entity(entity)
        if record is None:
            continue
        indexed.append({"entity_id": entity.id, "kind": record.kind, "indexed_at": now})
        keys: dict[str, float] = {}
        for key, weight in record_keys(record).items():
            keys.setdefault(key[:255], weight)
        rows.extend({"key": k, "entity_id": entity.id, "weight": w} for k, w in keys.items())
    if rows:
        conn.execute(insert(xref_key), rows)
    if indexed:
        conn.execute(insert(xref_entity), indexed)
    _recount(conn, sorted(old | {r["key"] for r in rows}))


def _recount(conn: Connection, keys: Sequence[str]) -> None:
    for part in batches(keys):
        conn.execute(delete(xref_term).where(xref_term.c.key.in_(part)))
        counts = (select(xref_key.c.key, func.count().label("df"))
                  .where(xref_key.c.key.in_(part)).group_by(xref_key.c.key))
        conn.execute(insert(xref_term).from_select(["key", "df"], counts))


def update(store: Store, chunk: int = BATCH, progress: Progress | None = None,
           stop_after: int | None = None) -> IndexRun:
    """Index what changed since the last run; ``stop_after`` chunks simulate a stop."""
    with store.engine.begin() as conn:
        row, resumed = _start(conn)
    if row.target is None:
        return IndexRun(0, 0, False, row.mark)
    done, cursor, chunks = 0, row.cursor, 0
    while stop_after is None or chunks < stop_after:
        with store.engine.begin() as conn:
            query = (select(statement.c.entity_id).distinct()
                     .where(_since(row.mark, row.target)).order_by(statement.c.entity_id)
                     .limit(chunk))
            if cursor is not None:
                query = query.where(statement.c.entity_id > cursor)
            ids = list(conn.execute(query).scalars())
            if not ids:
                conn.execute(sql_update(xref_state).where(xref_state.c.name == STATE).values(
                    mark=row.target, target=None, cursor=None, finished_at=utcnow()))
                return IndexRun(done, row.total, resumed, row.target)
            _index_chunk(conn, ids)
            cursor = ids[-1]
            done += len(ids)
            conn.execute(sql_update(xref_state).where(xref_state.c.name == STATE).values(
                cursor=cursor, done=xref_state.c.done + len(ids)))
        chunks += 1
        if progress is not None:
            progress(row.done + done, row.total)
    return IndexRun(done, row.total, resumed, row.mark)


def status(store: Store) -> dict[str, Any]:
    """The index's size, high-water mark, pending statements and any run in progress."""
    with store.engine.begin() as conn:
        row = state(conn)
        pending = select(func.count()).select_from(statement)
        if row.mark is not None:
            pending = pending.where(statement.c.first_seen > row.mark)
        return {
            "entities": conn.execute(select(func.count()).select_from(xref_entity)).scalar_one(),
            "keys": conn.execute(select(func.count()).select_from(xref_term)).scalar_one(),
            "mark": row.mark.isoformat() if row.mark else None,
            "pending_statements": conn.execute(pending).scalar_one(),
            "running": row.target is not None,
            "done": row.done, "total": row.total,
            "started_at": row.started_at.isoformat() if row.started_at else None,
            "finished_at": row.finished_at.isoformat() if row.finished_at else None,
        }
