"""Group lineage: factions and successors over time, after the falls of leaders."""

from __future__ import annotations

import json

import pytest

from enlace.exceptions import InvalidData, NotFound
from enlace.graph import group_lineage
from enlace.graph.lineage import lineage
from enlace.graph.source import ViewSource
from enlace.store import Store

from .lineage_world import lineage_world
from .world import SHARED, edge, group, setup, write


def _children(branch: dict) -> dict[str, dict]:
    return {c["group"]["id"]: c for c in branch["children"]}


def test_the_heirs_of_a_group_form_a_tree(store: Store) -> None:
    lineage_world(store)
    found = group_lineage(store.view("mike"), "o-gu").to_dict()
    (root,) = found["tree"]
    assert root["id"] == "o-blo" and found["group"]["id"] == "o-gu"
    heirs = _children(root)
    assert set(heirs) == {"o-cps", "o-cida", "o-early"}
    assert heirs["o-cps"]["relation"] == "faction"
    assert heirs["o-cps"]["precision"] == "year"
    assert heirs["o-cida"]["precision"] == "month"
    assert set(_children(heirs["o-cida"]["group"])) == {"o-gu"}


def test_leader_falls_precede_the_splits(store: Store) -> None:
    lineage_world(store)
    root = group_lineage(store.view("mike"), "o-blo").to_dict()["tree"][0]
    heirs = _children(root)
    assert heirs["o-cps"]["preceded_by"] == ["arr-alfredo", "k-arturo"]
    assert heirs["o-early"]["preceded_by"] == []  # 2007, before any fall
    falls = {f["event"]["id"]: f for f in root["leaders_fallen"]}
    assert set(falls) == {"arr-alfredo", "k-arturo"}  # a sicario's arrest is no leader's
    assert falls["k-arturo"]["kind"] == "Killing" and falls["k-arturo"]["role"] == "Líder"
    assert falls["arr-alfredo"]["precision"] == "day"


def test_succession_and_timeline_order(store: Store) -> None:
    lineage_world(store)
    found = group_lineage(store.view("mike"), "o-cdn").to_dict()
    (root,) = found["tree"]
    assert root["id"] == "o-zetas"
    (child,) = root["children"]
    assert child["relation"] == "successor" and child["group"]["id"] == "o-cdn"
    assert child["preceded_by"] == ["arr-z40"]
    timeline = found["timeline"]
    assert [(t["type"], t["date"]) for t in timeline] == [("fall", "2013-07-15"),
                                                          ("split", "2014")]


def test_timeline_is_sorted_by_date(store: Store) -> None:
    lineage_world(store)
    timeline = group_lineage(store.view("mike"), "o-blo").to_dict()["timeline"]
    dates = [t["date"] for t in timeline]
    assert dates == sorted(dates)
    assert dates[0] == "2007" and "2009-12-16" in dates


def test_a_faction_only_fgr_may_see_is_left_out(store: Store) -> None:
    lineage_world(store)
    mike = json.dumps(group_lineage(store.view("mike"), "o-blo").to_dict())
    ana = group_lineage(store.view("ana"), "o-blo").to_dict()
    assert "o-secret-faction" not in mike and "Facción Reservada" not in mike
    assert "f-secret" not in mike and "f-gu-secret" not in mike
    heirs = _children(ana["tree"][0])
    assert "o-secret-faction" in heirs
    # Guerreros Unidos has two parents for ana; it is expanded once and marked again.
    gu = [heirs["o-cida"]["group"], heirs["o-secret-faction"]["group"]]
    gu = [_children(g)["o-gu"]["group"] for g in gu]
    assert sorted(bool(g.get("again")) for g in gu) == [False, True]


def test_unknown_hidden_and_edges(store: Store) -> None:
    lineage_world(store)
    source = ViewSource(store.view("mike"))
    with pytest.raises(NotFound):
        lineage(source, "o-secret-faction")
    with pytest.raises(InvalidData):
        lineage(source, "f-cps")
    alone = lineage(source, "p-sicario").to_dict()
    assert alone["tree"] == [{**alone["group"], "leaders_fallen": [], "children": []}]


def _ids(branch: dict) -> set[str]:
    return {branch["id"]}.union(*(_ids(c["group"]) for c in branch["children"]))


def test_cycles_and_groups_off_the_roots_still_appear_once_expanded(store: Store) -> None:
    setup(store)
    write(store, "d-cycle", SHARED, [
        *(group(g, g.upper()) for g in ("o-r", "o-x", "o-y", "o-z")),
        edge("f-rx", "Faction", faction=["o-x"], parent=["o-r"]),
        edge("f-yx", "Faction", faction=["o-x"], parent=["o-y"]),
        edge("s-yz", "Succession", predecessor=["o-y"], successor=["o-z"], date=["2015"]),
        edge("s-zy", "Succession", predecessor=["o-z"], successor=["o-y"], date=["2016"]),
    ])
    found = group_lineage(store.view("mike"), "o-z").to_dict()
    assert [b["id"] for b in found["tree"]] == ["o-r", "o-y"]
    assert set().union(*(_ids(b) for b in found["tree"])) == {"o-r", "o-x", "o-y", "o-z"}
    assert [t["date"] for t in found["timeline"]] == ["2015", "2016", None, None]
