"""Recording compliance duties through the REST API: every recording command of
``enlace compliance``, with roles, hidden records, bad input and CSRF, each change audited.

``michael.brennan`` is a DEA liaison (records, follows DEA agents only); ``lucia.ortega`` an
FGR compliance officer (a Mexican officer: accredits, approves, authorises); ``tomas.arce``
a CNI analyst with no compliance role.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from tests.api.conftest import log_in, password

from enlace.api.passwords import set_password
from enlace.audit.tables import audit_event
from enlace.compliance.tables import metadata as compliance_metadata
from enlace.model.markings import Label
from enlace.store import NewDocument, Store

C = "/api/compliance"
AGREEMENT = {"code": "MX-US-1999", "title": "Memorándum de cooperación", "country": "US",
             "agencies": ["DEA"], "authority": "FGR", "channels": ["SSPC"]}
TABLES = ("compliance_agreement", "foreign_agent", "official", "accreditation",
          "firearm_permit", "meeting_request", "contact", "contact_report", "monthly_filing")


def person(client: TestClient, name: str) -> TestClient:
    """A client logged in as ``name`` that sends its CSRF token on every request."""
    other = TestClient(client.app)
    other.headers["X-CSRF-Token"] = log_in(other, name)
    return other


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    found: dict[str, Any] = response.json()
    return found


def refused(response: Any, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    assert words in response.json()["error"], response.json()


def compliance_actions(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(audit_event.c.action).where(
            audit_event.c.action.like("compliance.%")).order_by(audit_event.c.seq)).scalars())


def counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        found = {name: conn.execute(select(func.count()).select_from(
            compliance_metadata.tables[name])).scalar_one() for name in TABLES}
    found["audit"] = len(compliance_actions(store))
    return found


@pytest.fixture
def brennan(client: TestClient) -> TestClient:
    return person(client, "michael.brennan")


@pytest.fixture
def ortega(client: TestClient) -> TestClient:
    return person(client, "lucia.ortega")


@pytest.fixture
def registry(brennan: TestClient, ortega: TestClient) -> dict[str, int]:
    """An agreement, a DEA agent accredited by the SRE, and two officials."""
    ok(brennan.post(f"{C}/agreements", json=AGREEMENT), 201)
    agent = ok(brennan.post(f"{C}/agents", json={"name": "John Smith", "agency": "DEA",
                                                 "nationality": "US"}), 201)["id"]
    federal = ok(ortega.post(f"{C}/officials", json={
        "name": "Pedro Ruiz", "level": "federal", "body": "SSPC"}), 201)["id"]
    state = ok(ortega.post(f"{C}/officials", json={
        "name": "Rita Cano", "level": "state", "body": "SSP-TAMPS", "place": "Tamaulipas"}),
        201)["id"]
    acc = ok(brennan.post(f"{C}/agents/{agent}/accreditations", json={
        "agreement": "MX-US-1999", "territory": "CDMX", "on": "2026-09-01"}), 201)["id"]
    ok(ortega.post(f"{C}/accreditations/{acc}/review",
                   json={"agreed": ["SSPC", "SEDENA", "SEMAR"], "on": "2026-09-05"}))
    ok(ortega.post(f"{C}/accreditations/{acc}/grant",
                   json={"until": "2028-09-30", "on": "2026-09-10"}))
    return {"agent": agent, "federal": federal, "state": state, "accreditation": acc}


def test_every_duty_is_recorded_and_audited(brennan: TestClient, ortega: TestClient,
                                            registry: dict[str, int],
                                            case_store: Store) -> None:
    agent = registry["agent"]
    permit = ok(brennan.post(f"{C}/agents/{agent}/permits", json={
        "weapon": "Semiautomatic pistol", "calibre": "9mm", "site": "CDMX", "applicant": "SRE",
        "assignment_start": "2026-10-20", "on": "2026-10-01"}), 201)["id"]
    assert ok(ortega.post(f"{C}/permits/{permit}/grant", json={"on": "2026-10-10"}))[
        "valid_until"] == "2027-04-10"
    assert ok(ortega.post(f"{C}/permits/{permit}/renew", json={"on": "2026-11-01"}))[
        "valid_until"] == "2027-10-10"
    ok(brennan.post(f"{C}/permits/{permit}/notify",
                    json={"change": "site", "site": "Monterrey", "on": "2026-11-02"}))
    meeting = ok(brennan.post(f"{C}/agents/{agent}/meetings", json={
        "official": registry["federal"], "at": "2026-11-10T10:00", "topic": "Rutas",
        "purpose": "Intercambio", "requested": "2026-11-01T09:00"}), 201)["id"]
    ok(ortega.post(f"{C}/meetings/{meeting}/approve", json={
        "by": "GANS", "sre_official": "Marta Ortiz", "at": "2026-11-05T12:00"}))
    met = ok(brennan.post(f"{C}/agents/{agent}/contacts", json={
        "official": registry["federal"], "kind": "meeting", "meeting": meeting,
        "at": "2026-11-10T10:00", "topic": "Rutas", "purpose": "Intercambio"}), 201)
    assert met["report_due"] == "2026-11-13"
    call = ok(brennan.post(f"{C}/agents/{agent}/contacts", json={
        "official": registry["state"], "kind": "call", "at": "2026-11-20T18:30",
        "topic": "Aseguramiento", "purpose": "Coordinación"}), 201)
    assert call["report_due"] == "2026-11-23"
    ok(brennan.post(f"{C}/contacts/{met['id']}/report",
                    json={"filed": "2026-11-12T09:00", "to": ["SRE", "SSPC"]}), 201)

    file = ok(brennan.get(f"{C}/agents/{agent}"))
    assert file["agent"]["agency"] == "DEA"
    assert [(c["kind"], c["report_due"], c["state"]) for c in file["contacts"]] == [
        ("call", "2026-11-23", "overdue"), ("meeting", "2026-11-13", "met")]
    assert [(p["site"], p["renewals"], p["valid_until"]) for p in file["permits"]] == [
        ("Monterrey", 1, "2027-10-10")]
    assert file["accreditations"][0]["status"] == "accredited"
    assert file["meetings"][0]["status"] == "approved"
    assert compliance_actions(case_store) == [
        "compliance.agreement.add", "compliance.agent.add", "compliance.official.add",
        "compliance.official.add", "compliance.accreditation.request",
        "compliance.accreditation.review", "compliance.accreditation.grant",
        "compliance.permit.apply", "compliance.permit.grant", "compliance.permit.renew",
        "compliance.permit.notify_site", "compliance.meeting.request",
        "compliance.meeting.approve", "compliance.contact.add", "compliance.contact.add",
        "compliance.contact.report"]
    assert [a["id"] for a in ok(brennan.get(f"{C}/agents"))] == [agent]
    assert [o["name"] for o in ok(brennan.get(f"{C}/officials"))] == ["Pedro Ruiz", "Rita Cano"]
    assert [a["code"] for a in ok(brennan.get(f"{C}/agreements"))] == ["MX-US-1999"]


def test_accreditations_end_and_permits_end(brennan: TestClient, ortega: TestClient,
                                            registry: dict[str, int]) -> None:
    agent = registry["agent"]
    permit = ok(brennan.post(f"{C}/agents/{agent}/permits", json={
        "weapon": "revolver", "calibre": ".38", "site": "CDMX", "applicant": "SRE",
        "assignment_start": "2026-10-20", "on": "2026-10-01"}), 201)["id"]
    ok(ortega.post(f"{C}/permits/{permit}/grant", json={"on": "2026-10-10"}))
    ok(brennan.post(f"{C}/permits/{permit}/notify", json={"change": "end", "on": "2026-11-30"}))
    refused(ortega.post(f"{C}/permits/{permit}/renew", json={}), 400, "is ended, not granted")
    acc = registry["accreditation"]
    ok(ortega.post(f"{C}/accreditations/{acc}/recall",
                   json={"reason": "actos fuera del acuerdo", "on": "2026-12-01"}))
    refused(brennan.post(f"{C}/accreditations/{acc}/withdraw", json={"reason": "fin"}), 400,
            "is recalled: it cannot become withdrawn")
    file = ok(ortega.get(f"{C}/agents/{agent}"))
    assert [(a["status"], a["ended_on"]) for a in file["accreditations"]] == [
        ("recalled", "2026-12-01")]
    assert [p["state"] for p in file["permits"]] == ["ended"]


def test_roles_are_enforced_and_other_agencies_agents_are_hidden(
        client: TestClient, brennan: TestClient, ortega: TestClient,
        registry: dict[str, int], case_store: Store) -> None:
    analyst = person(client, "tomas.arce")
    refused(analyst.get(f"{C}/agents"), 403, "neither a liaison nor a compliance officer")
    refused(analyst.post(f"{C}/agents", json={"name": "X", "agency": "DEA",
                                              "nationality": "US"}), 403, "neither")
    refused(analyst.get(f"{C}/agents/{registry['agent']}"), 403, "neither")
    hsi = ok(ortega.post(f"{C}/agents", json={"name": "Ann Lee", "agency": "HSI",
                                              "nationality": "US"}), 201)["id"]
    before = counts(case_store)
    refused(brennan.post(f"{C}/agents", json={"name": "Ann Lee", "agency": "HSI",
                                              "nationality": "US"}), 403, "not a member of HSI")
    for response in (brennan.get(f"{C}/agents/{hsi}"),
                     brennan.post(f"{C}/agents/{hsi}/accreditations",
                                  json={"agreement": "MX-US-1999", "territory": "CDMX"}),
                     brennan.post(f"{C}/agents/{hsi}/contacts", json={
                         "official": registry["federal"], "kind": "call",
                         "at": "2026-11-20T18:30", "topic": "t", "purpose": "p"}),
                     brennan.post(f"{C}/agents/999999/permits", json={
                         "weapon": "revolver", "calibre": ".38", "site": "CDMX",
                         "applicant": "SRE", "assignment_start": "2027-01-20"}),
                     brennan.post(f"{C}/contacts/999999/report", json={"to": ["SRE", "SSPC"]}),
                     brennan.get(f"{C}/report", params={"month": "2026-11", "agent": hsi})):
        refused(response, 404, "unknown")
    assert hsi not in [a["id"] for a in ok(brennan.get(f"{C}/agents"))]
    refused(brennan.post(f"{C}/accreditations/{registry['accreditation']}/recall",
                         json={"reason": "x"}), 403, "only an officer of a Mexican agency")
    assert counts(case_store) == before


@pytest.mark.parametrize(("path", "body", "status", "words"), [
    ("/agents/{agent}/permits", {"weapon": "rifle", "calibre": ".38", "site": "CDMX",
                                 "applicant": "SRE", "assignment_start": "2027-01-20"}, 400,
     "cannot be authorised"),
    ("/agents/{agent}/permits", {"weapon": "revolver", "calibre": ".45", "site": "CDMX",
                                 "applicant": "SRE", "assignment_start": "2027-01-20"}, 400,
     "above the .40 limit"),
    ("/agents/{agent}/permits", {"weapon": "revolver", "calibre": ".38", "site": "CDMX",
                                 "applicant": "SRE", "assignment_start": "20 enero"}, 400,
     "use YYYY-MM-DD"),
    ("/agents/{agent}/contacts", {"official": "{federal}", "kind": "arrest",
                                  "at": "2026-11-20T18:30", "topic": "t", "purpose": "p"},
     400, "liaison and information exchange only"),
    ("/agents/{agent}/contacts", {"official": "{federal}", "kind": "meeting",
                                  "at": "2026-11-20T18:30", "topic": "t", "purpose": "p"},
     400, "needs prior approval from the GANS"),
    ("/agents/{agent}/contacts", {"official": "{federal}", "kind": "call",
                                  "at": "ayer", "topic": "t", "purpose": "p"},
     400, "Mexico City time"),
    ("/agents/{agent}/contacts", {"official": 31337, "kind": "call",
                                  "at": "2026-11-20T18:30", "topic": "t", "purpose": "p"},
     400, "unknown official 31337"),
    ("/agents/{agent}/accreditations", {"agreement": "NOPE", "territory": "CDMX"}, 400,
     "unknown agreement"),
    ("/officials", {"name": "Ana", "level": "galactic", "body": "SSPC"}, 400, "unknown level"),
    ("/filings", {"month": "2026-11", "to": ["SRE", "SSPC"], "embassy": "US"}, 400,
     "the agent files the monthly report"),
])
def test_bad_input_is_refused_with_its_reason(brennan: TestClient, registry: dict[str, int],
                                              case_store: Store, path: str,
                                              body: dict[str, Any], status: int,
                                              words: str) -> None:
    filled = {k: registry["federal"] if v == "{federal}" else v for k, v in body.items()}
    before = counts(case_store)
    refused(brennan.post(C + path.format(agent=registry["agent"]), json=filled), status, words)
    assert counts(case_store) == before


def test_malformed_bodies_and_ids_are_client_errors(brennan: TestClient,
                                                    registry: dict[str, int]) -> None:
    agent = registry["agent"]
    assert brennan.post(f"{C}/agents", json={"name": "X"}).status_code == 422
    assert brennan.post(f"{C}/agents", json={"name": "A\x00B", "agency": "DEA",
                                             "nationality": "US"}).status_code == 422
    assert brennan.get(f"{C}/agents/{2**40}").status_code == 422
    assert brennan.post(f"{C}/agents/{agent}/contacts", json={
        "official": 2**40, "kind": "call", "at": "2026-11-20T18:30", "topic": "t",
        "purpose": "p"}).status_code == 422
    assert brennan.post(f"{C}/meetings/1/approve", json={
        "by": "9" * 30, "urgent": True, "sre_official": "M"}).status_code == 422


def test_cookie_sessions_need_the_csrf_token_and_tokens_do_not(
        client: TestClient, case_store: Store) -> None:
    csrf = log_in(client, "michael.brennan")
    before = counts(case_store)
    refused(client.post(f"{C}/agreements", json=AGREEMENT), 403, "CSRF")
    assert counts(case_store) == before
    token = ok(client.post("/api/tokens", json={"name": "compliance-script"},
                           headers={"X-CSRF-Token": csrf}), 201)["token"]
    script = TestClient(client.app)
    ok(script.post(f"{C}/agreements", json=AGREEMENT,
                   headers={"Authorization": f"Bearer {token}"}), 201)
    assert compliance_actions(case_store) == ["compliance.agreement.add"]


def test_the_monthly_report_downloads_and_its_filing_is_recorded(
        brennan: TestClient, registry: dict[str, int]) -> None:
    agent = registry["agent"]
    ok(brennan.post(f"{C}/agents/{agent}/contacts", json={
        "official": registry["state"], "kind": "call", "at": "2026-11-20T18:30",
        "topic": "Aseguramiento", "purpose": "Coordinación"}), 201)
    query = {"month": "2026-11", "agent": agent}
    markdown = brennan.get(f"{C}/report", params=query)
    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith(
        "text/markdown")
    assert 'filename="monthly-2026-11-agent-' in markdown.headers["content-disposition"]
    assert "# Monthly report 2026-11" in markdown.text and "Aseguramiento" in markdown.text
    pdf = brennan.get(f"{C}/report", params={**query, "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert ok(brennan.get(f"{C}/report", params={**query, "format": "json"}))["filed"] is None
    filing = ok(brennan.post(f"{C}/filings", json={
        "month": "2026-11", "filed": "2026-12-01T10:00", "to": ["SRE", "SSPC"],
        "agent": agent}), 201)
    assert filing["agent"] == agent
    report = ok(brennan.get(f"{C}/report", params={**query, "format": "json"}))
    assert report["filed"] == "2026-12-01"
    refused(brennan.get(f"{C}/report", params={**query, "format": "docx"}), 400,
            "use md, pdf or json")
    refused(brennan.get(f"{C}/report", params={"month": "2026-08", "agent": agent}), 400,
            "nothing to report")
    refused(brennan.post(f"{C}/filings", json={
        "month": "2026-11", "filed": "2026-12-02T10:00", "to": ["SRE", "SSPC"],
        "agent": agent}), 400, "already recorded")


def test_a_handover_is_fulfilled_by_granting_the_authority(
        client: TestClient, case_store: Store) -> None:
    with case_store.writer() as w:
        w.add_user("dora.hale", ["DEA"], "SECRET", roles=["compliance"])
    with case_store.writer() as w:
        w.add_document(NewDocument("dea-mx-1", None, Label(1, owner="DEA"), "AMBER",
                                   title="Nota de enlace", obtained_in="MX"),
                       case_store.principal("dora.hale"))
    set_password(case_store, "dora.hale", password("dora.hale"))
    dora, ortega = person(client, "dora.hale"), person(client, "lucia.ortega")
    refused(person(client, "michael.brennan").get(f"{C}/handovers"), 403,
            "not a compliance officer")
    owed = [o for o in ok(dora.get(f"{C}/handovers")) if o["document"] == "dea-mx-1"]
    assert [(o["authority"], o["state"], o["grant"]) for o in owed] == [("FGR", "open", None)]
    obligation = owed[0]["id"]
    refused(ortega.post(f"{C}/handovers/{obligation}/fulfil", json={}), 403,
            "only an officer of DEA")
    refused(dora.post(f"{C}/handovers/{obligation}/fulfil", json={"tlp": "PURPLE"}), 400, "")
    grant = ok(dora.post(f"{C}/handovers/{obligation}/fulfil", json={"tlp": "AMBER"}),
               201)["grant"]
    seen = {o["document"]: (o["state"], o["grant"]) for o in ok(ortega.get(f"{C}/handovers"))}
    assert seen["dea-mx-1"] == ("met", grant)
    refused(dora.post(f"{C}/handovers/424242/fulfil", json={}), 404, "unknown")
    assert compliance_actions(case_store)[-1] == "compliance.handover.fulfil"
