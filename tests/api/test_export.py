"""Exports through the API: what the person may see, labelled, and recorded as theirs."""

from __future__ import annotations

import csv
import io
import json

from fastapi.testclient import TestClient
from tests.api.conftest import log_in, logged_in

from enlace.api.routes.export import MEDIA
from enlace.sharing.export import FORMATS
from enlace.sharing.tables import dissemination
from enlace.store import Store

INFORMANT = "p-source-coral"
REAL_NAME = "Marisol Tena Urquidi"


def exports_of(store: Store) -> list[tuple[str, str, str]]:
    """(id, format, recipient) of every export recorded."""
    query = (dissemination.select().where(dissemination.c.kind == "export")
             .order_by(dissemination.c.created_at))
    with store.engine.connect() as conn:
        return [(r.id, r.subject, r.target) for r in conn.execute(query)]


def test_every_export_format_has_a_media_type() -> None:
    assert sorted(MEDIA) == sorted(FORMATS)


def test_an_ftm_export_holds_only_what_one_may_see(client: TestClient,
                                                   case_store: Store) -> None:
    header = {"X-CSRF-Token": log_in(client, "michael.brennan")}
    assert client.post("/api/exports", json={"format": "ftm"}).status_code == 403
    answer = client.post("/api/exports", json={"format": "ftm"}, headers=header)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/x-ndjson"
    export_id = answer.headers["x-enlace-export"]
    assert f'filename="enlace-{export_id}.jsonl"' in answer.headers["content-disposition"]
    lines = [json.loads(line) for line in answer.text.splitlines()]
    assert len(lines) == case_store.view("michael.brennan").count_entities()
    assert {(e["banner"], e["tlp"]) for e in lines} == {
        ("SECRET//OP-MARLIN//REL TO DEA", answer.headers["x-enlace-tlp"])}
    assert INFORMANT not in answer.text and REAL_NAME not in answer.text
    assert exports_of(case_store) == [(export_id, "ftm", "michael.brennan")]

    tomas, tomas_header = logged_in(client, "tomas.arce")
    theirs = tomas.post("/api/exports", json={"format": "ftm"}, headers=tomas_header)
    assert REAL_NAME in theirs.text


def test_csv_and_stix_exports(client: TestClient) -> None:
    header = {"X-CSRF-Token": log_in(client, "michael.brennan")}
    table = client.post("/api/exports", json={"format": "csv"}, headers=header)
    assert table.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert rows and {r["banner"] for r in rows} == {"SECRET//OP-MARLIN//REL TO DEA"}
    assert INFORMANT not in {r["entity_id"] for r in rows}
    bundle = client.post("/api/exports", json={"format": "stix"}, headers=header)
    assert bundle.headers["content-type"].startswith("application/stix+json")
    parsed = bundle.json()
    assert parsed["type"] == "bundle" and parsed["objects"]
    assert REAL_NAME not in bundle.text
    wrong = client.post("/api/exports", json={"format": "pdf"}, headers=header)
    assert wrong.status_code == 422
