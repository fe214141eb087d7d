"""Cross-referencing through the API: matches in hidden material say only that a record
exists at an agency, with a reference that an access request can use."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from tests.api.conftest import coral_report, log_in, logged_in

from enlace.ingest.entities import load_entities
from enlace.sharing.marking import LabelOptions
from enlace.store import Store

INFORMANT = "p-source-coral"
REAL_NAME = "Marisol Tena Urquidi"
QUERY: dict[str, Any] = {"id": "q-1", "schema": "Person", "properties": {"name": [REAL_NAME]}}
LEAD: dict[str, Any] = {"id": "p-dea-lead-tena", "schema": "Person",
        "properties": {"name": [REAL_NAME], "birthDate": ["1991-06-23"]}}
HIDDEN_KEYS = {"query", "match", "agency", "request", "ref"}


def jsonl(*entities: dict[str, Any]) -> bytes:
    return "".join(json.dumps(e) + "\n" for e in entities).encode("utf-8")


def add_dea_lead(store: Store) -> None:
    """A DEA document naming the informant under another id, which only DEA may see."""
    load_entities(store, jsonl(LEAD), "lead.jsonl", "michael.brennan",
                  LabelOptions("CONFIDENTIAL", (), ("DEA",), "DEA", "AMBER"), "Lead")


def test_an_agency_run_reveals_only_that_cni_holds_a_record(client: TestClient,
                                                            case_store: Store) -> None:
    add_dea_lead(case_store)
    csrf = log_in(client, "michael.brennan")
    header = {"X-CSRF-Token": csrf}
    body = {"agency": "dea"}
    assert client.post("/api/xref/agency", json=body).status_code == 403
    run = client.post("/api/xref/agency", json=body, headers=header)
    assert run.status_code == 200, run.text
    found = run.json()
    assert found["indexed"] > 0 and found["next_offset"] is None
    assert found["collection"] == found["matched"] >= 1
    hidden = [m for m in found["matches"] if m.get("match") == "a record exists"]
    assert [(m["query"], m["agency"]) for m in hidden] == [(LEAD["id"], "CNI")]
    assert all(set(m) == HIDDEN_KEYS and m["request"] == "request access" for m in hidden)
    assert found["counts"]["hidden"] == 1
    assert INFORMANT not in run.text and coral_report(case_store) not in run.text
    asked = client.post("/api/requests", json={"ref": hidden[0]["ref"], "why": "same person"},
                        headers=header)
    assert asked.status_code == 201 and asked.json()["agency"] == "CNI"

    first = client.post("/api/xref/agency", json={"agency": "DEA", "limit": 1},
                        headers=header).json()
    assert (first["matched"], first["offset"], first["next_offset"]) == (1, 0, 1)
    assert first["indexed"] == 0  # the index was already up to date

    tomas, tomas_header = logged_in(client, "tomas.arce")
    theirs = tomas.post("/api/xref/agency", json={"agency": "CNI"}, headers=tomas_header)
    hidden_to_cni = [m for m in theirs.json()["matches"] if m.get("match") == "a record exists"]
    assert [(m["query"], m["agency"]) for m in hidden_to_cni] == [(INFORMANT, "DEA")]
    assert LEAD["id"] not in theirs.text


def test_an_uploaded_list_matches_as_far_as_each_person_may_see(client: TestClient) -> None:
    csrf = log_in(client, "michael.brennan")
    header = {"X-CSRF-Token": csrf}
    upload = {"file": ("people.jsonl", jsonl(QUERY), "application/x-ndjson")}
    mine = client.post("/api/xref/file", files=upload, headers=header)
    assert mine.status_code == 200, mine.text
    assert [set(m) for m in mine.json()["matches"]] == [HIDDEN_KEYS]
    assert mine.json()["matches"][0]["agency"] == "CNI" and INFORMANT not in mine.text

    tomas, tomas_header = logged_in(client, "tomas.arce")
    theirs = tomas.post("/api/xref/file", files=upload, headers=tomas_header).json()
    assert [(m["match"], m["entity"]) for m in theirs["matches"]] == [("visible", INFORMANT)]
    assert REAL_NAME in theirs["matches"][0]["names"]


def test_bad_uploads_are_refused_with_a_reason(client: TestClient) -> None:
    header = {"X-CSRF-Token": log_in(client, "michael.brennan")}
    cases = {b"not json\n": "not JSON", b'{"id": "x"}\n': "schema",
             b"\xff\xfe\x00": "UTF-8"}
    for content, reason in cases.items():
        answer = client.post("/api/xref/file", files={"file": ("x.jsonl", content)},
                             headers=header)
        assert answer.status_code == 400 and reason in answer.json()["error"], answer.text
    paged = client.post("/api/xref/file", files={"file": ("x.jsonl", jsonl(QUERY))},
                        data={"limit": "0"}, headers=header)
    assert paged.status_code == 422
    assert TestClient(client.app).post("/api/xref/agency", json={"agency": "DEA"}
                                       ).status_code == 401
