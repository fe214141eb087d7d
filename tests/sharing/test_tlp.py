"""The TLP resharing rules, as a pure rule and through grants and shares in a store."""

from __future__ import annotations

from datetime import timedelta

import pytest

from enlace.clock import utcnow
from enlace.exceptions import InvalidData, NotFound, PolicyError
from enlace.model.markings import Label
from enlace.sharing import groups
from enlace.sharing import tlp as rules
from enlace.sharing.dissemination import Request, prepare, send
from enlace.sharing.grants import grant
from enlace.sharing.policy import Principal
from enlace.sharing.targets import Target, parse
from enlace.store import NewDocument, Store

ALFA = Principal(1, "a", 3, agencies=frozenset({"ALFA"}))
ALFA2 = Principal(2, "a2", 3, agencies=frozenset({"ALFA", "BRAVO"}))
BRAVO = Principal(3, "b", 3, agencies=frozenset({"BRAVO"}))


@pytest.mark.parametrize(("colour", "target", "reached", "new", "allowed"), [
    (None, Target("agency", "BRAVO"), [BRAVO], "CLEAR", True),
    ("RED", Target("user", "a2"), [ALFA2], "RED", False),
    ("AMBER", Target("user", "a2"), [ALFA2], "GREEN", False),
    ("AMBER+STRICT", Target("group", "g"), [ALFA2], "AMBER+STRICT", False),
    ("AMBER+STRICT", Target("user", "a2"), [ALFA2], "AMBER+STRICT", True),
    ("AMBER+STRICT", Target("user", "b"), [BRAVO], "RED", False),
    ("AMBER", Target("agency", "ALFA"), [ALFA2], "AMBER", True),
    ("AMBER", Target("agency", "BRAVO"), [ALFA2, BRAVO], "AMBER", False),
    ("AMBER", Target("group", "g"), [ALFA2], "AMBER", True),
    ("AMBER", Target("group", "g"), [ALFA2, BRAVO], "AMBER", False),
    ("GREEN", Target("agency", "BRAVO"), [BRAVO], "GREEN", True),
    ("GREEN", Target("group", "g"), [BRAVO], "AMBER", True),
    ("CLEAR", Target("user", "b"), [BRAVO], "CLEAR", True),
])
def test_resharing_rule(colour: str | None, target: Target, reached: list[Principal],
                        new: str, allowed: bool) -> None:
    decision = rules.may_reshare(colour, ALFA, target, reached, new)
    assert decision.allow is allowed, decision.reason


def test_unknown_colour() -> None:
    with pytest.raises(InvalidData, match="TLP"):
        rules.rank("PURPLE")
    assert rules.strictest(["GREEN", "RED", "AMBER"]) == "RED"


@pytest.fixture
def world(store: Store) -> Store:
    with store.writer() as w:
        w.add_agency("ALFA", "Agencia Alfa", "MX")
        w.add_agency("BRAVO", "Bravo Agency", "US")
        w.add_agency("CHARLIE", "Agencia Charlie", "CO")
        w.add_user("owner", ["ALFA"], "SECRET")
        w.add_user("bob", ["BRAVO"], "SECRET")
        w.add_user("bea", ["BRAVO"], "SECRET")
        w.add_user("carl", ["CHARLIE"], "SECRET")
    owner = store.principal("owner")
    with store.writer() as w:
        w.add_document(NewDocument("doc", "doc", Label(1, owner="ALFA"), "AMBER"), owner)
        w.add_statements([{"id": "s0", "entity_id": "v1", "schema": "Vessel", "prop": "name",
                           "value": "Gaviota", "document_id": "doc", "origin": "test"}])
    with store.writer() as w:
        groups.create(w.conn, "mixed", store.principal("bob"))
        groups.add_member(w.conn, "mixed", "bea", store.principal("bob"))
        groups.add_member(w.conn, "mixed", "carl", store.principal("bob"))
    return store


def _grant(store: Store, by: str, to: str, colour: str) -> int:
    return grant(store, store.view(by), "doc", parse(to), colour)


def test_the_originator_shares_freely(world: Store) -> None:
    with world.engine.connect() as conn:
        assert rules.received(conn, "doc", world.principal("owner")) is None
    _grant(world, "owner", "user:carl", "CLEAR")
    assert world.view("carl").count_documents() == 1


def test_red_stops_with_the_recipient(world: Store) -> None:
    _grant(world, "owner", "user:bob", "RED")
    with pytest.raises(PolicyError, match="RED"):
        _grant(world, "bob", "user:bea", "RED")


@pytest.mark.parametrize("colour", ["AMBER", "AMBER+STRICT"])
def test_amber_stays_inside_the_recipients_agency(world: Store, colour: str) -> None:
    _grant(world, "owner", "agency:BRAVO", colour)
    _grant(world, "bob", "user:bea", colour)
    _grant(world, "bob", "agency:BRAVO", colour)
    with pytest.raises(PolicyError, match="only inside your own agency"):
        _grant(world, "bob", "user:carl", colour)
    with pytest.raises(PolicyError, match=r"only inside|never to a group"):
        _grant(world, "bob", "group:mixed", colour)


def test_amber_strict_never_goes_to_a_group(world: Store) -> None:
    with world.writer() as w:
        groups.create(w.conn, "bravo-only", world.principal("bob"))
        groups.add_member(w.conn, "bravo-only", "bea", world.principal("bob"))
    _grant(world, "owner", "user:bob", "AMBER+STRICT")
    with pytest.raises(PolicyError, match="never to a group"):
        _grant(world, "bob", "group:bravo-only", "AMBER+STRICT")
    _grant(world, "owner", "user:bob", "AMBER")
    _grant(world, "bob", "group:bravo-only", "AMBER")  # AMBER: the group is all BRAVO


def test_green_reaches_the_community(world: Store) -> None:
    _grant(world, "owner", "user:bob", "GREEN")
    _grant(world, "bob", "agency:CHARLIE", "GREEN")
    _grant(world, "bob", "group:mixed", "AMBER")
    with pytest.raises(PolicyError, match="cannot be passed on as TLP:CLEAR"):
        _grant(world, "bob", "user:carl", "CLEAR")
    assert world.view("carl").count_documents() == 1


def test_clear_goes_to_anyone(world: Store) -> None:
    _grant(world, "owner", "user:bob", "CLEAR")
    _grant(world, "bob", "user:carl", "CLEAR")
    assert world.view("carl").count_documents() == 1


def test_the_most_permissive_active_grant_counts(world: Store) -> None:
    _grant(world, "owner", "user:bob", "RED")
    _grant(world, "owner", "agency:BRAVO", "GREEN")
    expired = grant(world, world.view("owner"), "doc", parse("user:bob"), "CLEAR",
                    utcnow() - timedelta(days=1))
    assert expired > 0
    with world.engine.connect() as conn:
        assert rules.received(conn, "doc", world.principal("bob")) == "GREEN"


def test_a_group_grant_carries_its_colour(world: Store) -> None:
    with world.writer() as w:
        groups.create(w.conn, "alfa-carl", world.principal("owner"))
        groups.add_member(w.conn, "alfa-carl", "carl", world.principal("owner"))
    _grant(world, "owner", "group:alfa-carl", "GREEN")
    with world.engine.connect() as conn:
        assert rules.received(conn, "doc", world.principal("carl")) == "GREEN"
        with pytest.raises(NotFound):
            rules.received(conn, "missing", world.principal("carl"))


def test_releasability_holds_the_documents_own_colour(world: Store) -> None:
    owner = world.principal("owner")
    with world.writer() as w:
        w.add_document(NewDocument("rel", "rel", Label(1, frozenset(), frozenset({"US"}), "ALFA"),
                                   "RED"), owner)
    with world.engine.connect() as conn:
        assert rules.received(conn, "rel", world.principal("bob")) == "RED"
    with pytest.raises(PolicyError, match="RED"):
        grant(world, world.view("bob"), "rel", parse("user:bea"), "RED")


def test_a_dissemination_copy_is_reshared_under_its_colour(world: Store) -> None:
    view = world.view("owner")
    request = Request("document", parse("user:bob"), "AMBER", subject="doc")
    copy = send(world, view, prepare(world, view, request)).documents[0]
    bob = world.view("bob")
    reshare = Request("document", parse("user:bea"), "AMBER", subject=copy)
    send(world, bob, prepare(world, bob, reshare))
    with pytest.raises(PolicyError, match="only inside your own agency"):
        prepare(world, bob, Request("document", parse("user:carl"), "AMBER", subject=copy))


def test_an_entity_share_leaves_out_what_may_not_be_passed_on(world: Store) -> None:
    owner = world.principal("owner")
    with world.writer() as w:
        w.add_document(NewDocument("open", "open", Label(1, owner="ALFA"), "GREEN"), owner)
        w.add_statements([
            {"id": "s1", "entity_id": "p1", "schema": "Person", "prop": "name",
             "value": "Ana Ruiz", "document_id": "doc", "origin": "test"},
            {"id": "s2", "entity_id": "p1", "schema": "Person", "prop": "nationality",
             "value": "mx", "document_id": "open", "origin": "test"}])
    _grant(world, "owner", "user:bob", "RED")
    grant(world, world.view("owner"), "open", parse("user:bob"), "GREEN")
    bob = world.view("bob")
    plan = prepare(world, bob, Request("entity", parse("user:carl"), "GREEN", subject="p1"))
    assert plan.preview()["withheld_by_tlp"] == 1
    send(world, bob, plan)
    assert world.view("carl").entity("p1").properties == {"nationality": ["mx"]}
    assert world.view("carl").count_documents() == 1  # the copy only
    with pytest.raises(PolicyError, match="RED"):
        prepare(world, bob, Request("document", parse("user:carl"), "GREEN", subject="doc"))
