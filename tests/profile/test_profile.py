"""Profiles: every section holds what the reader may see, and hidden ends stay nameless."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from enlace.exceptions import NotFound
from enlace.profile import profile
from enlace.profile.relation import HIDDEN
from enlace.store import Store


def test_names_carry_their_sources(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    ana = profile(store.view("ana"), "p-boss")
    names = {(n["prop"], n["value"]): n["sources"] for n in ana["names"]}
    assert list(names) == [("name", "Arturo Bravo"), ("alias", "Clave Coral"),
                           ("alias", "El Jefe")]
    assert [s["document"] for s in names["name", "Arturo Bravo"]] == ["d-shared", "d-sources"]
    coral = names["alias", "Clave Coral"][0]
    assert coral == {"document": "d-sources", "title": "Reporte de fuente",
                     "label": "SECRET//SOURCES//REL TO DEA", "tlp": "AMBER",
                     "origin": "user:ana"}
    mike = profile(store.view("mike"), "p-boss")
    assert [(n["prop"], n["value"]) for n in mike["names"]] == [("name", "Arturo Bravo"),
                                                                 ("alias", "El Jefe")]
    assert mike["names"][0]["sources"][0]["label"] == "PUBLIC//REL TO US"


def test_properties_leave_out_names_and_links(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    ana = {p["prop"]: p["values"] for p in profile(store.view("ana"), "p-boss")["properties"]}
    assert ana == {"birthDate": [{"value": "1975", "documents": ["d-sources"]}],
                   "nationality": [{"value": "mx", "documents": ["d-shared"]}]}
    mike = profile(store.view("mike"), "p-boss")["properties"]
    assert [p["prop"] for p in mike] == ["nationality"]


def test_relations_name_the_other_end_only_when_visible(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    mike = profile(store.view("mike"), "p-boss")
    relations = {r["via"]: r for r in mike["relations"]}
    assert set(relations) == {"mem-boss", "assoc-boss-lt", "mem-boss-hidden"}
    member = relations["mem-boss"]
    assert member["target"] == {"id": "o-cell", "schema": "Organization",
                                "caption": "Los Marlines", "visible": True}
    assert (member["caption"], member["date"], member["precision"]) == ("leader", "2019",
                                                                         "year")
    assert member["source"]["id"] == "p-boss" and member["label"] == "belongs to"
    assert relations["mem-boss-hidden"]["target"] == HIDDEN
    assert "o-hidden" not in json.dumps(mike)
    ana = {r["via"]: r for r in profile(store.view("ana"), "p-boss")["relations"]}
    assert ana["mem-boss-hidden"]["target"]["caption"] == "Organización Oculta"


def test_events_make_a_timeline_with_precision(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    mike = profile(store.view("mike"), "p-boss")
    events = mike["events"]
    assert [(e["id"], e["date"], e["precision"]) for e in events] == [
        ("ev-meeting", "2023-11", "month"), ("arr-boss", "2024-05-14", "day")]
    meeting, arrest = events
    assert arrest["roles"] == ["detained"] and arrest["location"] == [
        "Lázaro Cárdenas, Michoacán"]
    assert [p["id"] for p in meeting["participants"]] == ["p-lieutenant"]
    assert meeting["hidden_participants"] == 1
    text = json.dumps(mike)
    assert "p-secret" not in text and "Sergio Secreto" not in text
    ana = profile(store.view("ana"), "p-boss")["events"][0]
    assert [p["id"] for p in ana["participants"]] == ["p-lieutenant", "p-secret"]
    assert ana["hidden_participants"] == 0


def test_documents_that_mention_it(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    mike = profile(store.view("mike"), "p-boss")["documents"]
    assert [(d["id"], d["statements"]) for d in mike] == [("d-shared", 4)]
    ana = profile(store.view("ana"), "p-boss")["documents"]
    assert [(d["id"], d["label"]) for d in ana] == [
        ("d-shared", "PUBLIC//REL TO US"), ("d-sources", "SECRET//SOURCES//REL TO DEA")]


def test_related_ranked_by_co_mention_and_proximity(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    mike = profile(store.view("mike"), "p-boss")["related"]
    assert [(r["id"], r["score"], r["shared_documents"], r["hops"]) for r in mike] == [
        ("o-cell", 3.0, 1, 1), ("p-lieutenant", 3.0, 1, 1), ("p-courier", 1.0, 1, None)]
    ana = profile(store.view("ana"), "p-boss")["related"]
    assert [(r["id"], r["score"]) for r in ana] == [
        ("o-cell", 3.0), ("p-lieutenant", 3.0), ("o-hidden", 2.0), ("p-courier", 1.0),
        ("p-secret", 1.0)]
    assert len(profile(store.view("ana"), "p-boss", related_limit=2)["related"]) == 2


def test_an_edge_entity_has_a_profile_too(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    found = profile(store.view("mike"), "mem-boss-hidden")
    (link,) = found["relations"]
    assert link["source"]["id"] == "p-boss" and link["target"] == HIDDEN
    assert found["related"][0]["id"] == "o-cell"  # co-mentioned in d-shared


def test_hidden_and_unknown_entities_are_not_found(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    for entity_id in ("p-secret", "o-hidden", "p-nobody"):
        with pytest.raises(NotFound, match="not found"):
            profile(store.view("mike"), entity_id)
    assert profile(store.view("ana"), "p-secret")["caption"] == "Sergio Secreto"


def test_the_read_is_reported(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    events = []
    store.observers.append(events.append)
    found = profile(store.view("mike"), "p-boss")
    (event,) = events
    assert event.action == "profile" and event.principal.name == "mike"
    assert event.document_ids == ("d-shared",)
    assert {"p-boss", "o-cell", "mem-boss", "ev-meeting"} <= set(event.entity_ids)
    assert "o-hidden" not in event.entity_ids and "p-secret" not in event.entity_ids
    assert found["id"] == "p-boss"
