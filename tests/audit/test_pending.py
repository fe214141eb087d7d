"""Staged reads: in the log before the read returns, seen by who-saw at once, kept through a
close or a kill, chained in order, and checked by verification like chained events."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, text, update

from enlace.audit import pending, record
from enlace.audit.chain import sequence
from enlace.audit.sighting import who_saw
from enlace.audit.tables import audit_event, audit_pending
from enlace.audit.verify import verify
from enlace.store import Store

from .conftest import World, actions

record_module = importlib.import_module("enlace.audit.record")  # the name is also a function
KILLED = """
import os, signal, sys
from enlace.store import Store

store = Store(sys.argv[1])
store.view("mike").entity("p-salas")
os.kill(os.getpid(), signal.SIGKILL)  # no close, no exit handlers: nothing may be lost
"""


def staged(store: Store) -> list[Any]:
    with store.engine.connect() as conn:
        return list(pending.staged_rows(conn))


def change(store: Store, statement: Any) -> None:
    with store.engine.begin() as conn:
        conn.execute(statement)


def problems(store: Store) -> list[str]:
    return [str(p) for p in verify(store).problems]


def test_a_read_is_staged_before_it_returns_and_who_saw_sees_it_at_once(world: World) -> None:
    store = world.store
    store.view("mike").entity("p-salas")
    rows = staged(store)
    assert [(r.actor, r.action) for r in rows] == [("mike", "read.entity")]
    assert json.loads(rows[0].subjects) == ["entity:p-salas", f"document:{world.people}"]
    seen = [(s.who, s.how) for s in who_saw(store, world.people, store.principal("carla"))]
    assert ("mike", "opened the entity") in seen
    assert staged(store) == []  # asking chained it


def test_staged_reads_survive_a_close_and_a_reopen(world: World) -> None:
    store = world.store
    store.view("mike").documents()
    store.close()  # chains what this store staged
    again = Store(store.url)
    try:
        assert staged(again) == [] and actions(again)[-1] == "read.documents"
        seen = who_saw(again, world.people, again.principal("carla"))
        assert ("mike", "in a document listing") in [(s.who, s.how) for s in seen]
        assert verify(again).ok
    finally:
        again.close()


def test_a_read_survives_a_killed_process(world: World) -> None:
    store = world.store
    child = subprocess.run([sys.executable, "-c", KILLED, store.url], capture_output=True,
                           text=True, timeout=120, env={**os.environ})
    assert child.returncode == -9, child.stderr
    assert [r.actor for r in staged(store)] == ["mike"]
    seen = who_saw(store, world.people, store.principal("carla"))
    assert ("mike", "opened the entity") in [(s.who, s.how) for s in seen]
    assert verify(store).ok


def test_staged_reads_are_chained_in_order_before_a_later_write(world: World) -> None:
    store = world.store
    store.view("ana").entity("p-salas")
    store.view("mike").entity("p-salas")
    record(store, store.principal("carla"), "login", (), {"method": "password"})
    with store.engine.connect() as conn:
        rows = conn.execute(select(audit_event).order_by(audit_event.c.seq)).all()
    last = [(r.actor, r.action, json.loads(r.detail).get("staged")) for r in rows[-3:]]
    assert last == [("ana", "read.entity", 1), ("mike", "read.entity", 2),
                    ("carla", "login", None)]
    assert rows[-3].at <= rows[-2].at <= rows[-1].at
    assert verify(store).ok


def test_an_observer_chains_what_it_staged_every_few_reads(world: World,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(record_module, "SEQUENCE_EVERY", 3)
    view = world.store.view("ana")
    view.entity("p-salas")
    view.entity("p-salas")
    assert len(staged(world.store)) == 2
    view.entity("p-salas")
    assert staged(world.store) == []


def test_sequencing_takes_staged_reads_in_batches(world: World,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pending, "TAKE", 2)
    view = world.store.view("ana")
    for _ in range(5):
        view.entity("p-salas")
    sequence(world.store)
    assert staged(world.store) == [] and actions(world.store)[-5:] == ["read.entity"] * 5
    assert verify(world.store).ok


def test_an_altered_staged_read_is_named_and_never_chained(world: World,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pending, "TAKE", 2)
    store = world.store
    for who in ("ana", "mike", "carla"):
        store.view(who).entity("p-salas")
    change(store, update(audit_pending).where(audit_pending.c.id <= 2)
           .values(actor="nobody"))
    sequence(store)  # skips both altered rows, chains the third
    assert [r.id for r in staged(store)] == [1, 2]
    assert problems(store) == ["staged read 1 was altered: its content does not match its hash",
                               "staged read 2 was altered: its content does not match its hash"]
    assert verify(store).pending == 2


@pytest.mark.parametrize("deleted", [[1], [2], [3], [2, 3]])
def test_a_staged_read_deleted_before_it_was_chained_is_named(world: World,
                                                              deleted: list[int]) -> None:
    store = world.store
    for who in ("ana", "mike", "carla"):
        store.view(who).entity("p-salas")
    change(store, delete(audit_pending).where(audit_pending.c.id.in_(deleted)))
    expected = (f"staged read {deleted[0]} is missing" if len(deleted) == 1
                else f"staged reads {deleted[0]} to {deleted[-1]} are missing")
    assert problems(store) == [f"{expected}: deleted before being chained"]
    sequence(store)  # the rest chained: the gap stays
    assert problems(store) == [f"{expected}: deleted before being chained"]


def test_a_counter_set_back_is_named(world: World) -> None:
    store = world.store
    store.view("ana").entity("p-salas")
    store.view("mike").entity("p-salas")
    if store.backend == "postgresql":
        change(store, text("SELECT setval('audit_pending_id_seq', 1)"))
    else:
        change(store, text("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'audit_pending'"))
    assert problems(store) == ["staged read 2 lies beyond the staging counter (1): the "
                               "counter was set back"]


def test_a_staged_read_copied_back_after_it_was_chained_is_named(world: World) -> None:
    store = world.store
    store.view("ana").entity("p-salas")
    copy = staged(store)[0]._asdict()
    sequence(store)
    change(store, insert(audit_pending).values(copy))
    assert problems(store) == ["staged read 1 is both staged and chained: it was copied back "
                               "or forged"]
    with store.engine.connect() as conn:
        row = conn.execute(select(audit_event).order_by(audit_event.c.seq.desc())).first()
    assert row is not None
    change(store, delete(audit_pending))
    change(store, insert(audit_event).values({**row._asdict(), "seq": row.seq + 1}))
    assert "staged read 1 was chained more than once" in " ".join(problems(store))


def test_a_read_staged_while_verifying_is_not_missing(world: World,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = world.store
    store.view("ana").entity("p-salas")
    real = pending.staged_rows
    calls: list[object] = []

    def late(conn: Any, ids: Any = None) -> Any:  # the insert commits after the first look
        calls.append(ids)
        return [] if len(calls) == 1 else real(conn, ids)

    monkeypatch.setattr(pending, "staged_rows", late)
    report = verify(store)
    assert report.ok and report.pending == 1 and calls == [None, {1}]


def test_the_report_counts_staged_reads(world: World) -> None:
    store = world.store
    store.view("ana").entity("p-salas")
    assert verify(store).to_dict()["pending"] == 1
    assert verify(store).ok


def test_only_reads_name_a_staging_id(world: World) -> None:
    store = world.store
    ana = store.principal("ana")
    record(store, ana, "system.note", (), {"staged": 1})  # not a read: not a staged read
    record(store, ana, "read.search", (), {"staged": "1"})  # not an id
    report = verify(store)
    assert report.ok and report.pending == 0  # else: "beyond the staging counter (0)"
