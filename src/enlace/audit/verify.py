"""Verification: recompute the chain, check every checkpoint, name the first bad event.

One pass over the events in sequence order checks that numbers run 1, 2, 3… with no gap,
that each event's hash matches its content and that each links to the one before. The
checkpoints are then matched against the events they sign, their signatures checked with
the public keys in the store (or only the keys an auditor pins), and every
``audit.checkpoint`` announcement in the chain must have its checkpoint row. Reads still
staged (:mod:`enlace.audit.pending`) must match their hashes, and every staging id ever
issued must be either still staged or chained exactly once. Problems are reported in
sequence order, the first one named.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from hashlib import sha256
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, select

from enlace.audit import checkpoint as checkpoints
from enlace.audit import keys, pending
from enlace.audit.checkpoint import Checkpoint
from enlace.audit.event import GENESIS
from enlace.audit.tables import audit_checkpoint, audit_event, audit_head, audit_key

if TYPE_CHECKING:
    from enlace.store.store import Store

MAX_PROBLEMS = 50
FETCH = 20_000  # events per round trip on PostgreSQL


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the log: where (an event's seq, or a checkpoint) and what."""

    seq: int
    what: str

    def __str__(self) -> str:
        return self.what


@dataclass
class Report:
    """The outcome of a verification."""

    events: int = 0
    checkpoints: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS
    keys: list[str] = field(default_factory=list)
    pending: int = 0  # reads staged, not yet chained
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.seq) if self.problems else None

    def to_dict(self) -> dict[str, Any]:
        first = self.first
        return {"ok": self.ok, "events": self.events, "checkpoints": self.checkpoints,
                "last_seq": self.last_seq, "last_hash": self.last_hash, "keys": self.keys,
                "pending": self.pending,
                "first_problem": str(first) if first else None,
                "problems": [str(p) for p in sorted(self.problems, key=lambda p: p.seq)]}


def verify(store: Store, trusted: Collection[str] = ()) -> Report:
    """Check the whole log; ``trusted`` pins the key fingerprints checkpoints may use."""
    report = Report()
    with store.engine.connect() as conn:
        issued = pending.issued(conn)  # first: every id below it is staged or chained by now
        staged = pending.staged_rows(conn)
        marks = [Checkpoint.from_row(r) for r in conn.execute(
            select(audit_checkpoint).order_by(audit_checkpoint.c.number))]
        public = {r.id: (r.fingerprint, r.public_key) for r in conn.execute(select(audit_key))}
        head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).first()
        by_seq: dict[int, list[Checkpoint]] = {}
        for mark in marks:
            by_seq.setdefault(mark.seq, []).append(mark)
        chained: dict[int, list[int]] = {}
        announced = _check_events(report, _rows(store), by_seq, chained)
        _check_staged(report, conn, issued, staged, chained)
    report.checkpoints = len(marks)
    _check_checkpoints(report, marks, public, announced, set(trusted))
    _check_head(report, head)
    return report


def _rows(store: Store) -> Iterator[tuple[Any, ...]]:
    """Every event as a plain tuple, its time already written as hashed (see
    :func:`~enlace.audit.event.time_text`); straight from the driver, for speed.

    On PostgreSQL a thread fetches the next batch while this one is being hashed, so the
    server's work and ours overlap instead of taking turns."""
    with store.engine.connect() as conn:
        raw: Any = conn.connection.dbapi_connection
        if store.backend == "postgresql":
            cursor = raw.cursor(name="enlace_audit_verify")  # server side: streamed
            at = """to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.US')"""
        else:  # SQLAlchemy keeps SQLite times as 'YYYY-MM-DD HH:MM:SS.ffffff'
            cursor = raw.cursor()
            at = "replace(at, ' ', 'T')"
        try:
            cursor.execute(f"SELECT seq, {at}, actor_id, actor, action, subjects, detail, "
                           f"prev_hash, hash FROM {audit_event.name} ORDER BY seq")
            if store.backend == "postgresql":
                for batch in _prefetched(cursor):
                    yield from batch
            else:
                yield from cursor
        finally:
            cursor.close()


def _prefetched(cursor: Any) -> Iterator[list[tuple[Any, ...]]]:
    """``cursor``'s rows in batches of FETCH, the next fetched by a thread meanwhile."""
    batches: queue.Queue[list[tuple[Any, ...]] | BaseException] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def fetch() -> None:
        try:
            while not stop.is_set():
                batch = cursor.fetchmany(FETCH)
                _put(batches, batch, stop)
                if not batch:
                    return
        except BaseException as error:  # handed over, raised in the reading thread
            _put(batches, error, stop)

    thread = threading.Thread(target=fetch, name="enlace-audit-verify", daemon=True)
    thread.start()
    try:
        while True:
            batch = batches.get()
            if isinstance(batch, BaseException):
                raise batch
            if not batch:
                return
            yield batch
    finally:
        stop.set()
        thread.join()


def _put(batches: queue.Queue[Any], item: Any, stop: threading.Event) -> None:
    """Queue ``item`` unless the reader has stopped (then the thread just ends)."""
    while not stop.is_set():
        try:
            batches.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


def _check_events(report: Report, rows: Iterator[tuple[Any, ...]],
                  by_seq: dict[int, list[Checkpoint]],
                  chained: dict[int, list[int]]) -> dict[int, int]:
    """The chain pass; returns the checkpoint numbers the chain announces, with their seq,
    and fills ``chained`` with the staging ids of chained reads (id -> seqs)."""
    expected, prev, announced = 1, GENESIS, {}
    problems = report.problems
    count = 0
    for seq, at, actor_id, actor, action, subjects, detail, prev_hash, hash_ in rows:
        if seq != expected:
            _add(problems, expected, f"event {expected} is missing: the log jumps from "
                                     f"{expected - 1} to {seq} (dropped events)")
        body = (f"{prev_hash}|{at}|{'' if actor_id is None else actor_id}|{len(actor)}:{actor}|"
                f"{len(action)}:{action}|{len(subjects)}:{subjects}|{len(detail)}:{detail}")
        if sha256(body.encode()).hexdigest() != hash_:  # chain_hash, inlined for speed
            _add(problems, seq, f"event {seq} was altered: its content does not match its "
                                f"hash")
        elif prev_hash != prev:
            _add(problems, seq - 1, f"the chain breaks between events {seq - 1} and {seq}: "
                                    f"an event was inserted, moved or rewritten there")
        if seq in by_seq:
            for mark in by_seq[seq]:
                if mark.hash != hash_:
                    _add(problems, seq, f"checkpoint {mark.number} signed another event "
                                        f"{seq}: event {seq} was replaced")
        if action == checkpoints.ACTION:
            number = json.loads(detail).get("number")
            if isinstance(number, int):
                announced[number] = seq
        elif pending.MARK in detail:
            staged_id = pending.staged_id(action, detail)
            if staged_id is not None:
                chained.setdefault(staged_id, []).append(seq)
        prev, expected = hash_, seq + 1
        count += 1
    report.events, report.last_seq, report.last_hash = count, expected - 1, prev
    return announced


def _check_staged(report: Report, conn: Connection, issued: int, staged: Sequence[Any],
                  chained: dict[int, list[int]]) -> None:
    """Staged reads: unaltered, and every issued id staged or chained exactly once."""
    at_end = report.last_seq + 1
    for staged_id, seqs in sorted(chained.items()):
        if len(seqs) > 1:
            _add(report.problems, seqs[1], f"staged read {staged_id} was chained more than "
                                           f"once (events {', '.join(map(str, seqs))})")
    held = {row.id: row for row in staged}
    missing = set(range(1, issued + 1)).difference(held, chained)
    both = set(held).intersection(chained)
    if missing or both:  # staged or chained while the chain was being read: look again
        conn.rollback()  # a fresh snapshot
        again = {row.id: row for row in pending.staged_rows(conn, missing | both)}
        held = {i: row for i, row in held.items() if i not in both} | again
        missing.difference_update(again)
    report.pending = len(held)
    for staged_id, row in sorted(held.items()):
        if row.hash != pending.content_hash(row):
            _add(report.problems, at_end, f"staged read {staged_id} was altered: its content "
                                          f"does not match its hash")
        if staged_id in chained:
            _add(report.problems, at_end, f"staged read {staged_id} is both staged and "
                                          f"chained: it was copied back or forged")
    for first, last in _runs(sorted(missing)):
        ids = f"read {first} is" if first == last else f"reads {first} to {last} are"
        _add(report.problems, at_end, f"staged {ids} missing: deleted before being chained")
    beyond = max([*held, *chained], default=0)
    if beyond > issued:
        _add(report.problems, at_end, f"staged read {beyond} lies beyond the staging "
                                      f"counter ({issued}): the counter was set back")


def _runs(ids: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive runs of sorted ``ids``, as (first, last)."""
    start = None
    for position, value in enumerate(ids):
        if start is None:
            start = value
        if position + 1 == len(ids) or ids[position + 1] != value + 1:
            yield start, value
            start = None


def _check_checkpoints(report: Report, marks: list[Checkpoint],
                       public: dict[int, tuple[str, str]], announced: dict[int, int],
                       trusted: set[str]) -> None:
    loaded: dict[int, Ed25519PublicKey] = {}
    numbers = {mark.number for mark in marks}
    for number, seq in sorted(announced.items()):
        if number not in numbers:
            _add(report.problems, seq, f"checkpoint {number} is missing: event {seq} "
                                       f"announces it, but no such checkpoint is stored")
    later = {mark.number: mark.seq for mark in marks}
    for number in range(1, max(numbers, default=0)):
        if number not in numbers and number not in announced:
            seq = min(s for n, s in later.items() if n > number)
            _add(report.problems, seq, f"checkpoint {number} is missing: the stored "
                                       f"checkpoints skip from {number - 1} to a later one")
    for mark in marks:
        if mark.seq > report.last_seq:
            _add(report.problems, report.last_seq + 1,
                 f"the log ends at event {report.last_seq} but checkpoint {mark.number} "
                 f"signed event {mark.seq}: events after {report.last_seq} were cut off")
        if mark.number not in announced:
            _add(report.problems, mark.seq, f"checkpoint {mark.number} is not announced in "
                                            f"the chain: it was added afterwards")
        _check_signature(report, mark, public, loaded, trusted)
    report.keys = sorted({public[m.key_id][0] for m in marks if m.key_id in public})


def _check_signature(report: Report, mark: Checkpoint, public: dict[int, tuple[str, str]],
                     loaded: dict[int, Ed25519PublicKey], trusted: set[str]) -> None:
    if mark.key_id not in public:
        _add(report.problems, mark.seq, f"checkpoint {mark.number} names key {mark.key_id}, "
                                        f"which the store does not hold")
        return
    fingerprint, pem = public[mark.key_id]
    if trusted and fingerprint not in trusted:
        _add(report.problems, mark.seq, f"checkpoint {mark.number} is signed by key "
                                        f"{fingerprint[:16]}…, which is not a trusted key")
    if mark.key_id not in loaded:
        loaded[mark.key_id] = keys.load_public(pem)
    body = checkpoints.message(mark.number, mark.seq, mark.hash, mark.signed_at, fingerprint)
    try:
        signature = bytes.fromhex(mark.signature)
    except ValueError:
        signature = b""
    if not keys.verifies(loaded[mark.key_id], signature, body):
        _add(report.problems, mark.seq, f"checkpoint {mark.number} has a forged signature: "
                                        f"it does not verify with key {fingerprint[:16]}…")


def _check_head(report: Report, head: Any) -> None:
    if head is None:
        if report.events:
            _add(report.problems, report.last_seq + 1, "the log's head record is missing")
        return
    if (head.seq, head.hash) != (report.last_seq, report.last_hash):
        _add(report.problems, min(head.seq, report.last_seq) + 1,
             f"the log ends at event {report.last_seq} but its head records event {head.seq}: "
             f"events were cut from or added to the end")


def _add(problems: list[Problem], seq: int, what: str) -> None:
    if len(problems) < MAX_PROBLEMS:
        problems.append(Problem(seq, what))
