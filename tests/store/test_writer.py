"""Writing: agencies, people, label changes with their record, derived documents, grants."""

from __future__ import annotations

import pytest

from enlace.exceptions import InvalidData, NotFound, PolicyError
from enlace.model.markings import Label
from enlace.store import NewDocument, Store
from enlace.store.tables import label_change


@pytest.fixture
def people(store: Store) -> Store:
    with store.writer() as w:
        w.add_agency("FGR", "Fiscalía General de la República", "MX")
        w.add_agency("SEMAR", "Secretaría de Marina", "MX")
        w.add_agency("DEA", "Drug Enforcement Administration", "US")
        w.add_user("ana", ["FGR"], "SECRET", ["SOURCES"], ["analyst"])
        w.add_user("olga", ["FGR"], "SECRET", ["SOURCES"], ["compliance"])
        w.add_user("raul", ["FGR"], "RESTRICTED")
        w.add_user("mike", ["DEA"], "SECRET", ["SOURCES"])
        w.add_user("marina", ["SEMAR"], "SECRET", ["SOURCES"])
    return store


def add(store: Store, doc_id: str, label: Label, by: str = "ana") -> None:
    with store.writer() as w:
        w.add_document(NewDocument(doc_id, doc_id, label, "AMBER", title=doc_id),
                       store.principal(by))


@pytest.mark.parametrize(("code", "country", "message"), [
    ("MX", "MX", "two letters"), ("fgr", "MX", "already exists"), ("NEW", "Atlantis", "country"),
    ("BAD CODE", "MX", "invalid agency code"),
])
def test_bad_agencies(people: Store, code: str, country: str, message: str) -> None:
    with pytest.raises(InvalidData, match=message), people.writer() as w:
        w.add_agency(code, "Name", country)


def test_agency_country_by_name(people: Store) -> None:
    with people.writer() as w:
        w.add_agency("DIJIN", "Dirección de Investigación Criminal", "Colombia")
    assert people.principal("ana").countries == {"MX"}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": "ana"}, "already exists"), ({"agencies": ["NOPE"]}, "unknown agency"),
    ({"agencies": []}, "at least one agency"), ({"clearance": "ULTRA"}, "unknown classification"),
    ({"roles": ["spy"]}, "unknown role"), ({"compartments": ["bad name"]}, "compartment"),
    ({"name": "two words"}, "one word"),
])
def test_bad_users(people: Store, kwargs: dict, message: str) -> None:
    args = {"name": "new", "agencies": ["FGR"], "clearance": "PUBLIC", **kwargs}
    with pytest.raises(InvalidData, match=message), people.writer() as w:
        w.add_user(**args)


def test_a_failed_transaction_leaves_nothing(people: Store) -> None:
    with pytest.raises(InvalidData), people.writer() as w:
        w.add_agency("CNI", "Centro Nacional de Inteligencia", "MX")
        w.add_user("x", ["CNI"], "NONSENSE")
    with pytest.raises(NotFound):
        people.principal("x")
    with people.writer() as w:
        w.add_agency("CNI", "Centro Nacional de Inteligencia", "MX")  # was rolled back


def test_unknown_release_target(people: Store) -> None:
    with pytest.raises(InvalidData, match="unknown agency 'NOPE'"):
        add(people, "d1", Label(0, releasable_to=frozenset({"NOPE"}), owner="FGR"))
    with pytest.raises(InvalidData, match="not a country code"):
        add(people, "d1", Label(0, releasable_to=frozenset({"XX"}), owner="FGR"))


def test_lowering_is_recorded_with_who_and_why(people: Store) -> None:
    add(people, "d1", Label(3, frozenset({"SOURCES"}), frozenset(), "FGR"))
    ana = people.principal("ana")
    with people.writer() as w:
        direction = w.change_label("d1", Label(1, frozenset(), frozenset({"US"}), "FGR"), "GREEN",
                                   ana, "sanitised for the joint task force")
    assert direction == "lower"
    assert people.view("mike").document("d1").tlp == "GREEN"
    history = people.view("ana").label_history("d1")
    assert history[0]["by"] == "ana" and history[0]["direction"] == "lower"
    assert history[0]["from"] == "SECRET//SOURCES" and history[0]["to"] == "RESTRICTED//REL TO US"
    assert history[0]["reason"] == "sanitised for the joint task force"


def test_label_change_rules(people: Store) -> None:
    add(people, "d1", Label(1, owner="FGR"))
    ana, raul, mike = (people.principal(n) for n in ("ana", "raul", "mike"))
    with pytest.raises(PolicyError, match="why"), people.writer() as w:
        w.change_label("d1", Label(0, owner="FGR"), None, ana, "  ")
    with pytest.raises(NotFound), people.writer() as w:
        w.change_label("d1", Label(0, owner="FGR"), None, mike, "not theirs to see")
    with pytest.raises(PolicyError, match="clearance"), people.writer() as w:
        w.change_label("d1", Label(3, owner="FGR"), None, raul, "above own clearance")
    with pytest.raises(PolicyError, match="owner"), people.writer() as w:
        w.change_label("d1", Label(1, owner="DEA"), None, ana, "give it away")
    with people.writer() as w:
        assert w.change_label("d1", Label(2, owner="FGR"), None, ana, "more sensitive") == "raise"
        assert w.change_label("d1", Label(3, releasable_to=frozenset({"US"}), owner="FGR"),
                              None, ana, "wider but higher") == "mixed"
    with people.writer() as w:
        assert w.count(label_change) == 2


def test_derived_document_combines_labels(people: Store) -> None:
    add(people, "a", Label(1, frozenset({"SOURCES"}), frozenset({"MX", "US"}), "FGR"))
    add(people, "b", Label(2, frozenset(), frozenset({"US", "FGR"}), "SEMAR"), by="marina")
    ana = people.principal("ana")
    with people.writer() as w:
        combined = w.derive("merged", ["a", "b"], ana, "merge of two profiles")
    # a reaches FGR, all of MX and all of US; b reaches SEMAR, FGR and all of US.
    assert combined == Label(2, frozenset({"SOURCES"}), frozenset({"US", "FGR", "SEMAR"}), None)
    assert people.view("mike").document("merged").kind == "derived"
    assert people.view("marina").document("merged").owner is None
    with people.writer() as w:
        w.add_user("nina", ["FGR"], "CONFIDENTIAL")  # lacks SOURCES, which a brought in
    with pytest.raises(NotFound):
        people.view("nina").document("merged")
    with pytest.raises(NotFound), people.writer() as w:
        w.derive("m2", ["a", "secret-unknown"], ana, "x")


def test_derive_needs_every_input_visible(people: Store) -> None:
    add(people, "a", Label(0, owner="FGR"))
    add(people, "d", Label(0, owner="DEA"), by="mike")
    with pytest.raises(NotFound), people.writer() as w:
        w.derive("m", ["a", "d"], people.principal("ana"), "mix")


def test_raising_an_input_raises_what_was_derived_from_it(people: Store) -> None:
    add(people, "a", Label(0, releasable_to=frozenset({"US"}), owner="FGR"))
    add(people, "b", Label(0, releasable_to=frozenset({"US"}), owner="FGR"))
    ana, olga = people.principal("ana"), people.principal("olga")
    with people.writer() as w:
        w.derive("m1", ["a", "b"], ana, "merge")
        w.derive("m2", ["m1"], ana, "summary of the merge")
    assert people.view("mike").count_documents() == 4
    with people.writer() as w:
        w.change_label("m2", Label(0, releasable_to=frozenset({"US", "FGR", "MX"})), None,
                       olga, "compliance widened the summary")
        w.change_label("a", Label(3, frozenset({"SOURCES"}), frozenset(), "FGR"), None, ana,
                       "the source is at risk")
    mike = people.view("mike")
    assert {d.id for d in mike.documents()} == {"b"}
    derived = people.view("ana").document("m2").label
    assert derived.level == 3 and derived.compartments == {"SOURCES"}
    assert derived.releasable_to == {"FGR"}
    directions = [c["direction"] for c in people.view("ana").label_history("m2")]
    assert directions == ["lower", "propagate"]


def test_only_creator_or_compliance_relabels_derived(people: Store) -> None:
    add(people, "a", Label(0, owner="FGR"))
    with people.writer() as w:
        w.derive("m", ["a"], people.principal("ana"), "note")
    with pytest.raises(PolicyError, match="creator"), people.writer() as w:
        w.change_label("m", Label(1, releasable_to=frozenset({"FGR"})), None,
                       people.principal("raul"), "try")


def test_grants_and_revocation(people: Store) -> None:
    add(people, "a", Label(1, owner="FGR"))
    ana = people.principal("ana")
    with people.writer() as w:
        gid = w.grant("a", "agency", "DEA", ana)
    assert people.view("mike").document("a").id == "a"
    assert "grant" in people.view("mike").explain("a").reason
    with people.writer() as w:
        w.revoke(gid, ana)
    with pytest.raises(NotFound):
        people.view("mike").document("a")
    with pytest.raises(NotFound), people.writer() as w:
        w.revoke(gid, ana)
    with pytest.raises(InvalidData), people.writer() as w:
        w.grant("a", "planet", "x", ana)
