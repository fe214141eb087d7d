"""Verification: every kind of tampering is detected, and the first bad event is named."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, update

from enlace.audit import entry, force_checkpoint, record
from enlace.audit import keys as audit_keys
from enlace.audit import verify as verify_module
from enlace.audit.checkpoint import message
from enlace.audit.event import chain_hash, time_text
from enlace.audit.tables import audit_checkpoint, audit_event, audit_head, audit_key
from enlace.audit.verify import MAX_PROBLEMS, Report, _add, verify
from enlace.sharing.policy import Principal
from enlace.store import Store

ANA = Principal(id=1, name="ana", clearance=3)


def log(store: Store, n: int) -> None:
    for i in range(1, n + 1):
        record(store, ANA, "read.entity", [f"entity:e{i}"], {"entities": 1})


def row(store: Store, seq: int) -> Any:
    with store.engine.connect() as conn:
        return conn.execute(select(audit_event).where(audit_event.c.seq == seq)).one()


def change(store: Store, statement: Any) -> None:
    with store.engine.begin() as conn:
        conn.execute(statement)


def set_head(store: Store, seq: int) -> None:
    """What a careful attacker does after cutting the tail: point the head at the new end."""
    last = row(store, seq)
    change(store, update(audit_head).values(seq=seq, hash=last.hash))


def first(report: Report) -> str:
    assert not report.ok and report.first is not None
    assert report.to_dict()["first_problem"] == str(report.first)
    return str(report.first)


def test_an_untouched_log_verifies(store: Store) -> None:
    assert verify(store).ok  # empty
    log(store, 5)
    force_checkpoint(store)
    report = verify(store)
    assert report.ok and report.events == 6 and report.checkpoints == 1
    assert report.to_dict()["problems"] == [] and report.first is None


@pytest.mark.parametrize(("column", "value"), [
    ("actor", "mallory"), ("action", "read.nothing"), ("subjects", '["entity:other"]'),
    ("detail", '{"entities":0}'), ("actor_id", 99), ("prev_hash", "f" * 64), ("hash", "e" * 64),
])
def test_an_altered_field_is_named(store: Store, column: str, value: object) -> None:
    log(store, 4)
    change(store, update(audit_event).where(audit_event.c.seq == 2).values({column: value}))
    text = first(verify(store))
    assert text.startswith("event 2 was altered") or text.startswith(
        "the chain breaks between events 2 and 3"), text


def test_an_altered_time_is_named(store: Store) -> None:
    log(store, 3)
    moved = row(store, 2).at.replace(year=2020)
    change(store, update(audit_event).where(audit_event.c.seq == 2).values(at=moved))
    assert first(verify(store)) == "event 2 was altered: its content does not match its hash"


def test_an_altered_and_rehashed_event_breaks_the_chain_after_it(store: Store) -> None:
    log(store, 4)
    old = row(store, 2)
    forged = chain_hash(old.prev_hash, time_text(old.at), old.actor_id, "mallory", old.action,
                        old.subjects, old.detail)
    change(store, update(audit_event).where(audit_event.c.seq == 2)
           .values(actor="mallory", hash=forged))
    assert first(verify(store)).startswith("the chain breaks between events 2 and 3")


def test_a_dropped_event_is_named(store: Store) -> None:
    log(store, 5)
    change(store, delete(audit_event).where(audit_event.c.seq == 3))
    report = verify(store)
    assert first(report) == "event 3 is missing: the log jumps from 2 to 4 (dropped events)"
    assert report.events == 4


def test_a_dropped_last_event_is_noticed_by_the_head(store: Store) -> None:
    log(store, 5)
    change(store, delete(audit_event).where(audit_event.c.seq == 5))
    assert first(verify(store)) == ("the log ends at event 4 but its head records event 5: "
                                    "events were cut from or added to the end")


def test_a_forged_event_with_a_wrong_hash(store: Store) -> None:
    log(store, 3)
    forged = entry(ANA, "read.entity", ["entity:invented"])
    change(store, insert(audit_event).values(
        seq=4, at=forged.at, actor_id=1, actor="ana", action="read.entity",
        subjects=forged.subjects, detail=forged.detail, prev_hash=row(store, 3).hash,
        hash="0" * 64))
    assert first(verify(store)).startswith("event 4 was altered")


def test_a_well_forged_event_at_the_end_is_noticed_by_the_head(store: Store) -> None:
    log(store, 3)
    forged = entry(ANA, "read.entity", ["entity:invented"])
    prev = row(store, 3).hash
    change(store, insert(audit_event).values(
        seq=4, at=forged.at, actor_id=1, actor="ana", action="read.entity",
        subjects=forged.subjects, detail=forged.detail, prev_hash=prev,
        hash=chain_hash(prev, time_text(forged.at), 1, "ana", "read.entity", forged.subjects,
                        forged.detail)))
    assert first(verify(store)).startswith("the log ends at event 4 but its head records "
                                           "event 3")


def test_a_forged_event_inserted_in_the_middle(store: Store) -> None:
    log(store, 4)
    force_checkpoint(store)  # signs event 4
    rows = [row(store, seq) for seq in (3, 4, 5)]
    change(store, delete(audit_event).where(audit_event.c.seq >= 3))
    with store.engine.begin() as conn:  # shift 3.. up by one and slip a forgery in at 3
        for old in rows:
            conn.execute(insert(audit_event).values({**old._mapping, "seq": old.seq + 1}))
        forged = entry(ANA, "read.entity", ["entity:invented"])
        prev = rows[0].prev_hash
        conn.execute(insert(audit_event).values(
            seq=3, at=forged.at, actor_id=1, actor="ana", action="read.entity",
            subjects=forged.subjects, detail=forged.detail, prev_hash=prev,
            hash=chain_hash(prev, time_text(forged.at), 1, "ana", "read.entity",
                            forged.subjects, forged.detail)))
    report = verify(store)
    assert first(report) == ("the chain breaks between events 3 and 4: an event was inserted, "
                             "moved or rewritten there")
    assert any("checkpoint 1 signed another event 4" in p for p in report.to_dict()["problems"])


def test_two_swapped_events_are_named(store: Store) -> None:
    log(store, 5)
    two, four = row(store, 2), row(store, 4)
    with store.engine.begin() as conn:
        conn.execute(delete(audit_event).where(audit_event.c.seq.in_([2, 4])))
        conn.execute(insert(audit_event).values({**four._mapping, "seq": 2}))
        conn.execute(insert(audit_event).values({**two._mapping, "seq": 4}))
    report = verify(store)
    assert first(report).startswith("the chain breaks between events 1 and 2")
    assert len(report.problems) >= 3  # 1|2, 2|3, 3|4 and 4|5 all break


def test_a_tail_cut_after_a_checkpoint_is_named(store: Store) -> None:
    log(store, 5)
    force_checkpoint(store)  # signs 5, announced at 6
    log(store, 2)  # 7, 8
    change(store, delete(audit_event).where(audit_event.c.seq >= 4))
    set_head(store, 3)
    assert first(verify(store)) == ("the log ends at event 3 but checkpoint 1 signed event 5: "
                                    "events after 3 were cut off")


def test_a_tail_cut_with_the_announcement_is_named(store: Store) -> None:
    log(store, 5)
    force_checkpoint(store)
    log(store, 2)
    change(store, delete(audit_event).where(audit_event.c.seq >= 6))
    set_head(store, 5)
    assert first(verify(store)) == ("checkpoint 1 is not announced in the chain: it was added "
                                    "afterwards")


@pytest.mark.parametrize("values", [
    {"signature": "00" * 64}, {"signature": "not hex"}, {"seq": 2},
    {"hash": "a" * 64}, {"number": 5},
])
def test_a_forged_checkpoint_is_named(store: Store, values: dict[str, object]) -> None:
    log(store, 3)
    force_checkpoint(store)
    change(store, update(audit_checkpoint).values(values))
    problems = verify(store).to_dict()["problems"]
    assert any("has a forged signature" in p for p in problems), problems


def test_a_deleted_checkpoint_is_named(store: Store) -> None:
    log(store, 2)
    force_checkpoint(store)  # 1 at 2, announced at 3
    force_checkpoint(store)  # 2 at 3, announced at 4
    change(store, delete(audit_checkpoint).where(audit_checkpoint.c.number == 1))
    assert first(verify(store)) == ("checkpoint 1 is missing: event 3 announces it, but no such "
                                    "checkpoint is stored")


def test_checkpoint_numbers_that_skip_are_named(store: Store) -> None:
    log(store, 2)
    for _ in range(3):
        force_checkpoint(store)
    change(store, delete(audit_checkpoint).where(audit_checkpoint.c.number == 2))
    change(store, update(audit_event).where(audit_event.c.seq == 4)
           .values(action="read.nothing"))  # hide its announcement too
    problems = verify(store).to_dict()["problems"]
    assert "checkpoint 2 is missing: the stored checkpoints skip from 1 to a later one" in problems


def test_a_checkpoint_added_with_another_key_is_named(store: Store, tmp_path: Path) -> None:
    log(store, 3)
    mallory = audit_keys.private_key(tmp_path / "mallory.pem")
    with store.engine.begin() as conn:
        key_id, fingerprint = audit_keys.register(conn, mallory)
        at = row(store, 3).at
        signature = mallory.sign(message(1, 3, row(store, 3).hash, at, fingerprint)).hex()
        conn.execute(insert(audit_checkpoint).values(
            number=1, seq=3, hash=row(store, 3).hash, signed_at=at, key_id=key_id,
            signature=signature))
    assert first(verify(store)) == ("checkpoint 1 is not announced in the chain: it was added "
                                    "afterwards")
    assert verify(store, trusted=["0" * 64]).to_dict()["problems"][-1].startswith(
        "checkpoint 1 is signed by key")


def test_a_checkpoint_naming_an_unknown_key(store: Store) -> None:
    log(store, 2)
    force_checkpoint(store)
    change(store, update(audit_checkpoint).values(key_id=99))
    assert "checkpoint 1 names key 99, which the store does not hold" in \
        verify(store).to_dict()["problems"]


def test_pinned_keys(store: Store) -> None:
    log(store, 2)
    signed = force_checkpoint(store)
    assert signed is not None
    assert verify(store, trusted=[signed["key"]]).ok
    text = first(verify(store, trusted=["0" * 64]))
    assert text.startswith("checkpoint 1 is signed by key") and "not a trusted key" in text


def test_a_rotated_key_keeps_old_checkpoints_valid(store: Store, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    log(store, 2)
    old = force_checkpoint(store)
    monkeypatch.setenv("ENLACE_AUDIT_KEY", str(tmp_path / "new" / "key.pem"))
    log(store, 2)
    new = force_checkpoint(store)
    assert old is not None and new is not None and old["key"] != new["key"]
    report = verify(store)
    assert report.ok and report.keys == sorted([old["key"], new["key"]])
    with store.engine.connect() as conn:
        assert len(conn.execute(select(audit_key)).all()) == 2


def test_problems_are_capped(store: Store) -> None:
    report = Report()
    for seq in range(MAX_PROBLEMS + 10):
        _add(report.problems, seq, "x")
    assert len(report.problems) == MAX_PROBLEMS


def test_an_announcement_without_a_number_announces_nothing(store: Store) -> None:
    log(store, 1)
    record(store, None, "audit.checkpoint", (), {"number": "one"})
    assert verify(store).ok


def test_a_deleted_head_is_named(store: Store) -> None:
    log(store, 3)
    change(store, delete(audit_head))
    assert first(verify(store)) == "the log's head record is missing"
    change(store, delete(audit_event))
    assert verify(store).ok  # an empty log needs no head


def test_a_signed_event_rewritten_with_the_chain_after_it_is_named(store: Store) -> None:
    log(store, 3)
    force_checkpoint(store)  # signs event 3, announced by event 4
    prev = row(store, 2).hash
    for seq in (3, 4):  # rewrite event 3 and re-chain event 4 onto it, hashes all consistent
        old = row(store, seq)
        detail = '{"entities":9}' if seq == 3 else old.detail
        new = chain_hash(prev, time_text(old.at), old.actor_id, old.actor, old.action,
                         old.subjects, detail)
        change(store, update(audit_event).where(audit_event.c.seq == seq).values(
            detail=detail, prev_hash=prev, hash=new))
        prev = new
    set_head(store, 4)
    assert first(verify(store)) == ("checkpoint 1 signed another event 3: event 3 was "
                                    "replaced")


def test_events_read_in_many_batches_verify_and_name_a_late_alteration(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify_module, "FETCH", 3)
    log(store, 10)
    assert verify(store).ok and verify(store).events == 10
    change(store, update(audit_event).where(audit_event.c.seq == 8).values(actor="mallory"))
    assert first(verify(store)) == "event 8 was altered: its content does not match its hash"


def test_a_reader_that_stops_early_leaves_no_fetching_thread(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify_module, "FETCH", 2)
    log(store, 12)
    rows = verify_module._rows(store)
    assert next(rows)[0] == 1
    rows.close()
    assert not [t for t in threading.enumerate() if t.name == "enlace-audit-verify"]


def test_a_failed_fetch_is_raised_in_the_reading_thread() -> None:
    class Broken:
        def fetchmany(self, size: int) -> list[tuple[Any, ...]]:
            raise OSError("server closed the connection")

    with pytest.raises(OSError, match="server closed"):
        list(verify_module._prefetched(Broken()))
