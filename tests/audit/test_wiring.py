"""Every View read and every audited Writer act lands in the log with the right subjects,
and nothing restricted (a name, a document's text) ever does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from enlace.audit import record
from enlace.audit.tables import audit_event, audit_pending
from enlace.audit.verify import verify
from enlace.exceptions import NotFound
from enlace.store import Store
from enlace.store.tables import document_text

from .conftest import SECRET_NAME, World, actions, events


def after_setup(world: World) -> int:
    return len(events(world.store))


def test_setup_records_each_load(world: World) -> None:
    loads = [e for e in events(world.store) if e["action"] == "document.load"]
    assert [e["subjects"] for e in loads] == [[f"document:{world.people}"],
                                              [f"document:{world.informant}"]]
    assert loads[0]["actor"] == "ana" and loads[0]["detail"] == {
        "entities": 2, "statements": 4, "tlp": "AMBER"}


def test_loading_the_same_bytes_again_records_nothing(world: World) -> None:
    from enlace.ingest.entities import load_entities
    from enlace.sharing.marking import LabelOptions

    from .conftest import PEOPLE, jsonl

    before = after_setup(world)
    again = load_entities(world.store, jsonl(PEOPLE), "people.jsonl", "ana",
                          LabelOptions("RESTRICTED", (), ("US",), None, None))
    assert not again.created and after_setup(world) == before


def test_each_kind_of_read_is_recorded_with_its_subjects(world: World) -> None:
    store, skip = world.store, after_setup(world)
    view = store.view("ana")
    view.entity("p-salas")
    view.document(world.people)
    view.documents()
    list(view.entities("Person"))
    recorded = events(store)[skip:]
    assert [e["action"] for e in recorded] == ["read.entity", "read.document",
                                               "read.documents", "read.entities"]
    both = sorted([f"document:{world.people}", f"document:{world.informant}"])
    assert recorded[0]["subjects"] == ["entity:p-salas", *both]
    assert recorded[0]["detail"] == {"entities": 1, "documents": 2}
    assert recorded[1]["subjects"] == [f"document:{world.people}"]
    assert sorted(recorded[2]["subjects"]) == both
    assert recorded[3]["subjects"][:2] == ["entity:p-salas", "entity:p-source"]
    assert recorded[3]["detail"] == {"schema": "Person", "entities": 2, "documents": 2}
    assert {e["actor"] for e in recorded} == {"ana"}
    assert verify(store).ok


def test_a_reader_sees_only_what_they_may_and_that_is_what_is_recorded(world: World) -> None:
    store, skip = world.store, after_setup(world)
    mike = store.view("mike")
    mike.entity("p-salas")
    with pytest.raises(NotFound):
        mike.document(world.informant)  # hidden: no read happened, nothing recorded
    recorded = events(store)[skip:]
    assert [e["subjects"] for e in recorded] == [["entity:p-salas", f"document:{world.people}"]]


def test_writer_acts_are_recorded_in_their_transaction(world: World) -> None:
    store, skip = world.store, after_setup(world)
    ana = store.principal("ana")
    with store.writer() as w:
        w.derive("d-summary", [world.people, world.informant], ana, "weekly summary")
        w.derive("d-brief", [world.people], ana, "brief")
        grant_id = w.grant(world.informant, "user", str(store.principal("mike").id), ana)
    with store.writer() as w:
        w.revoke(grant_id, ana)
    current = store.view("ana").document(world.people).label
    with store.writer() as w:
        w.change_label(world.people, replace(current, level=2), None, ana, "new source")
    recorded = events(store)[skip:]
    assert [e["action"] for e in recorded] == [
        "document.derive", "document.derive", "grant.create", "grant.revoke", "read.document",
        "label.change", "label.change"]
    derive, _, grant, revoke, _, raised, carried = recorded
    assert derive["subjects"] == ["document:d-summary", *sorted(
        [f"document:{world.people}", f"document:{world.informant}"])]
    assert derive["detail"] == {"inputs": 2, "tlp": "AMBER"}
    assert grant["subjects"] == [f"document:{world.informant}", f"grant:{grant_id}"]
    assert grant["detail"]["grantee_kind"] == "user" and grant["detail"]["expires_at"] is None
    assert revoke["subjects"] == grant["subjects"] and revoke["actor"] == "ana"
    assert raised["subjects"] == [f"document:{world.people}"]
    assert raised["detail"]["direction"] == "raise" and raised["detail"]["to_tlp"] == "AMBER"
    assert carried["subjects"] == ["document:d-brief"]  # carried to the derived document
    assert carried["detail"]["direction"] == "propagate"
    assert verify(store).ok


def test_a_failed_act_leaves_no_audit_event(world: World) -> None:
    store, skip = world.store, after_setup(world)
    ana = store.principal("ana")
    with pytest.raises(RuntimeError), store.writer() as w:
        w.grant(world.people, "agency", "DEA", ana)
        raise RuntimeError("rolled back")
    assert events(store)[skip:] == []
    assert verify(store).ok


def test_a_read_inside_an_audited_transaction_does_not_wait_for_it(world: World) -> None:
    store, skip = world.store, after_setup(world)
    ana = store.principal("ana")
    with store.writer() as w:
        w.grant(world.people, "agency", "DEA", ana)
        store.view("ana").entity("o-marlines")  # would deadlock on the held head lock
    assert actions(store)[skip:] == ["grant.create", "read.entity"]
    assert verify(store).ok


def test_expiry_times_are_recorded_plainly(world: World) -> None:
    from datetime import UTC, datetime

    store, skip = world.store, after_setup(world)
    with store.writer() as w:
        w.grant(world.people, "agency", "DEA", store.principal("ana"),
                expires_at=datetime(2030, 1, 1, 12, tzinfo=UTC), tlp="AMBER")
    detail = events(store)[skip]["detail"]
    assert detail == {"grantee_kind": "agency", "grantee": "DEA", "tlp": "AMBER",
                      "expires_at": "2030-01-01T12:00:00"}


def test_nothing_restricted_reaches_the_log(world: World) -> None:
    store = world.store
    text = "Informe reservado: la fuente CORAL vio a Salas Quintanilla en Manzanillo."
    with store.engine.begin() as conn:
        conn.execute(insert(document_text).values(document_id=world.informant, text=text))
    for who in ("ana", "carla", "mike"):
        view = store.view(who)
        list(view.entities())
        view.documents()
        view.entity("p-salas")
        if who != "mike":
            assert view.document_text(world.informant) == text
    with store.engine.connect() as conn:  # staged reads and chained events alike
        stored = " ".join(" ".join(str(v) for v in r) for table in (audit_pending, audit_event)
                          for r in conn.execute(select(table)))
    for secret in (SECRET_NAME, "Salas Quintanilla", "El Bagre", "Fuente Gamma", "CORAL",
                   "Manzanillo", "Los Marlines"):
        assert secret not in stored
    assert "read.document" in stored  # the text read is there, as a read of the document


def test_an_explicit_record_for_a_login(world: World) -> None:
    store = world.store
    record(store, store.principal("mike"), "login", (), {"method": "password"})
    assert events(store)[-1] == {"seq": len(events(store)), "actor": "mike",
                                 "actor_id": store.principal("mike").id, "action": "login",
                                 "subjects": [], "detail": {"method": "password"}}


def test_reads_after_an_audited_transaction_use_their_own(world: World, tmp_path: Path) -> None:
    store, skip = world.store, after_setup(world)
    view = store.view("ana")
    with store.engine.connect() as conn:
        with conn.begin():
            record(store, None, "system.note", (), {}, conn=conn)
        list(view.entities())  # the connection is open, its transaction is over
    other = Store.create(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        with other.engine.begin() as conn:
            record(other, None, "system.note", conn=conn)
            view.documents()  # a transaction on another store holds nothing of ours
    finally:
        other.close()
    recorded = events(store)[skip:]
    assert [e["action"] for e in recorded] == ["system.note", "read.entities", "read.documents"]
    assert "schema" not in recorded[1]["detail"]  # an unset option is left out
    assert verify(store).ok and verify(other).ok
