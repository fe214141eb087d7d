"""Sharing groups: owners manage them, members never learn who else is in them."""

from __future__ import annotations

import json

import pytest

from enlace.exceptions import InvalidData, NotFound
from enlace.model.markings import Label
from enlace.sharing import groups
from enlace.sharing.dissemination import Request, prepare, send
from enlace.sharing.grants import grant
from enlace.sharing.targets import parse
from enlace.store import NewDocument, Store


@pytest.fixture
def world(store: Store) -> Store:
    with store.writer() as w:
        w.add_agency("ALFA", "Agencia Alfa", "MX")
        w.add_agency("BRAVO", "Bravo Agency", "US")
        for name, agency in [("olga", "ALFA"), ("mia", "BRAVO"), ("max", "BRAVO"),
                             ("out", "BRAVO")]:
            w.add_user(name, [agency], "SECRET")
    olga = store.principal("olga")
    with store.writer() as w:
        w.add_document(NewDocument("doc", "doc", Label(1, owner="ALFA"), "GREEN"), olga)
        w.add_statements([{"id": "s0", "entity_id": "v1", "schema": "Vessel", "prop": "name",
                           "value": "Gaviota", "document_id": "doc", "origin": "test"}])
        assert groups.create(w.conn, "Joint-Task", olga) == "joint-task"
        groups.add_member(w.conn, "joint-task", "mia", olga)
        groups.add_member(w.conn, "joint-task", "max", olga)
    return store


def test_only_the_owner_sees_the_members(world: Store) -> None:
    with world.engine.connect() as conn:
        assert groups.members(conn, "joint-task", world.principal("olga")) == ["max", "mia"]
        for who in ("mia", "out"):
            with pytest.raises(NotFound):
                groups.members(conn, "joint-task", world.principal(who))
        assert groups.groups_of(conn, world.principal("mia")) == ["joint-task"]
        assert groups.groups_of(conn, world.principal("olga")) == ["joint-task"]
        assert groups.groups_of(conn, world.principal("out")) == []


def test_only_the_owner_adds_members(world: Store) -> None:
    with world.writer() as w, pytest.raises(NotFound):
        groups.add_member(w.conn, "joint-task", "out", world.principal("mia"))
    with world.writer() as w, pytest.raises(InvalidData, match="already"):
        groups.add_member(w.conn, "joint-task", "mia", world.principal("olga"))
    with world.writer() as w, pytest.raises(NotFound, match="unknown user"):
        groups.add_member(w.conn, "joint-task", "nobody", world.principal("olga"))


def test_names_are_checked(world: Store) -> None:
    with world.writer() as w, pytest.raises(InvalidData, match="invalid group name"):
        groups.create(w.conn, "a b", world.principal("olga"))
    with world.writer() as w, pytest.raises(InvalidData, match="already exists"):
        groups.create(w.conn, "joint-task", world.principal("mia"))


def test_a_group_grant_follows_membership(world: Store) -> None:
    grant(world, world.view("olga"), "doc", parse("group:joint-task"), "GREEN")
    assert world.view("mia").count_documents() == 1
    assert world.view("out").count_documents() == 0
    with world.writer() as w:
        groups.add_member(w.conn, "joint-task", "out", world.principal("olga"))
    assert world.view("out").count_documents() == 1


def test_outsiders_cannot_address_a_group(world: Store) -> None:
    with pytest.raises(NotFound, match="no group"):
        prepare(world, world.view("out"),
                Request("document", parse("group:joint-task"), "GREEN", subject="doc"))


def test_a_share_to_a_group_names_nobody(world: Store) -> None:
    grant(world, world.view("olga"), "doc", parse("user:mia"), "GREEN")
    mia = world.view("mia")
    plan = prepare(world, mia, Request("document", parse("group:joint-task"), "GREEN",
                                       subject="doc"))
    shown = json.dumps(plan.preview())
    sent = send(world, mia, plan)
    assert "max" not in shown and "olga" not in shown
    assert plan.preview()["recipients"] == 1  # max; mia does not send to herself
    assert len(sent.documents) == 1 and world.view("max").count_documents() == 1
    with world.engine.connect() as conn:
        details = [row.detail for row in conn.exec_driver_sql(
            "SELECT detail FROM audit_event WHERE action = 'share'")]
    assert details and not any("max" in d for d in details)


def test_targets_are_parsed() -> None:
    assert str(parse("agency:dea")) == "agency:DEA"
    assert str(parse("group:Joint")) == "group:joint"
    for bad in ("dea", "team:x", "user:"):
        with pytest.raises(InvalidData):
            parse(bad)
