"""Extraction through the API: the same contract as ``enlace extract``, nothing stored."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient
from tests.api.conftest import log_in

from enlace.extract import extract_text
from enlace.store import Store

TEXT = ("El 3 de marzo, agentes de la Fiscalía General de la República detuvieron en Culiacán "
        "a Ramiro Osuna Beltrán, alias \"El Tordo\", señalado como operador del Cártel de "
        "Sinaloa.")


def test_extraction_answers_the_cli_contract_and_stores_nothing(
        client: TestClient, case_store: Store) -> None:
    header = {"X-CSRF-Token": log_in(client, "michael.brennan")}
    before = len(case_store.view("michael.brennan").documents())
    answer = client.post("/api/extract", headers=header,
                         json={"text": TEXT, "lang": "es", "date": "2026-03-05"})
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found == extract_text(TEXT, "es", dt.date(2026, 3, 5))
    assert set(found) == {"language", "entities", "events", "relations"}
    names = {e["name"]: e["type"] for e in found["entities"]}
    assert names.get("Cártel de Sinaloa") == "CRIMINAL_GROUP"
    assert any(e["type"] == "ARREST" for e in found["events"])
    assert len(case_store.view("michael.brennan").documents()) == before


def test_bad_extraction_requests_get_422(client: TestClient) -> None:
    header = {"X-CSRF-Token": log_in(client, "michael.brennan")}
    assert client.post("/api/extract", headers=header, json={"text": ""}).status_code == 422
    assert client.post("/api/extract", headers=header,
                       json={"text": "x", "lang": "fr"}).status_code == 422
    assert client.post("/api/extract", headers=header,
                       json={"text": "x", "date": "0001-01-01"}).status_code == 422
    assert client.post("/api/extract", headers=header,
                       json={"text": "x" * 200_001}).status_code == 422
    assert client.post("/api/extract", json={"text": TEXT}).status_code == 403
