"""Removing a member from a sharing group: the owner only, and only an actual member."""

from __future__ import annotations

import pytest

from enlace.exceptions import NotFound
from enlace.model.markings import Label
from enlace.sharing import groups
from enlace.sharing.grants import grant
from enlace.sharing.membership import remove_member
from enlace.sharing.targets import parse
from enlace.store import NewDocument, Store


@pytest.fixture
def world(store: Store) -> Store:
    with store.writer() as w:
        w.add_agency("ALFA", "Agencia Alfa", "MX")
        w.add_agency("BRAVO", "Bravo Agency", "US")
        w.add_user("olga", ["ALFA"], "SECRET")
        for name in ("mia", "max", "out"):
            w.add_user(name, ["BRAVO"], "SECRET")
    olga = store.principal("olga")
    with store.writer() as w:
        w.add_document(NewDocument("doc", "doc", Label(1, owner="ALFA"), "GREEN"), olga)
        groups.create(w.conn, "joint", olga)
        groups.add_member(w.conn, "joint", "mia", olga)
        groups.add_member(w.conn, "joint", "max", olga)
    grant(store, store.view("olga"), "doc", parse("group:joint"), "GREEN")
    return store


def test_the_owner_removes_a_member_who_loses_the_groups_grants(world: Store) -> None:
    assert world.view("mia").count_documents() == 1
    with world.writer() as w:
        remove_member(w.conn, "Joint", "mia", world.principal("olga"))
    with world.engine.connect() as conn:
        assert groups.members(conn, "joint", world.principal("olga")) == ["max"]
        assert groups.groups_of(conn, world.principal("mia")) == []
    assert world.view("mia").count_documents() == 0
    assert world.view("max").count_documents() == 1


@pytest.mark.parametrize(("who", "user", "message"), [
    ("max", "mia", "that you own"),  # a member may not remove others
    ("out", "mia", "that you own"),  # nor may an outsider
    ("olga", "out", "is not a member"),
    ("olga", "nobody", "is not a member"),
])
def test_only_the_owner_removes_and_only_members(world: Store, who: str, user: str,
                                                 message: str) -> None:
    with world.writer() as w, pytest.raises(NotFound, match=message):
        remove_member(w.conn, "joint", user, world.principal(who))
    with world.engine.connect() as conn:
        assert groups.members(conn, "joint", world.principal("olga")) == ["max", "mia"]


def test_an_unknown_group_reads_as_absent(world: Store) -> None:
    with world.writer() as w, pytest.raises(NotFound, match="no group 'other'"):
        remove_member(w.conn, "other", "mia", world.principal("olga"))
