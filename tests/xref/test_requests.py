"""Access requests: ask with a reference, the owner agency grants or refuses, status shows."""

from __future__ import annotations

import json

import pytest

from enlace.exceptions import InvalidData, NotFound, PolicyError
from enlace.store import Store
from enlace.xref import index, match, requests


@pytest.fixture
def ref(world, store: Store) -> str:
    world.document("dea-1", "DEA")
    world.entity("dea-1", "dea-e1", "Person", name="Ismael Zambada García", alias="El Mayo")
    world.document("dea-2", "DEA", level=3)
    world.entity("dea-2", "dea-e1", "Person", birthDate="1948-01-01")
    index.update(store)
    return next(line["ref"] for line in run(store, "ana") if "ref" in line)


def run(store: Store, who: str) -> list[dict]:
    query = json.dumps({"id": "q-1", "schema": "Person",
                        "properties": {"name": ["Ismael Zambada Garcia"]}})
    return list(match.run(store.view(who), match.file_collection([query])))


def test_ask_then_grant_makes_the_match_visible(ref: str, store: Store) -> None:
    ana, bob = store.principal("ana"), store.principal("bob")
    asked = requests.ask(store, ana, ref, "Operación Marlín: same target")
    assert asked["status"] == "pending" and asked["agency"] == "DEA"
    assert "documents" not in asked
    assert requests.ask(store, ana, ref, "again")["request"] == asked["request"]

    owner_view = requests.listing(store, bob)
    assert [(r["role"], r["requester"], r["documents"]) for r in owner_view] == [
        ("owner", "ana", ["dea-1", "dea-2"])]
    assert requests.listing(store, store.principal("uli")) == []

    granted = requests.grant(store, bob, asked["request"])
    assert granted["status"] == "granted" and granted["documents"] == ["dea-1", "dea-2"]
    mine = requests.listing(store, ana)
    assert [(r["role"], r["status"]) for r in mine] == [("requester", "granted")]

    lines = run(store, "ana")
    assert [(x["match"], x["entity"]) for x in lines] == [("visible", "dea-e1")]
    assert store.view("ana").entity("dea-e1").properties["alias"] == ["El Mayo"]
    with pytest.raises(PolicyError):
        requests.grant(store, bob, asked["request"])


def test_refuse_says_why_and_grants_nothing(ref: str, store: Store) -> None:
    ana, bob = store.principal("ana"), store.principal("bob")
    asked = requests.ask(store, ana, ref, "need it")
    with pytest.raises(InvalidData):
        requests.refuse(store, bob, asked["request"], " ")
    refused = requests.refuse(store, bob, asked["request"], "source protection")
    assert (refused["status"], refused["decision"]) == ("refused", "source protection")
    assert requests.listing(store, ana)[0]["decision"] == "source protection"
    with pytest.raises(NotFound):
        store.view("ana").entity("dea-e1")
    assert [x["match"] for x in run(store, "ana")] == ["a record exists"]


def test_only_the_owner_agency_decides(ref: str, store: Store) -> None:
    asked = requests.ask(store, store.principal("ana"), ref, "need it")
    with pytest.raises(NotFound):
        requests.grant(store, store.principal("uli"), asked["request"])
    with pytest.raises(NotFound):
        requests.grant(store, store.principal("ana"), asked["request"])
    with pytest.raises(PolicyError, match="clearance"):  # low cannot see dea-2
        requests.grant(store, store.principal("low"), asked["request"])
    assert requests.listing(store, store.principal("ana"))[0]["status"] == "pending"


def test_a_reference_belongs_to_the_person_it_was_given_to(ref: str, store: Store) -> None:
    with pytest.raises(NotFound):
        requests.ask(store, store.principal("uli"), ref, "curious")
    with pytest.raises(NotFound):
        requests.ask(store, store.principal("ana"), "dea-e1", "guessing")
    with pytest.raises(InvalidData):
        requests.ask(store, store.principal("ana"), ref, "")
