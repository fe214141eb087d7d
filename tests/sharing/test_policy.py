"""The reference access rule, branch by branch, with the reason it gives."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from enlace.model.markings import Label, MarkingScheme
from enlace.sharing.policy import Decision, Grant, Principal, decide

NOW = datetime(2026, 11, 28, 12, 0)
ANA = Principal(1, "ana", clearance=2, compartments=frozenset({"FININT"}),
                agencies=frozenset({"FGR"}), countries=frozenset({"MX"}))


def test_clearance_below_level() -> None:
    d = decide(ANA, Label(3, owner="FGR"), scheme=MarkingScheme.load())
    assert not d and d.reason == "clearance CONFIDENTIAL is below the document's SECRET"


def test_missing_compartment_is_named() -> None:
    d = decide(ANA, Label(0, frozenset({"SOURCES", "FININT"}), owner="FGR"))
    assert not d and d.reason == "missing compartment SOURCES"


def test_owner_member() -> None:
    d = decide(ANA, Label(2, frozenset({"FININT"}), owner="FGR"))
    assert d and "owner agency FGR" in d.reason


@pytest.mark.parametrize("target", ["MX", "FGR"])
def test_releasable_by_country_or_agency(target: str) -> None:
    d = decide(ANA, Label(0, releasable_to=frozenset({target, "US"}), owner="DEA"))
    assert d and d.reason == f"releasable to {target}"


def test_outside_audience() -> None:
    d = decide(ANA, Label(0, releasable_to=frozenset({"US"}), owner="DEA"))
    assert not d and "no grant" in d.reason


@pytest.mark.parametrize(("grant", "allowed"), [
    (Grant("user", "1"), True),
    (Grant("user", "2"), False),
    (Grant("agency", "FGR"), True),
    (Grant("agency", "SEMAR"), False),
    (Grant("agency", "FGR", expires_at=NOW - timedelta(seconds=1)), False),
    (Grant("agency", "FGR", expires_at=NOW + timedelta(days=1)), True),
    (Grant("user", "1", revoked_at=NOW - timedelta(days=1)), False),
    (Grant("group", "1"), False),
])
def test_grants(grant: Grant, allowed: bool) -> None:
    d = decide(ANA, Label(0, owner="DEA"), [grant], NOW)
    assert bool(d) is allowed


def test_grant_never_overrides_level_or_compartments() -> None:
    grant = [Grant("user", "1")]
    assert not decide(ANA, Label(3, owner="DEA"), grant, NOW)
    assert not decide(ANA, Label(0, frozenset({"SOURCES"}), owner="DEA"), grant, NOW)


def test_derived_label_without_owner() -> None:
    assert decide(ANA, Label(0, releasable_to=frozenset({"FGR"})))
    assert not decide(ANA, Label(0))


def test_decision_is_truthy_only_when_allowed() -> None:
    assert Decision(True, "x") and not Decision(False, "y")
