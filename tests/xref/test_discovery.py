"""What a person learns from a cross-reference run: visible matches in full, hidden ones
only as the owner agency and an opaque reference."""

from __future__ import annotations

import json

import pytest

from enlace.exceptions import NotFound
from enlace.store import Store
from enlace.xref import index, match
from enlace.xref.discovery import discover
from enlace.xref.record import record_from_values
from enlace.xref.tables import xref_match


def upload(*lines: dict) -> list:
    return match.file_collection(json.dumps(line) for line in lines)


def zambada() -> dict:
    return {"id": "q-1", "schema": "Person",
            "properties": {"name": ["Ismael Zambada Garcia"], "birthDate": ["1948-01-01"]}}


@pytest.fixture
def files(world):
    world.document("fgr-1", "FGR")
    world.entity("fgr-1", "fgr-e1", "Person", name="Ismael Zambada García",
                 birthDate="1948-01-01", nationality="mx")
    world.document("dea-1", "DEA")
    world.entity("dea-1", "dea-e1", "Person", name="ZAMBADA GARCIA, Ismael",
                 alias="El Mayo", idNumber="ZAGI480101")
    world.entity("dea-1", "dea-e2", "Organization", name="Sinaloa Cartel")
    world.document("uif-1", "UIF", release=["DEA"])
    world.entity("uif-1", "uif-a1", "BankAccount", accountNumber="012180001234567897")
    index.update(world.store)
    return world


def test_a_match_in_visible_material_comes_in_full(files, store: Store) -> None:
    lines = list(match.run(store.view("ana"), upload(zambada())))
    visible = [line for line in lines if line.get("match") == "visible"]
    assert [line["entity"] for line in visible] == ["fgr-e1"]
    assert visible[0]["names"] == ["Ismael Zambada García"]
    assert visible[0]["documents"] == ["fgr-1"] and visible[0]["score"] >= 0.9


def test_a_match_in_hidden_material_reveals_only_the_owner_agency(files, store: Store) -> None:
    lines = list(match.run(store.view("ana"), upload(zambada())))
    hidden = [line for line in lines if line.get("match") == "a record exists"]
    assert len(hidden) == 1
    assert set(hidden[0]) == {"query", "match", "agency", "request", "ref"}
    assert hidden[0]["agency"] == "DEA" and hidden[0]["request"] == "request access"
    assert hidden[0]["query"] == "q-1"
    text = json.dumps(lines)
    for secret in ("dea-e1", "dea-1", "El Mayo", "ZAGI480101", "ZAMBADA GARCIA, Ismael"):
        assert secret not in text
    with store.engine.connect() as conn:
        row = conn.execute(xref_match.select()).one()
    assert row.token == hidden[0]["ref"] and row.agency == "DEA"
    assert len(row.token) >= 20 and "dea" not in row.token.lower()


def test_the_same_reference_comes_back_on_a_second_run(files, store: Store) -> None:
    first = [x for x in match.run(store.view("ana"), upload(zambada())) if "ref" in x]
    second = [x for x in match.run(store.view("ana"), upload(zambada())) if "ref" in x]
    assert first == second


def test_an_org_and_an_account_are_found_across_agencies(files, store: Store) -> None:
    queries = upload(
        {"id": "q-2", "schema": "Organization", "properties": {"name": ["Cártel de Sinaloa"]}},
        {"id": "q-3", "schema": "BankAccount",
         "properties": {"iban": ["012 180 00123456789 7"]}})
    lines = list(match.run(store.view("ana"), queries))
    assert {(x["query"], x["agency"]) for x in lines if "ref" in x} == {
        ("q-2", "DEA"), ("q-3", "UIF")}
    bob = list(match.run(store.view("bob"), queries))  # UIF released it to DEA
    assert {(x["query"], x.get("entity")) for x in bob if x.get("match") == "visible"} == {
        ("q-2", "dea-e2"), ("q-3", "uif-a1")}
    assert not [x for x in bob if "ref" in x]


def test_an_agency_collection_is_matched_against_the_others(files, store: Store) -> None:
    records = match.agency_collection(store.view("ana"), "FGR")
    assert [r.id for r in records] == ["fgr-e1"]
    lines = list(match.run(store.view("ana"), records, exclude=[r.id for r in records]))
    assert [(x["query"], x["agency"]) for x in lines if "ref" in x] == [("fgr-e1", "DEA")]
    assert not [x for x in lines if x.get("entity") == "fgr-e1"]


def test_clearance_hides_material_of_ones_own_agency(files, world, store: Store) -> None:
    world.document("dea-2", "DEA", level=3)
    world.entity("dea-2", "dea-e9", "Person", name="Rafael Caro Quintero")
    index.update(store)
    query = upload({"id": "q-9", "schema": "Person",
                    "properties": {"name": ["Rafael Caro Quintero"]}})
    assert [x.get("entity") for x in match.run(store.view("bob"), query)] == ["dea-e9"]
    low = list(match.run(store.view("low"), query))
    assert [(set(x), x["agency"]) for x in low] == [
        ({"query", "match", "agency", "request", "ref"}, "DEA")]


def test_discover_returns_no_hidden_ids(files, store: Store) -> None:
    query = record_from_values("q-1", "Person", {"name": ["Ismael Zambada"]})
    assert query is not None
    found = discover(store.view("uli"), [query])
    assert found.visible == []
    assert sorted(h.agency for h in found.hidden) == ["DEA", "FGR"]
    assert all(set(vars(h)) == {"query", "agency", "ref"} for h in found.hidden)


def test_a_run_is_observed(files, store: Store) -> None:
    events = []
    store.observers.append(events.append)
    list(match.run(store.view("ana"), upload(zambada())))
    xref = [e for e in events if e.action == "xref"]
    assert len(xref) == 1 and xref[0].entity_ids == ("fgr-e1",)
    assert xref[0].document_ids == ("fgr-1",)
    assert "dea-e1" not in repr(events) and "dea-1" not in repr(events)


def test_common_keys_are_reported_as_capped(world, store: Store) -> None:
    world.document("fgr-1", "FGR")
    for i in range(12):
        world.entity("fgr-1", f"juan-{i}", "Person", name=f"Juan García {'ABCDEFGHIJKL'[i]}xx")
    index.update(store)
    records = match.file_collection([json.dumps(
        {"id": "q", "schema": "Person", "properties": {"name": ["Juan García Zuazua"]}})])
    from enlace.xref import discovery
    found = discovery.discover(store.view("ana"), records, cap=10)
    assert "P2:garcia|juan" in found.capped["q"]


def test_unknown_lines_are_refused() -> None:
    from enlace.exceptions import InvalidData
    with pytest.raises(InvalidData):
        match.file_collection(["{not json"])
    with pytest.raises(InvalidData):
        match.file_collection(['{"schema": "Person"}'])
    assert match.file_collection(['{"id": "x", "schema": "Vehicle", "properties": {}}']) == []


def test_entity_of_other_agency_stays_not_found(files, store: Store) -> None:
    with pytest.raises(NotFound):
        store.view("ana").entity("dea-e1")
