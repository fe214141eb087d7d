"""The audit log through the API: verifying and exporting it are for compliance officers
and administrators; who-saw answers owners and compliance officers only."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import update
from tests.api.conftest import coral_report, log_in, logged_in

from enlace.audit.tables import audit_event
from enlace.store import Store


def test_a_compliance_officer_verifies_and_exports_the_log(client: TestClient,
                                                           case_store: Store) -> None:
    log_in(client, "lucia.ortega")
    report = client.get("/api/audit/verify")
    assert report.status_code == 200, report.text
    assert report.json()["ok"] is True and report.json()["events"] > 0
    exported = client.get("/api/audit/export")
    assert exported.headers["content-type"].startswith("application/x-ndjson")
    events = [json.loads(line) for line in exported.text.splitlines()]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert all(e["hash"] and "prev_hash" in e for e in events)
    later = client.get("/api/audit/export", params={"since": len(events)}).text.splitlines()
    asked = [json.loads(line) for line in later if '"audit.export"' in line]
    assert [(e["actor"], e["detail"]) for e in asked] == [
        ("lucia.ortega", {"since": 0, "events": len(events)})]

    with case_store.engine.begin() as conn:
        conn.execute(update(audit_event).where(audit_event.c.seq == 2)
                     .values(action="tampered"))
    broken = client.get("/api/audit/verify").json()
    assert broken["ok"] is False and broken["first_problem"].startswith("event 2 was altered")


def test_others_may_not_verify_or_export_the_log(client: TestClient) -> None:
    for name in ("michael.brennan", "tomas.arce"):
        person, _ = logged_in(client, name)
        for path in ("/api/audit/verify", "/api/audit/export"):
            answer = person.get(path)
            assert answer.status_code == 403, (name, path)
            assert "compliance" in answer.json()["error"] and '"seq"' not in answer.text
    assert client.get("/api/audit/export").status_code == 401
    officer, _ = logged_in(client, "lucia.ortega")
    assert officer.get("/api/audit/export", params={"since": -1}).status_code == 422


def test_who_saw_answers_the_owner_and_hides_what_one_may_not_see(client: TestClient,
                                                                  case_store: Store) -> None:
    report = coral_report(case_store)
    log_in(client, "tomas.arce")
    assert client.get(f"/api/documents/{report}").status_code == 200
    sightings = client.get(f"/api/audit/who-saw/{report}").json()
    assert "tomas.arce" in {s["who"] for s in sightings}
    brennan, _ = logged_in(client, "michael.brennan")
    hidden = brennan.get(f"/api/audit/who-saw/{report}")
    missing = brennan.get(f"/api/audit/who-saw/{'0' * 40}")
    assert hidden.status_code == missing.status_code == 404
