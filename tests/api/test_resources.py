"""Every resource answers from what the asker may see, and 404 for the rest."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import coral_report, log_in

from enlace.ingest import queue
from enlace.store import Store

INFORMANT = "p-source-coral"
REAL_NAME = "Marisol Tena Urquidi"


@pytest.fixture
def brennan(client: TestClient) -> tuple[TestClient, str]:
    return client, log_in(client, "michael.brennan")


def test_hidden_things_are_404_on_every_resource(brennan: tuple[TestClient, str],
                                                 case_store: Store) -> None:
    client, csrf = brennan
    report = coral_report(case_store)
    header = {"X-CSRF-Token": csrf}
    for thing in (INFORMANT, "p-no-such-person"):
        for path in (f"/api/entities/{thing}", f"/api/entities/{thing}/profile",
                     f"/api/entities/{thing}/graph", f"/api/groups/{thing}/lineage",
                     f"/entities/{thing}", f"/share/{thing}"):
            assert client.get(path).status_code == 404, path
    for doc in (report, "0" * 64):
        for path in (f"/api/documents/{doc}", f"/documents/{doc}", f"/share/{doc}",
                     f"/api/audit/who-saw/{doc}", f"/who-saw/{doc}"):
            assert client.get(path).status_code == 404, path
        relabel = client.post(f"/api/documents/{doc}/label", headers=header,
                              json={"why": "test", "classification": "PUBLIC"})
        assert relabel.status_code == 404
        shared = client.post("/api/share", headers=header, json={
            "subject": doc, "to": "agency:DEA", "tlp": "RED", "preview": True})
        assert shared.status_code == 404
    hidden = client.get(f"/api/documents/{report}").json()
    missing = client.get(f"/api/documents/{'0' * 64}").json()
    assert hidden["status"] == missing["status"] == 404
    assert report not in str(client.get("/api/documents").json())


def test_the_informant_is_named_only_for_sources_holders(client: TestClient) -> None:
    log_in(client, "tomas.arce")
    names = [n["value"] for n in client.get(f"/api/entities/{INFORMANT}/profile").json()["names"]]
    assert REAL_NAME in names
    other = TestClient(client.app)
    log_in(other, "michael.brennan")
    for path in ("/api/entities?limit=1000", "/api/documents?limit=1000"):
        assert REAL_NAME not in other.get(path).text


def test_an_entity_comes_with_its_sources_and_a_graph(brennan: tuple[TestClient, str]) -> None:
    client, _ = brennan
    entity = client.get("/api/entities/p-rigoberto-salas").json()
    assert entity["values"] and all(v["sources"] for v in entity["values"])
    graph = client.get("/api/entities/p-rigoberto-salas/graph", params={"hops": 2}).json()
    assert graph["center"] == "p-rigoberto-salas"
    ids = {n["id"] for n in graph["nodes"]}
    assert "p-rigoberto-salas" in ids and INFORMANT not in ids
    assert all(link["source"] in ids and link["target"] in ids for link in graph["links"])
    persons = client.get("/api/entities", params={"schema": "Person"}).json()
    assert persons and all(p["schema"] == "Person" for p in persons)
    assert client.get("/api/entities", params={"schema": "Pirate"}).status_code == 400


def test_documents_come_with_label_reason_and_text(brennan: tuple[TestClient, str]) -> None:
    client, _ = brennan
    docs = client.get("/api/documents").json()
    doc = client.get(f"/api/documents/{docs[0]['id']}").json()
    assert {"label", "access", "text", "label_history", "level"} <= doc.keys()
    assert doc["label"] == docs[0]["label"] and doc["access"].strip()


def test_a_label_change_is_recorded_with_its_reason(client: TestClient,
                                                    case_store: Store) -> None:
    csrf = log_in(client, "tomas.arce")
    report = coral_report(case_store)
    changed = client.post(f"/api/documents/{report}/label", headers={"X-CSRF-Token": csrf},
                          json={"why": "handler review", "tlp": "AMBER+STRICT"})
    assert changed.status_code == 200, changed.text
    history = client.get(f"/api/documents/{report}").json()["label_history"]
    assert history[-1]["reason"] == "handler review" and history[-1]["by"] == "tomas.arce"
    refused = client.post(f"/api/documents/{report}/label", headers={"X-CSRF-Token": csrf},
                          json={"why": "x", "classification": "TOP-ULTRA"})
    assert refused.status_code == 400


def test_share_preview_says_what_will_be_redacted(client: TestClient) -> None:
    csrf = log_in(client, "tomas.arce")
    answer = client.post("/api/share", headers={"X-CSRF-Token": csrf}, json={
        "subject": INFORMANT, "to": "agency:CNI", "tlp": "AMBER", "preview": True}).json()
    preview = answer["preview"]
    assert preview["recipients"] >= 1 and preview["redacted_copies"] >= 1
    assert "SOURCES" in preview["redaction"]["compartments"]
    assert REAL_NAME not in str(answer)


def test_search_answers_only_from_what_one_may_see(client: TestClient,
                                                   case_store: Store) -> None:
    from enlace.search import reindex

    reindex(case_store)
    log_in(client, "tomas.arce")
    hits = client.get("/api/search", params={"q": "Marisol"}).json()
    assert any(h["id"] == INFORMANT for h in hits["hits"]) and hits["facets"]
    other = TestClient(client.app)
    log_in(other, "michael.brennan")
    assert other.get("/api/search", params={"q": "Marisol"}).json()["total"] == 0
    assert other.get("/api/search", params={"q": "Salas"}).json()["total"] > 0


def test_upload_runs_the_ingest_and_reports_progress(client: TestClient) -> None:
    csrf = log_in(client, "tomas.arce")
    text = "El 3 de junio de 2025 fue detenido Rigoberto Salas Medina en Uruapan, Michoacán."
    started = client.post("/api/uploads", headers={"X-CSRF-Token": csrf},
                          files={"files": ("nota.txt", text.encode(), "text/plain")},
                          data={"classification": "CONFIDENTIAL", "tlp": "AMBER",
                                "obtained_in": "MX"})
    assert started.status_code == 202, started.text
    batch = started.json()["batch"]
    store = client.app.state.store
    if store.backend == "postgresql":  # queued for `enlace worker`: one runs here until idle
        queue.run_worker(store, wait=False)
    deadline = time.monotonic() + 60
    status = started.json()
    while not status["finished"] and time.monotonic() < deadline:
        time.sleep(0.3)
        status = client.get(f"/api/jobs/{batch}").json()
    assert status["finished"] and status["counts"]["done"] == 1, status
    document = status["files"][0]["document"]
    doc = client.get(f"/api/documents/{document}").json()
    assert doc["obtained_in"] == "MX" and "Salas" in doc["text"]
    other = TestClient(client.app)
    log_in(other, "michael.brennan")
    assert other.get(f"/api/jobs/{batch}").status_code == 404
    assert other.get(f"/api/documents/{document}").status_code == 404


def test_compliance_and_who_saw_follow_their_rules(client: TestClient) -> None:
    log_in(client, "tomas.arce")
    assert client.get("/api/compliance/status").status_code == 403  # an analyst
    seen = client.get(f"/api/audit/who-saw/{INFORMANT}").json()
    assert any(s.get("who") == "tomas.arce" for s in seen)
    officer = TestClient(client.app)
    log_in(officer, "lucia.ortega")
    assert officer.get("/api/compliance/status", params={"everything": True}).status_code == 200
