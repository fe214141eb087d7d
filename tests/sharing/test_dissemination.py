"""Disseminations that reach nobody are refused, with each reason, before anything is sent."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from tests.sharing.conftest import Case

from enlace.exceptions import PolicyError
from enlace.sharing.dissemination import Request, prepare
from enlace.sharing.tables import dissemination
from enlace.sharing.targets import parse

TEXT = "Según la fuente, el cargamento saldrá del muelle a finales de abril."


def report(case: Case, to: str) -> Request:
    """A report drawn from the SECRET source report, to ``to``."""
    return Request("report", parse(to), "AMBER", text=TEXT, sources=(case.source_report,))


def test_an_agency_where_nobody_may_receive_it_is_refused(case: Case) -> None:
    store = case.store
    view = store.view("tomas.arce")
    request = report(case, "agency:UIF")  # UIF's people are CONFIDENTIAL at most
    with pytest.raises(PolicyError, match=r"nobody at agency:UIF may receive this \(clearance\)"):
        prepare(store, view, request)
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(dissemination)).scalar_one() == 0


def test_an_agency_where_some_may_receive_it_skips_the_others(case: Case) -> None:
    store = case.store
    view = store.view("tomas.arce")
    plan = prepare(store, view, report(case, "agency:CNI"))
    skipped = {c.person.name: c.skipped for c in plan.copies}
    assert skipped["sofia.galindo"] == "clearance" and skipped["cni.officer"] is None
