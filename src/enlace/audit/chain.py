"""Appending to the chain: lock the head, hash each event onto the last, insert, move on.

Every append first updates the one-row ``audit_head``. On PostgreSQL that row lock, and on
SQLite the database write lock that the update takes, make concurrent appenders wait their
turn, so two of them can never chain onto the same event. A batch (``append_many``) pays for
the lock and the round trips once. Given a connection, the events join that transaction and
commit or roll back with the act they record.

Every append first chains the reads staged since the last one (see
:mod:`enlace.audit.pending`), so the chain keeps the order in which things happened;
``sequence`` chains them on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Update, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from enlace import settings
from enlace.audit import checkpoint, pending
from enlace.audit.event import GENESIS, SYSTEM, Entry, canonical, chain_hash, time_text
from enlace.audit.tables import audit_checkpoint, audit_event, audit_head
from enlace.clock import utcnow

if TYPE_CHECKING:
    from enlace.store.store import Store

ONE_STATEMENT = 100  # at most this many events go in one statement with the head's update
COPIED = ("seq", "at", "actor_id", "actor", "action", "subjects", "detail", "prev_hash", "hash")
HEAD_COLUMNS = (audit_head.c.seq, audit_head.c.hash, audit_head.c.checkpoint_seq,
                audit_head.c.checkpoints)


def append_many(store: Store, entries: Sequence[Entry], conn: Connection | None = None,
                relaxed: bool = False) -> int:
    """Append ``entries`` in order; returns the sequence number of the last event.

    ``relaxed`` (only without ``conn``) lets PostgreSQL acknowledge the commit before its
    WAL reaches disk: the chain stays whole, a server crash may lose the last instants."""
    if conn is not None:
        return _append(conn, entries)[0]
    with store.engine.connect() as own:
        with own.begin():
            last = _append(own, entries, relaxed)[0]
        return last


def sequence(store: Store, relaxed: bool = False) -> int:
    """Chain every read staged so far; returns the sequence number of the last event."""
    with store.engine.connect() as own:
        while True:
            with own.begin():
                last, more = _append(own, [], relaxed)
            if not more:
                return last


def force_checkpoint(store: Store) -> dict[str, Any] | None:
    """Sign a checkpoint at the current end of the log (None when the log is empty)."""
    with store.engine.begin() as conn:
        seq, hash_, _, number = _lock_head(conn)
        if seq == 0:
            return None
        return _checkpoint(conn, seq, hash_, number)


def _append(conn: Connection, entries: Sequence[Entry],
            relaxed: bool = False) -> tuple[int, bool]:
    """Chain the staged reads, then ``entries``: (the last seq, whether more are staged)."""
    seq, prev, checkpoint_seq, number = _lock_head(conn, relaxed)
    staged, more = pending.take(conn)
    entries = [*staged, *entries]
    if not entries:
        return seq, more
    rows = []
    for item in entries:
        seq += 1
        hash_ = chain_hash(prev, time_text(item.at), item.actor_id, item.actor, item.action,
                           item.subjects, item.detail)
        rows.append({"seq": seq, "at": item.at, "actor_id": item.actor_id, "actor": item.actor,
                     "action": item.action, "subjects": item.subjects, "detail": item.detail,
                     "prev_hash": prev, "hash": hash_})
        prev = hash_
    every = settings.audit_checkpoint_every()
    if every > 0 and seq - checkpoint_seq >= every:
        _insert(conn, rows)
        _checkpoint(conn, seq, prev, number)
    elif len(rows) <= ONE_STATEMENT and conn.dialect.name == "postgresql":
        # one round trip: the insert rides along with the head's update
        appended = insert(audit_event).values(rows).cte("appended")
        conn.execute(_move(seq, prev, checkpoint_seq, number).add_cte(appended))
    else:
        _insert(conn, rows)
        conn.execute(_move(seq, prev, checkpoint_seq, number))
    return seq, more


def _insert(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert chained events; on PostgreSQL a batch streams in by ``COPY``, in the same
    transaction, several times faster than one ``INSERT`` per row."""
    if conn.dialect.name != "postgresql" or len(rows) <= ONE_STATEMENT:
        conn.execute(insert(audit_event), rows)
        return
    raw: Any = conn.connection.dbapi_connection
    columns = ", ".join(COPIED)
    with raw.cursor() as cursor, cursor.copy(
            f"COPY {audit_event.name} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[name] for name in COPIED])


def _checkpoint(conn: Connection, seq: int, hash_: str, number: int) -> dict[str, Any]:
    """Sign (seq, hash), then announce it with an event chained right after."""
    detail = checkpoint.sign(conn, number + 1, seq, hash_)
    at = utcnow()
    subjects, body = canonical([]), canonical(detail)
    announced = chain_hash(hash_, time_text(at), None, SYSTEM, checkpoint.ACTION, subjects, body)
    conn.execute(insert(audit_event).values(
        seq=seq + 1, at=at, actor_id=None, actor=SYSTEM, action=checkpoint.ACTION,
        subjects=subjects, detail=body, prev_hash=hash_, hash=announced))
    conn.execute(_move(seq + 1, announced, seq + 1, number + 1))
    return detail


def _lock_head(conn: Connection, relaxed: bool = False) -> tuple[int, str, int, int]:
    """Take the head's lock and read it: (seq, hash, last checkpoint's seq, checkpoints).

    ``relaxed`` on PostgreSQL also turns off synchronous commit for this transaction, in
    the same round trip."""
    lock = (update(audit_head).where(audit_head.c.id == 1)
            .values(seq=audit_head.c.seq).returning(*HEAD_COLUMNS))
    if relaxed and conn.dialect.name == "postgresql":
        lock = lock.returning(func.set_config("synchronous_commit", "off", True))
    row = conn.execute(lock).first()
    if row is None:
        _create_head(conn)
        row = conn.execute(lock).one()
    return int(row.seq), str(row.hash), int(row.checkpoint_seq), int(row.checkpoints)


def _create_head(conn: Connection) -> None:
    """Start the head at the log's last event (or the genesis hash for an empty log)."""
    last = conn.execute(select(audit_event.c.seq, audit_event.c.hash)
                        .order_by(audit_event.c.seq.desc()).limit(1)).first()
    number = conn.execute(select(func.count()).select_from(audit_checkpoint)).scalar_one()
    values = {"id": 1, "seq": last.seq if last else 0, "hash": last.hash if last else GENESIS,
              "checkpoint_seq": last.seq if last else 0, "checkpoints": int(number)}
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(audit_head).values(**values).on_conflict_do_nothing())


def _move(seq: int, hash_: str, checkpoint_seq: int, number: int) -> Update:
    """The statement that moves the head to event ``seq``."""
    return update(audit_head).where(audit_head.c.id == 1).values(
        seq=seq, hash=hash_, checkpoint_seq=checkpoint_seq, checkpoints=number)
