"""The compliance pages at the HTTP level: forms render in both languages, each records
through the same code as the API, refusals show their reason, CSRF is required, and a
person without the role or the agency gets 403 or 404."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select

from enlace.api.app import create_app
from enlace.api.passwords import set_password
from enlace.audit.tables import audit_event
from enlace.compliance import accreditation, registry
from enlace.compliance.tables import contact, firearm_permit, foreign_agent
from enlace.model.markings import Label
from enlace.store import NewDocument, Store

PEOPLE = {"lucia": ("FGR", "compliance"), "brennan": ("DEA", "liaison"),
          "dora": ("DEA", "compliance"), "arce": ("FGR", "analyst"), "hsi": ("HSI", "liaison")}
CONTACT = {"official": "1", "kind": "call", "at": "2026-11-20T18:30", "topic": "Aseguramiento",
           "purpose": "Coordinación"}


@pytest.fixture
def site(store: Store) -> Iterator[TestClient]:
    """Three agencies, five people, an agreement, an accredited DEA agent and one official."""
    with store.writer() as w:
        w.add_agency("FGR", "Fiscalía General de la República", "MX")
        w.add_agency("DEA", "Drug Enforcement Administration", "US")
        w.add_agency("HSI", "Homeland Security Investigations", "US")
        for name, (agency, role) in PEOPLE.items():
            w.add_user(name, [agency], "SECRET", roles=[role])
    for name in PEOPLE:
        set_password(store, name, f"pw-{name}-2026")
    lucia = store.principal("lucia")
    registry.add_agreement(store, lucia, "MX-US-1999", "Memorándum", "US", ["DEA"], "FGR",
                           ["SSPC"])
    agent = registry.add_agent(store, lucia, "John Smith", "DEA", "US")
    registry.add_official(store, lucia, "Rita Cano", "state", "SSP-TAMPS", "Tamaulipas")
    acc = accreditation.request(store, lucia, agent, "MX-US-1999", "CDMX", date(2026, 9, 1))
    accreditation.review(store, lucia, acc, date(2026, 9, 2), ["SSPC", "SEDENA", "SEMAR"])
    accreditation.grant(store, lucia, acc, date(2026, 9, 3), date(2028, 9, 2))
    with TestClient(create_app(store)) as client:
        yield client


def log_in(client: TestClient, name: str) -> str:
    """Log in (cookie session); returns the CSRF token the forms carry."""
    response = client.post("/api/login", json={"name": name, "password": f"pw-{name}-2026"})
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


def post(client: TestClient, path: str, csrf: str, **fields: str | list[str]) -> Response:
    return client.post(path, data={**fields, "csrf_token": csrf}, follow_redirects=False)


def actions(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(audit_event.c.action).where(
            audit_event.c.action.like("compliance.%")).order_by(audit_event.c.seq)).scalars())


def rows(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.mark.parametrize("path", ["/compliance/agents", "/compliance/agents/1",
                                  "/compliance/registry", "/compliance/report",
                                  "/compliance/handovers"])
def test_forms_render_with_their_csrf_token_in_both_languages(site: TestClient,
                                                              path: str) -> None:
    csrf = log_in(site, "lucia")
    page = site.get(path)
    assert page.status_code == 200, page.text
    assert 'class="actions compliance-nav"' in page.text
    if "method=\"post\"" in page.text:
        assert f'name="csrf_token" value="{csrf}"' in page.text
    assert "<script>" not in page.text
    site.cookies.set("enlace_lang", "es")
    assert "Agentes extranjeros" in site.get(path).text


def test_recording_a_contact_shows_its_report_deadline(site: TestClient, store: Store) -> None:
    csrf = log_in(site, "brennan")
    done = post(site, "/compliance/act/contact/1", csrf, **CONTACT)
    assert done.status_code == 303
    where = done.headers["location"]
    assert where == "/compliance/agents/1?done=contact&id=1"
    page = site.get(where).text
    assert "report to SRE and SSPC is due by 2026-11-23" in page
    row = re.search(r'<tr class="state-(\w+)" data-contact="1">.*?</tr>', page, re.S)
    assert row is not None and row.group(1) == "overdue" and "2026-11-23" in row.group(0)
    assert '<span class="state">overdue</span>' in row.group(0)
    site.cookies.set("enlace_lang", "es")
    assert '<span class="state">vencido</span>' in site.get(where).text
    site.cookies.set("enlace_lang", "en")
    reported = post(site, "/compliance/act/report/1", csrf, to=["SRE", "SSPC"],
                    filed="2026-11-22T09:00")
    assert reported.status_code == 303
    assert 'class="state-met" data-contact="1"' in site.get("/compliance/agents/1").text
    assert actions(store)[-2:] == ["compliance.contact.add", "compliance.contact.report"]


def test_every_form_records_through_the_service(site: TestClient, store: Store) -> None:
    csrf = log_in(site, "lucia")
    steps: list[tuple[str, dict[str, str | list[str]]]] = [
        ("/compliance/act/agreement/0", {"code": "MX-US-2001", "title": "Segundo", "country": "US",
                                         "agencies": "DEA, HSI", "authority": "FGR",
                                         "channels": "SSPC SEMAR"}),
        ("/compliance/act/official/0", {"name": "Elena Mar", "level": "federal", "body": "SRE",
                                        "designated": "true"}),
        ("/compliance/act/agent/0", {"name": "Ann Lee", "agency": "DEA", "nationality": "US"}),
        ("/compliance/act/accreditation/2", {"agreement": "MX-US-1999", "territory": "Sonora",
                                             "on": "2026-10-01"}),
        ("/compliance/act/review/2", {"agreed": ["SSPC", "SEDENA", "SEMAR"],
                                      "on": "2026-10-02"}),
        ("/compliance/act/grant/2", {"until": "2027-10-01", "on": "2026-10-03"}),
        ("/compliance/act/permit/2", {"weapon": "revolver", "calibre": ".38", "site": "CDMX",
                                      "assignment_start": "2026-11-01", "applicant": "SRE",
                                      "on": "2026-10-05"}),
        ("/compliance/act/permit_grant/1", {"on": "2026-10-10"}),
        ("/compliance/act/permit_renew/1", {"on": "2027-01-10"}),
        ("/compliance/act/permit_notify/1", {"change": "end", "on": "2027-02-01"}),
        ("/compliance/act/meeting/2", {"official": "2", "at": "2026-11-10T10:00",
                                       "topic": "Rutas", "purpose": "Intercambio",
                                       "requested": "2026-11-01T09:00"}),
        ("/compliance/act/approve/1", {"by": "2", "urgent": "true", "sre_official": "M. Ortiz",
                                       "at": "2026-11-09T20:00"}),
        ("/compliance/act/contact/2", {"official": "2", "kind": "meeting", "meeting": "1",
                                       "at": "2026-11-10T10:00", "topic": "Rutas",
                                       "purpose": "Intercambio"}),
        ("/compliance/act/filing/0", {"month": "2026-11", "agent": "2",
                                      "filed": "2026-12-01T10:00", "to": "SRE, SSPC"}),
        ("/compliance/act/withdraw/2", {"reason": "fin de la comisión", "on": "2027-03-01"}),
    ]
    for path, fields in steps:
        response = post(site, path, csrf, **fields)
        assert response.status_code == 303, (path, response.text)
    assert actions(store)[-15:] == [
        "compliance.agreement.add", "compliance.official.add", "compliance.agent.add",
        "compliance.accreditation.request", "compliance.accreditation.review",
        "compliance.accreditation.grant", "compliance.permit.apply", "compliance.permit.grant",
        "compliance.permit.renew", "compliance.permit.notify_end", "compliance.meeting.request",
        "compliance.meeting.approve", "compliance.contact.add", "compliance.monthly.file",
        "compliance.accreditation.withdraw"]
    page = site.get("/compliance/agents/2").text
    assert "withdrawn" in page and "ended" in page and "approved" in page
    download = site.get("/compliance/report/download",
                        params={"month": "2026-11", "agent": "2", "format": "md"})
    assert download.status_code == 200
    assert download.headers["content-disposition"].startswith("attachment;")
    assert "filed 2026-12-01" in download.text


def test_a_refused_action_shows_its_reason_and_stores_nothing(site: TestClient,
                                                              store: Store) -> None:
    csrf = log_in(site, "brennan")
    before = actions(store)
    bad = post(site, "/compliance/act/permit/1", csrf, weapon="revolver", calibre=".45",
               site="CDMX", assignment_start="2027-01-20", applicant="SRE")
    assert bad.status_code == 400
    assert re.search(r'class="alert"[^>]*>[^<]*above the \.40 limit', bad.text)
    typo = post(site, "/compliance/act/contact/1", csrf, **{**CONTACT, "official": "uno"})
    assert typo.status_code == 400 and "official" in typo.text
    mexican = post(site, "/compliance/act/recall/1", csrf, reason="x")
    assert mexican.status_code == 403
    assert "only an officer of a Mexican agency" in mexican.text
    month = site.get("/compliance/report/download", params={"month": "noviembre", "agent": "1"})
    assert month.status_code == 400 and "use YYYY-MM" in month.text
    assert actions(store) == before
    assert rows(store, firearm_permit) == 0 and rows(store, contact) == 0


def test_forms_without_the_csrf_token_are_refused(site: TestClient, store: Store) -> None:
    log_in(site, "brennan")
    refused = site.post("/compliance/act/contact/1", data=CONTACT, follow_redirects=False)
    assert refused.status_code == 403
    forged = post(site, "/compliance/act/contact/1", "not-the-token", **CONTACT)
    assert forged.status_code == 403
    assert rows(store, contact) == 0


def test_people_without_the_role_or_the_agency(site: TestClient, store: Store) -> None:
    csrf = log_in(site, "arce")
    for path in ("/compliance/agents", "/compliance/agents/1", "/compliance/registry",
                 "/compliance/report"):
        assert site.get(path).status_code == 403, path
    assert post(site, "/compliance/act/contact/1", csrf,
                **CONTACT).status_code == 403
    assert post(site, "/compliance/act/agent/0", csrf, name="X", agency="DEA",
                nationality="US").status_code == 403
    other = TestClient(site.app)
    csrf = log_in(other, "hsi")
    assert other.get("/compliance/agents/1").status_code == 404
    assert post(other, "/compliance/act/contact/1", csrf,
                **CONTACT).status_code == 404
    assert post(other, "/compliance/act/grant/1", csrf,
                until="2030-01-01").status_code == 404
    assert post(other, "/compliance/act/dance/1", csrf).status_code == 404
    assert "John Smith" not in other.get("/compliance/agents").text
    assert other.get("/compliance/handovers").status_code == 403  # a liaison, not compliance
    assert rows(store, contact) == 0 and rows(store, foreign_agent) == 1


def test_a_handover_is_fulfilled_from_its_page(site: TestClient, store: Store) -> None:
    with store.writer() as w:
        w.add_document(NewDocument("dea-mx-1", None, Label(1, owner="DEA"), "AMBER",
                                   title="Nota de enlace", obtained_in="MX"),
                       store.principal("dora"))
    csrf = log_in(site, "dora")
    page = site.get("/compliance/handovers").text
    assert "dea-mx-1" in page and "Nota de enlace" not in page
    done = post(site, "/compliance/act/fulfil/1", csrf, tlp="AMBER")
    assert done.status_code == 303
    assert 'class="state-met"' in site.get("/compliance/handovers").text
    assert actions(store)[-1] == "compliance.handover.fulfil"
