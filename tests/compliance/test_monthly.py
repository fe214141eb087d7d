"""The monthly report (LSN 71-V): content from the records, per agent or per embassy, in
Markdown, JSON and PDF; who files it is a choice; unfiled reports become overdue."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from typing import Any

import pytest
from pypdf import PdfReader

from enlace.compliance import accreditation, contact, meeting, monthly, permit, registry, render
from enlace.compliance.deadline import to_instant
from enlace.compliance.rules import load_rules
from enlace.compliance.status import status
from enlace.exceptions import AccessDenied, InvalidData

RULES = load_rules()
EMBASSY = RULES.choose(filer="embassy")


def mx(*parts: int) -> datetime:
    return to_instant(datetime(*parts), RULES)  # type: ignore[arg-type]


@pytest.fixture
def february(world: Any) -> Any:
    """February 2028: a call on the leap day late at night, a meeting, a permit."""
    contact.add(world.store, world.liaison, world.agent, world.federal_official, "call",
                mx(2028, 2, 29, 23, 30), "Lavado de dinero", "Coordinación")
    contact.add(world.store, world.liaison, world.agent, world.federal_official, "message",
                mx(2028, 3, 1, 0, 30), "Fuera del mes", "Aviso")
    found = meeting.request(world.store, world.liaison, world.agent, world.state_official,
                            mx(2028, 2, 10, 10), "Rutas", "Intercambio",
                            requested_at=mx(2028, 2, 1, 9))
    meeting.approve(world.store, world.sre_officer, found, "GANS", "Marta Ortiz",
                    approved_at=mx(2028, 2, 3, 9))
    met = contact.add(world.store, world.liaison, world.agent, world.state_official, "meeting",
                      mx(2028, 2, 10, 10), "Rutas", "Intercambio", meeting_id=found)
    contact.report(world.store, world.liaison, met, mx(2028, 2, 11, 9), ["SRE", "SSPC"])
    permit.apply(world.store, world.liaison, world.agent, "revolver", ".38", "CDMX",
                 date(2028, 2, 20), date(2028, 2, 1), "SRE")
    return world


def test_the_report_of_one_agent(february: Any) -> None:
    report = monthly.build(february.store, february.liaison, "2028-02", agent_id=february.agent)
    assert (report["filer"], report["article"], report["recipients"], report["due"]) == (
        f"agent:{february.agent}", "LSN 71-V", ["SRE", "SSPC"], "2028-03-10")
    [agent] = report["agents"]
    assert [(c["date"], c["kind"], c["level"], c["reported"]) for c in agent["contacts"]] == [
        ("2028-02-10", "meeting", "state", "2028-02-11"),
        ("2028-02-29", "call", "federal", None)]
    assert [m["approved_by"] for m in agent["meetings"]] == ["GANS"]
    assert [p["status"] for p in agent["permits"]] == ["applied"]
    assert agent["accreditation"]["territory"] == "CDMX, Nuevo León"
    assert report["dealings"] == {"federal": 1, "state": 1}


def test_the_report_of_an_embassy(february: Any) -> None:
    with february.store.writer() as w:
        w.add_user("fred", ["FBI"], "SECRET", roles=["liaison"])
    fred = february.store.principal("fred")
    other = registry.add_agent(february.store, fred, "Frank Bell", "FBI", "US")
    found = accreditation.request(february.store, fred, other, "MX-US-1999", "Baja California",
                                  date(2027, 12, 1))
    accreditation.review(february.store, february.sre_officer, found, date(2027, 12, 2),
                         ["SSPC", "SEDENA", "SEMAR"])
    accreditation.grant(february.store, february.sre_officer, found, date(2028, 2, 15),
                        date(2029, 2, 14))
    report = monthly.build(february.store, february.sre_officer, "2028-02", embassy="us")
    assert report["filer"] == "embassy:US"
    assert [a["id"] for a in report["agents"]] == [february.agent, other]
    # A foreign officer's embassy report covers only their own agency's agents.
    mine = monthly.build(february.store, fred, "2028-02", embassy="US")
    assert [a["id"] for a in mine["agents"]] == [other]
    with pytest.raises(InvalidData, match="embassy:US had no accredited agent in 2028-01"):
        monthly.build(february.store, fred, "2028-01", embassy="US")


def test_formats(february: Any) -> None:
    report = monthly.build(february.store, february.liaison, "2028-02", agent_id=february.agent)
    md = render.render(report, "md").decode()
    assert md.startswith(f"# Monthly report 2028-02: agent {february.agent}\n")
    assert "Under LSN 71-V, to SRE and SSPC. Due 2028-03-10; filed not yet." in md
    assert "| 2028-02-29 | call | federal | SSPC |  | Lavado de dinero | Coordinación | not yet |" \
        in md
    assert json.loads(render.render(report, "json")) == report
    pdf = render.render(report, "pdf")
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Monthly report 2028-02" in text and "Lavado de dinero" in text
    with pytest.raises(InvalidData, match="unknown format"):
        render.render(report, "docx")


def test_bad_report_requests(february: Any) -> None:
    with pytest.raises(InvalidData, match="either an agent"):
        monthly.build(february.store, february.liaison, "2028-02")
    with pytest.raises(InvalidData, match="either an agent"):
        monthly.build(february.store, february.liaison, "2028-02", february.agent, "US")
    with pytest.raises(InvalidData, match="nothing to report"):
        monthly.build(february.store, february.liaison, "2027-01", agent_id=february.agent)
    with pytest.raises(InvalidData, match="use YYYY-MM"):
        monthly.build(february.store, february.liaison, "Feb 2028", agent_id=february.agent)
    with pytest.raises(InvalidData, match="unknown agent 42"):
        monthly.build(february.store, february.liaison, "2028-02", agent_id=42)
    with pytest.raises(AccessDenied):
        monthly.build(february.store, february.analyst, "2028-02", agent_id=february.agent)


def test_filing_follows_the_filer_rule(february: Any) -> None:
    before = february.counts()
    with pytest.raises(InvalidData, match="the agent files the monthly report"):
        monthly.record_filing(february.store, february.liaison, "2028-02", mx(2028, 3, 5, 9),
                              ["SRE", "SSPC"], embassy="US")
    with pytest.raises(InvalidData, match="the embassy files the monthly report"):
        monthly.record_filing(february.store, february.liaison, "2028-02", mx(2028, 3, 5, 9),
                              ["SRE", "SSPC"], agent_id=february.agent, rules=EMBASSY)
    with pytest.raises(InvalidData, match="after the month ends"):
        monthly.record_filing(february.store, february.liaison, "2028-02", mx(2028, 2, 29, 9),
                              ["SRE", "SSPC"], agent_id=february.agent)
    with pytest.raises(InvalidData, match="goes to SSPC as well"):
        monthly.record_filing(february.store, february.liaison, "2028-02", mx(2028, 3, 5, 9),
                              ["SRE"], agent_id=february.agent)
    assert february.counts() == before
    monthly.record_filing(february.store, february.liaison, "2028-02", mx(2028, 3, 5, 9),
                          ["SRE", "SSPC"], agent_id=february.agent)
    with pytest.raises(InvalidData, match="already recorded"):
        monthly.record_filing(february.store, february.liaison, "2028-02", mx(2028, 3, 6, 9),
                              ["SRE", "SSPC"], agent_id=february.agent)
    assert february.actions()[-1] == "compliance.monthly.file"
    report = monthly.build(february.store, february.liaison, "2028-02", agent_id=february.agent)
    assert report["filed"] == "2028-03-05"


def reports(world: Any, today: date, rules: Any = RULES) -> dict[str, tuple[str, str]]:
    return {d.subject.split(", ")[1]: (d.subject.split(", ")[0], d.state)
            for d in status(world.store, world.sre_officer, today, rules, everything=True)
            if d.rule == "monthly_report"}


def test_unfiled_reports_become_overdue(february: Any) -> None:
    agent = f"agent {february.agent}"
    assert reports(february, date(2028, 3, 5))["2028-02"] == (agent, "due_soon")
    assert reports(february, date(2028, 3, 11))["2028-02"] == (agent, "overdue")
    got = reports(february, date(2028, 3, 11))
    assert got["2027-02"] == (agent, "overdue")  # accredited from 1 Feb 2027
    assert "2027-01" not in got and "2028-03" not in got
    monthly.record_filing(february.store, february.liaison, "2028-02", mx(2028, 3, 12, 9),
                          ["SRE", "SSPC"], agent_id=february.agent)
    assert reports(february, date(2028, 3, 20))["2028-02"] == (agent, "late")


def test_embassies_file_under_the_guidelines(february: Any) -> None:
    assert reports(february, date(2028, 3, 11), EMBASSY)["2028-02"] == ("embassy US", "overdue")
    monthly.record_filing(february.store, february.sre_officer, "2028-02", mx(2028, 3, 9, 9),
                          ["SRE", "SSPC"], embassy="US", rules=EMBASSY)
    assert reports(february, date(2028, 3, 11), EMBASSY)["2028-02"] == ("embassy US", "met")
    assert reports(february, date(2028, 3, 11))["2028-02"][1] == "overdue"
