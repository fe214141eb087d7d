"""Share addressees: how they are spelled, and whom an agency or a user reaches."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from enlace.exceptions import InvalidData, NotFound
from enlace.sharing.targets import Target, parse, people
from enlace.store import Store
from enlace.store.tables import app_user


@pytest.mark.parametrize(("spelling", "expected"), [
    ("agency:cni", Target("agency", "CNI")),
    (" Agency : dea ", Target("agency", "DEA")),
    ("user:tomas.arce", Target("user", "tomas.arce")),
    ("GROUP: Joint-Task ", Target("group", "joint-task")),
])
def test_spellings_are_normalised(spelling: str, expected: Target) -> None:
    assert parse(spelling) == expected
    assert str(parse(spelling)) == f"{expected.kind}:{expected.name}"


@pytest.mark.parametrize("spelling", ["cni", "agency:", "agency:  ", "team:alpha", ":x",
                                      "group:a b"])
def test_bad_spellings_are_refused_with_the_forms_to_use(spelling: str) -> None:
    with pytest.raises(InvalidData, match=r"agency:CODE, user:NAME or group:NAME|group name"):
        parse(spelling)


@pytest.fixture
def agencies(store: Store) -> Store:
    with store.writer() as w:
        w.add_agency("CNI", "Centro Nacional de Inteligencia", "MX")
        w.add_agency("DEA", "Drug Enforcement Administration", "US")
        w.add_user("arce", ["CNI"], "SECRET", ["SOURCES"])
        w.add_user("galindo", ["CNI"], "CONFIDENTIAL")
        w.add_user("retired", ["CNI"], "SECRET")
        w.add_user("kim", ["DEA"], "SECRET")
    with store.engine.begin() as conn:
        conn.execute(update(app_user).where(app_user.c.name == "retired").values(active=False))
    return store


def reached(store: Store, spelling: str, by: str = "arce") -> list[str]:
    with store.engine.connect() as conn:
        return [p.name for p in people(store, conn, parse(spelling), store.principal(by))]


def test_an_agency_reaches_its_active_members_but_not_the_sharer(agencies: Store) -> None:
    assert reached(agencies, "agency:cni") == ["galindo"]
    assert reached(agencies, "agency:dea") == ["kim"]
    assert reached(agencies, "user:kim") == ["kim"]
    assert reached(agencies, "user:arce") == []  # sharing with oneself reaches nobody


def test_an_unknown_agency_or_user_is_not_found(agencies: Store) -> None:
    with pytest.raises(NotFound, match="unknown agency 'UIF'"):
        reached(agencies, "agency:uif")
    with pytest.raises(NotFound):
        reached(agencies, "user:nobody")
