"""Who saw a document or an entity: the answers, and who may ask."""

from __future__ import annotations

import pytest

from enlace.audit import record
from enlace.audit.sighting import who_saw
from enlace.exceptions import AccessDenied, NotFound

from .conftest import World, actions


def answer(world: World, thing: str, asker: str) -> list[tuple[str, str, str | None]]:
    store = world.store
    return [(s.who, s.how, s.document) for s in who_saw(store, thing, store.principal(asker))]


def test_who_saw_a_document(world: World) -> None:
    store = world.store
    store.view("mike").documents()
    store.view("mike").entity("p-salas")
    with store.writer() as w:
        w.grant(world.people, "user", str(store.principal("low").id), store.principal("ana"))
        w.grant(world.people, "agency", "DEA", store.principal("ana"))
    record(store, store.principal("ana"), "dissemination.send",
           [f"document:{world.people}", "dissemination:7"], {"recipients": ["agency UIF"]})
    doc = world.people
    assert answer(world, doc, "ana") == [
        ("ana", "loaded it", doc),
        ("mike", "in a document listing", doc),
        ("mike", "opened the entity", doc),
        ("ana", "shared it by a grant", doc),
        ("low", "received it from ana", doc),
        ("ana", "shared it by a grant", doc),
        ("agency DEA", "received it from ana", doc),
        ("ana", "dissemination.send", doc),
        ("agency UIF", "received it from ana", doc),
    ]
    sighting = who_saw(store, doc, store.principal("carla"))[0]
    assert sighting.to_dict()["at"] == sighting.at.isoformat() and sighting.seq == 1
    assert actions(store)[-2:] == ["audit.who_saw", "audit.who_saw"]  # the questions count


def test_who_saw_an_entity_through_the_documents_stating_it(world: World) -> None:
    store = world.store
    store.view("mike").entity("p-salas")  # mike sees it through people only
    list(store.view("ana").entities())
    people, informant = world.people, world.informant
    seen = answer(world, "p-salas", "carla")
    assert ("mike", "opened the entity", people) in seen
    assert ("ana", "in an entity listing", sorted([people, informant])[0]) in seen
    assert ("ana", "loaded it", informant) in seen and ("ana", "loaded it", people) in seen


def test_a_compliance_officer_also_gets_events_naming_only_the_entity(world: World) -> None:
    store = world.store
    record(store, store.principal("mike"), "read.profile", ["entity:p-salas"], {"hops": 1})
    assert ("mike", "in a profile", None) in answer(world, "p-salas", "carla")
    assert ("mike", "in a profile", None) not in answer(world, "p-salas", "ana")


def test_an_owner_agency_member_may_ask_but_another_agency_may_not(world: World) -> None:
    assert answer(world, world.people, "ana")[0][0] == "ana"
    with pytest.raises(AccessDenied, match="owner agency"):
        who_saw(world.store, world.people, world.store.principal("mike"))
    with pytest.raises(AccessDenied, match="compliance officer"):
        who_saw(world.store, "p-salas", world.store.principal("mike"))


def test_what_the_asker_cannot_see_is_not_found(world: World) -> None:
    store = world.store
    with pytest.raises(NotFound):
        who_saw(store, world.informant, store.principal("mike"))  # hidden from mike
    with pytest.raises(NotFound):
        who_saw(store, "p-source", store.principal("mike"))  # only in the hidden document
    with pytest.raises(NotFound):
        who_saw(store, "no-such-thing", store.principal("carla"))
    with pytest.raises(NotFound):
        who_saw(store, world.people, store.principal("low"))  # below its classification


def test_a_subject_that_only_contains_the_id_is_not_a_sighting(world: World) -> None:
    store = world.store
    record(store, store.principal("mike"), "read.entity", ["entity:p-salas-2",
                                                            f"note:{world.people}"])
    record(store, store.principal("mike"), "read.entity", ['entity:p_salas'])
    record(store, store.principal("mike"), "read.entity", ['entity:p%salas'])
    assert [who for who, _, _ in answer(world, "p-salas", "carla")] == ["ana", "ana"]


def test_a_grant_to_a_user_id_that_is_gone_is_still_named(world: World) -> None:
    store = world.store
    ana = store.principal("ana")
    record(store, ana, "grant.create", [f"document:{world.people}"],
           {"grantee_kind": "user", "grantee": "999"})
    record(store, ana, "grant.create", [f"document:{world.people}"],
           {"grantee_kind": "user", "grantee": "someone"})
    received = [who for who, how, _ in answer(world, world.people, "ana")
                if how.startswith("received")]
    assert received == ["user 999", "user someone"]


def test_a_pattern_that_only_looks_like_the_subject_is_not_a_sighting(world: World) -> None:
    store = world.store
    record(store, store.principal("mike"), "read.entity", ['note:a","entity:p-salas'])
    record(store, store.principal("mike"), "read.entity", ["entity:P-SALAS"])
    assert [who for who, _, _ in answer(world, "p-salas", "carla")] == ["ana", "ana"]


def test_recipients_must_be_a_list(world: World) -> None:
    store = world.store
    record(store, store.principal("ana"), "dissemination.send", [f"document:{world.people}"],
           {"recipients": "agency UIF"})
    assert answer(world, world.people, "ana")[-1] == ("ana", "dissemination.send", world.people)


def test_an_entity_stated_in_many_documents(world: World) -> None:
    from enlace.model.markings import Label
    from enlace.store import NewDocument

    store = world.store
    ana = store.principal("ana")
    ids = [f"doc-{i:03d}" for i in range(120)]
    with store.writer() as w:
        for doc in ids:
            w.add_document(NewDocument(doc, None, Label(level=0, owner="FGR"), "AMBER"), ana)
        w.add_statements({"id": f"s-{doc}", "entity_id": "p-many", "schema": "Person",
                          "prop": "id", "value": "p-many", "document_id": doc,
                          "origin": "test"} for doc in ids)
    store.view("mike").entity("o-marlines")  # unrelated
    store.view("low").documents()  # names all 120 in one event, found by three queries
    store.view("low").entity("p-many")
    seen = answer(world, "p-many", "ana")
    assert [(who, how) for who, how, _ in seen] == [("low", "in a document listing"),
                                                   ("low", "opened the entity")]
