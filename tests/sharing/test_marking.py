"""Label options turned into a checked label: a person marks only what they could read,
and only for an agency they belong to."""

from __future__ import annotations

import pytest

from enlace.exceptions import InvalidData, PolicyError
from enlace.model.markings import MarkingScheme
from enlace.sharing.marking import LabelOptions, resolve
from enlace.sharing.policy import Principal

SCHEME = MarkingScheme.load()
SECRET = SCHEME.level("SECRET").rank
ARCE = Principal(id=1, name="arce", clearance=SECRET, compartments=frozenset({"SOURCES"}),
                 agencies=frozenset({"CNI"}), countries=frozenset({"MX"}))
GALINDO = Principal(id=2, name="galindo", clearance=SCHEME.level("CONFIDENTIAL").rank,
                    agencies=frozenset({"CNI"}), countries=frozenset({"MX"}))
SERRANO = Principal(id=3, name="serrano", clearance=SECRET,
                    agencies=frozenset({"FGR", "UIF"}), countries=frozenset({"MX"}))


def test_defaults_are_the_lowest_level_the_only_agency_and_amber() -> None:
    label, tlp = resolve(LabelOptions(), ARCE, SCHEME)
    assert (label.level, label.owner, label.compartments, label.releasable_to, tlp) == (
        SCHEME.lowest.rank, "CNI", frozenset(), frozenset(), "AMBER")


def test_a_full_label_within_what_one_holds() -> None:
    label, tlp = resolve(LabelOptions("SECRET", ("sources",), ("mx", "dea"), "cni", "red"),
                         ARCE, SCHEME)
    assert label.level == SECRET and label.compartments == {"SOURCES"}
    assert label.releasable_to == {"MX", "DEA"} and label.owner == "CNI" and tlp == "RED"


def test_no_one_marks_above_their_clearance() -> None:
    with pytest.raises(PolicyError, match="cannot mark a document SECRET"):
        resolve(LabelOptions("SECRET"), GALINDO, SCHEME)


def test_no_one_marks_with_a_compartment_they_do_not_hold() -> None:
    with pytest.raises(PolicyError, match="compartment SOURCES, which you do not hold"):
        resolve(LabelOptions("CONFIDENTIAL", ("SOURCES",)), GALINDO, SCHEME)


def test_a_member_of_several_agencies_must_name_the_owner() -> None:
    with pytest.raises(InvalidData, match="say which agency owns the document"):
        resolve(LabelOptions(), SERRANO, SCHEME)
    assert resolve(LabelOptions(owner="uif"), SERRANO, SCHEME)[0].owner == "UIF"


def test_no_one_files_for_an_agency_they_are_not_in() -> None:
    with pytest.raises(PolicyError, match="not a member of DEA"):
        resolve(LabelOptions(owner="DEA"), ARCE, SCHEME)


@pytest.mark.parametrize("spelling", ["M", "1", "m-"])
def test_releasability_is_an_agency_or_a_country(spelling: str) -> None:
    with pytest.raises(InvalidData, match="invalid releasability"):
        resolve(LabelOptions(releasable_to=(spelling,)), ARCE, SCHEME)
