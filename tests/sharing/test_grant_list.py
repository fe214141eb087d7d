"""The grants a person gave and received: active ones, on documents they may see."""

from __future__ import annotations

from datetime import timedelta

import pytest

from enlace.clock import utcnow
from enlace.model.markings import Label
from enlace.sharing import grant_list, groups
from enlace.sharing.grants import grant, revoke
from enlace.sharing.targets import parse
from enlace.store import NewDocument, Store


@pytest.fixture
def world(store: Store) -> Store:
    with store.writer() as w:
        w.add_agency("ALFA", "Agencia Alfa", "MX")
        w.add_agency("BRAVO", "Bravo Agency", "US")
        w.add_user("olga", ["ALFA"], "SECRET")
        w.add_user("low", ["BRAVO"], "PUBLIC")
        w.add_user("mid", ["BRAVO"], "CONFIDENTIAL")
        for name in ("mia", "max"):
            w.add_user(name, ["BRAVO"], "SECRET")
    olga = store.principal("olga")
    with store.writer() as w:
        for doc in ("uno", "dos", "tres", "cuatro"):
            w.add_document(NewDocument(doc, doc, Label(1, owner="ALFA"), "GREEN",
                                       title=f"Informe {doc}"), olga)
        groups.create(w.conn, "joint", olga)
        groups.add_member(w.conn, "joint", "max", olga)
    view = store.view("olga")
    grant(store, view, "uno", parse("user:mia"), "GREEN")
    grant(store, view, "dos", parse("agency:BRAVO"), "GREEN")
    grant(store, view, "tres", parse("group:joint"), "GREEN")
    return store


def shown(rows: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(row["document"], row["to"]) for row in rows]


def test_the_giver_sees_each_grant_and_its_grantee(world: Store) -> None:
    rows = grant_list.given(world.view("olga"))
    assert shown(rows) == [("uno", "user:mia"), ("dos", "agency:BRAVO"),
                           ("tres", "group:joint")]
    assert {row["by"] for row in rows} == {"olga"} and rows[0]["title"] == "Informe uno"
    assert grant_list.received(world.view("olga")) == []
    assert grant_list.given(world.view("mia")) == []


def test_grants_reach_people_directly_through_their_agency_and_their_groups(
        world: Store) -> None:
    assert shown(grant_list.received(world.view("mia"))) == [("uno", "user:mia"),
                                                             ("dos", "agency:BRAVO")]
    assert shown(grant_list.received(world.view("max"))) == [("dos", "agency:BRAVO"),
                                                             ("tres", "group:joint")]


def test_revoked_and_expired_grants_are_gone(world: Store) -> None:
    olga = world.principal("olga")
    first = grant_list.given(world.view("olga"))[0]
    revoke(world, olga, str(first["grant"]))
    grant(world, world.view("olga"), "cuatro", parse("user:mia"), "GREEN",
          utcnow() + timedelta(days=1))
    assert shown(grant_list.received(world.view("mia"))) == [("dos", "agency:BRAVO"),
                                                             ("cuatro", "user:mia")]
    later = world.view("mia", now=utcnow() + timedelta(days=2))
    assert shown(grant_list.received(later)) == [("dos", "agency:BRAVO")]
    assert [row["expires_at"] is None for row in grant_list.given(world.view("olga"))] == [
        True, True, False]


def test_a_grant_on_a_document_one_may_not_read_is_not_listed(world: Store) -> None:
    assert grant_list.received(world.view("low")) == []  # BRAVO's grant, level too high
    assert shown(grant_list.received(world.view("mid"))) == [("dos", "agency:BRAVO")]
    with world.writer() as w:
        w.change_label("dos", Label(3, owner="ALFA"), None, world.principal("olga"), "raised")
    assert grant_list.received(world.view("mid")) == []
    assert "dos" in [row["document"] for row in grant_list.received(world.view("mia"))]
