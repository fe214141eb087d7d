"""Marking schemes, labels and the combination rule for derived documents."""

from __future__ import annotations

import itertools

import pytest

from enlace.exceptions import InvalidData
from enlace.model.markings import Label, MarkingScheme, combine, compartment

COUNTRIES = {"FGR": "MX", "SEMAR": "MX", "DEA": "US", "HSI": "US", "DIJIN": "CO"}


@pytest.fixture(scope="module")
def scheme() -> MarkingScheme:
    return MarkingScheme.load()


@pytest.mark.parametrize(("spelling", "name"), [
    ("PUBLIC", "PUBLIC"), ("público", "PUBLIC"), ("Publico", "PUBLIC"),
    ("restringido", "RESTRICTED"), ("Confidencial", "CONFIDENTIAL"), ("SECRETO", "SECRET"),
    (" secret ", "SECRET"), ("unclassified", "PUBLIC"),
])
def test_levels_in_english_and_spanish(scheme: MarkingScheme, spelling: str, name: str) -> None:
    assert scheme.level(spelling).name == name


def test_levels_are_ordered(scheme: MarkingScheme) -> None:
    ranks = [scheme.level(n).rank for n in ("PUBLIC", "RESTRICTED", "CONFIDENTIAL", "SECRET")]
    assert ranks == sorted(ranks) == [0, 1, 2, 3]


def test_unknown_level_lists_the_choices(scheme: MarkingScheme) -> None:
    with pytest.raises(InvalidData, match="PUBLIC, RESTRICTED, CONFIDENTIAL, SECRET"):
        scheme.level("TOP SECRET")


@pytest.mark.parametrize(("spelling", "colour"), [
    ("white", "CLEAR"), ("clear", "CLEAR"), ("ámbar", "AMBER"), ("amber+strict", "AMBER+STRICT"),
    ("rojo", "RED"), ("GREEN", "GREEN"),
])
def test_tlp_colours(scheme: MarkingScheme, spelling: str, colour: str) -> None:
    assert scheme.tlp_colour(spelling) == colour


def test_bad_tlp_and_role(scheme: MarkingScheme) -> None:
    with pytest.raises(InvalidData, match="TLP"):
        scheme.tlp_colour("purple")
    with pytest.raises(InvalidData, match="role"):
        scheme.role("spy")
    assert scheme.role("Liaison") == "liaison"


def test_compartment_names() -> None:
    assert compartment("sources") == "SOURCES"
    assert compartment("op-marlín") == "OP-MARLIN"
    for bad in ("", "two words", "1OP", "X" * 40):
        with pytest.raises(InvalidData):
            compartment(bad)


def test_scheme_rejects_a_name_used_by_two_levels() -> None:
    with pytest.raises(InvalidData, match="two levels"):
        MarkingScheme.from_dict({"classification": [
            {"name": "LOW", "names": ["BAJO"]}, {"name": "HIGH", "names": ["bajo"]}]})
    with pytest.raises(InvalidData, match="classification"):
        MarkingScheme.from_dict({"tlp": []})


def test_scheme_round_trips(scheme: MarkingScheme) -> None:
    assert MarkingScheme.from_dict(scheme.to_dict()) == scheme


def test_render_banner(scheme: MarkingScheme) -> None:
    label = Label(3, frozenset({"SOURCES", "FININT"}), frozenset({"MX", "DEA"}), "FGR")
    assert label.render(scheme) == "SECRET//FININT/SOURCES//REL TO DEA, MX"
    assert label.render(scheme, spanish=True) == "SECRETO//FININT/SOURCES//REL A DEA, MX"
    assert Label(0).render(scheme) == "PUBLIC"


def test_fingerprint_is_canonical() -> None:
    a = Label(1, frozenset({"B", "A"}), frozenset({"US", "MX"}), "FGR")
    b = Label(1, frozenset({"A", "B"}), frozenset({"MX", "US"}), "FGR")
    assert a.fingerprint == b.fingerprint
    assert a.fingerprint != Label(1, a.compartments, a.releasable_to, "DEA").fingerprint


def audience(label: Label) -> set[str]:
    """Agencies that may see a label (ignoring level and compartments)."""
    return {a for a, cc in COUNTRIES.items()
            if a == label.owner or a in label.releasable_to or cc in label.releasable_to}


LABELS = [
    Label(level, frozenset(comps), frozenset(rel), owner)
    for level, comps, rel, owner in itertools.product(
        range(4), [(), ("SOURCES",), ("FININT", "OP-X")],
        [(), ("MX",), ("US",), ("DEA",), ("MX", "DEA"), ("FGR", "HSI"), ("CO", "US")],
        ["FGR", "DEA", "DIJIN"])
]


def test_combine_takes_highest_level_union_and_intersection() -> None:
    for left, right in itertools.product(LABELS[::5], LABELS[::7]):
        result = combine([left, right], COUNTRIES)
        assert result.level == max(left.level, right.level)
        assert result.compartments == left.compartments | right.compartments
        assert result.owner is None
        assert audience(result) == audience(left) & audience(right), (left, right)


def test_combine_keeps_a_shared_country_as_a_country() -> None:
    left = Label(0, releasable_to=frozenset({"MX", "US"}), owner="FGR")
    right = Label(1, releasable_to=frozenset({"MX"}), owner="DEA")
    result = combine([left, right], COUNTRIES)
    assert result.releasable_to == {"MX", "DEA"}


def test_combine_of_one_label_keeps_its_audience() -> None:
    only = Label(2, frozenset({"SOURCES"}), frozenset(), "FGR")
    assert combine([only], COUNTRIES) == Label(2, frozenset({"SOURCES"}), frozenset({"FGR"}))


def test_combine_needs_inputs() -> None:
    with pytest.raises(InvalidData):
        combine([], COUNTRIES)
