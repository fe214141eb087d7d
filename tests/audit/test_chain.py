"""Appending: events chain onto one another, in their act's transaction, and checkpoint."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import delete, select

from enlace.audit import AuditEvent, append_many, entry, force_checkpoint, record
from enlace.audit.chain import ONE_STATEMENT
from enlace.audit.event import GENESIS, chain_hash, time_text
from enlace.audit.tables import audit_checkpoint, audit_event, audit_head
from enlace.audit.verify import verify
from enlace.exceptions import InvalidData
from enlace.sharing.policy import Principal
from enlace.store import Store

from .conftest import events

ANA = Principal(id=7, name="ana", clearance=3)


def stored(store: Store) -> list[AuditEvent]:
    with store.engine.connect() as conn:
        return [AuditEvent.from_row(r) for r in
                conn.execute(select(audit_event).order_by(audit_event.c.seq))]


def test_record_chains_events_from_genesis(store: Store) -> None:
    record(store, ANA, "read.entity", ["entity:p-1", "document:d1"], {"entities": 1})
    record(store, None, "system.start")
    first, second = stored(store)
    assert (first.seq, first.actor_id, first.actor, first.action) == (1, 7, "ana", "read.entity")
    assert first.subjects == ("entity:p-1", "document:d1") and first.detail == {"entities": 1}
    assert first.prev_hash == GENESIS and second.prev_hash == first.hash
    assert (second.actor, second.actor_id, second.subjects, second.detail) == (
        "system", None, (), {})
    assert first.hash == chain_hash(GENESIS, time_text(first.at), 7, "ana", "read.entity",
                                    '["entity:p-1","document:d1"]', '{"entities":1}')
    assert first.to_dict()["at"] == first.at.isoformat()
    with store.engine.connect() as conn:
        head = conn.execute(select(audit_head)).one()
    assert (head.seq, head.hash) == (2, second.hash)


def test_with_a_connection_the_event_commits_or_rolls_back_with_the_act(store: Store) -> None:
    with pytest.raises(RuntimeError), store.engine.begin() as conn:
        record(store, ANA, "grant.create", ["document:d1"], conn=conn)
        raise RuntimeError("the act fails")
    assert events(store) == []
    with store.engine.begin() as conn:
        record(store, ANA, "grant.create", ["document:d1"], conn=conn)
    assert [e["action"] for e in events(store)] == ["grant.create"]
    assert verify(store).ok


def test_append_many_is_one_chain_and_empty_batches_change_nothing(store: Store) -> None:
    assert append_many(store, []) == 0
    batch = [entry(ANA, "read.search", [f"document:d{i}"], {"query": "lavado", "hits": i})
             for i in range(250)]
    assert append_many(store, batch) == 250
    assert append_many(store, batch[:5]) == 255
    assert append_many(store, []) == 255
    report = verify(store)
    assert report.ok and report.events == 255 and report.last_seq == 255


def test_a_large_batch_keeps_awkward_text_and_rolls_back_with_its_act(store: Store) -> None:
    """Past ONE_STATEMENT events PostgreSQL takes the batch by COPY: tabs, newlines,
    backslashes and accents must arrive as hashed, and the act's rollback must undo it."""
    awkward = {"query": "a\tb\nc\\N \\. ñandú «x»", "none": None, "empty": ""}
    batch = [entry(ANA if i % 2 else None, "read.search", [f"document:d\\{i}"], awkward)
             for i in range(ONE_STATEMENT + 20)]
    with pytest.raises(RuntimeError), store.engine.begin() as conn:
        append_many(store, batch, conn)
        raise RuntimeError("the act fails")
    assert stored(store) == []
    assert append_many(store, batch) == len(batch)
    kept = stored(store)
    assert [e.detail for e in kept] == [awkward] * len(batch)
    assert kept[1].subjects == ("document:d\\1",) and kept[0].actor_id is None
    assert verify(store).ok


def test_details_are_canonical_and_plain(store: Store) -> None:
    moment = datetime(2026, 1, 2, 3, 4, 5)
    record(store, ANA, "grant.create", ["document:d1"],
           {"b": 1, "a": {"z": [1, 2]}, "until": moment, "to": {"FGR", "DEA"}})
    with store.engine.connect() as conn:
        detail = conn.execute(select(audit_event.c.detail)).scalar_one()
    assert detail == '{"a":{"z":[1,2]},"b":1,"to":["DEA","FGR"],"until":"2026-01-02T03:04:05"}'


@pytest.mark.parametrize(("action", "subjects", "detail", "message"), [
    ("", [], {}, "1 to 64 characters"),
    ("x" * 65, [], {}, "1 to 64 characters"),
    ("read.entity", ["p-salas"], {}, "kind:id"),
    ("read.entity", ["Document:1"], {}, "kind:id"),
    ("read.entity", [3], {}, "kind:id"),
    ("read.entity", [], {"text": "x" * 2001}, "not text of 2001 characters"),
    ("read.entity", [], {"pages": [{"text": "y" * 5000}]}, "not text"),
    ("read.entity", [], {"blob": b"raw"}, "cannot hold a bytes"),
])
def test_bad_events_are_refused(store: Store, action: str, subjects: list[object],
                                detail: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidData, match=message):
        record(store, ANA, action, subjects, detail)  # type: ignore[arg-type]
    assert events(store) == []


def test_a_lost_head_restarts_from_the_last_event(store: Store) -> None:
    record(store, ANA, "read.entity", ["entity:a"])
    record(store, ANA, "read.entity", ["entity:b"])
    with store.engine.begin() as conn:
        conn.execute(delete(audit_head))
    assert not verify(store).ok  # a missing head is itself reported
    record(store, ANA, "read.entity", ["entity:c"])
    report = verify(store)
    assert report.ok and report.events == 3


def test_checkpoints_every_n_events(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENLACE_AUDIT_CHECKPOINT_EVERY", "3")
    for i in range(7):
        record(store, ANA, "read.entity", [f"entity:e{i}"])
    with store.engine.connect() as conn:
        marks = conn.execute(select(audit_checkpoint).order_by(audit_checkpoint.c.number)).all()
    # after events 3 and 7 (7 = 3 user events after the announcement at 4)
    assert [(m.number, m.seq) for m in marks] == [(1, 3), (2, 7)]
    kinds = [e["action"] for e in events(store)]
    assert kinds.count("audit.checkpoint") == 2 and kinds[3] == "audit.checkpoint"
    assert verify(store).ok


def test_a_checkpoint_on_demand(store: Store) -> None:
    assert force_checkpoint(store) is None  # nothing to sign yet
    record(store, ANA, "read.entity", ["entity:a"])
    signed = force_checkpoint(store)
    assert signed is not None and signed["number"] == 1 and signed["seq"] == 1
    assert signed["hash"] == stored(store)[0].hash and len(signed["key"]) == 64
    again = force_checkpoint(store)
    assert again is not None and again["number"] == 2 and again["seq"] == 2
    report = verify(store)
    assert report.ok and report.checkpoints == 2 and report.keys == [signed["key"]]


def test_a_head_rebuilt_after_checkpoints_continues_their_numbering(store: Store) -> None:
    record(store, ANA, "read.entity", ["entity:a"])
    force_checkpoint(store)
    with store.engine.begin() as conn:
        conn.execute(delete(audit_head))
    signed = force_checkpoint(store)
    assert signed is not None and signed["number"] == 2
    report = verify(store)
    assert report.ok, report.first
