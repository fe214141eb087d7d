"""Merge and split through the API: judgements on what one may see, shown to those who may
see what they rest on, and 404 for anything else."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.api.conftest import log_in, logged_in

SALAS, BARRAZA = "p-rigoberto-salas", "p-jesus-barraza"
INFORMANT = "p-source-coral"


def test_a_merge_shows_to_its_author_and_a_split_undoes_it(client: TestClient) -> None:
    header = {"X-CSRF-Token": log_in(client, "michael.brennan")}
    body = {"left": SALAS, "right": BARRAZA, "why": "same passport number"}
    assert client.post("/api/merges", json=body).status_code == 403
    merged = client.post("/api/merges", json=body, headers=header)
    assert merged.status_code == 201, merged.text
    assert merged.json()["merged"] == [SALAS, BARRAZA]
    assert client.get(f"/api/entities/{SALAS}").json()["id"] == BARRAZA
    tomas, tomas_header = logged_in(client, "tomas.arce")
    assert tomas.get(f"/api/entities/{SALAS}").json()["id"] == SALAS
    refused = tomas.post("/api/splits", json={"entity": SALAS, "why": "no"},
                         headers=tomas_header)
    assert refused.status_code == 404

    split = client.post("/api/splits", json={"entity": SALAS, "other": BARRAZA,
                                             "why": "different birth dates"}, headers=header)
    assert split.json() == {"entity": SALAS, "other": BARRAZA, "undone": 1}
    assert client.get(f"/api/entities/{SALAS}").json()["id"] == SALAS
    again = client.post("/api/splits", json={"entity": SALAS, "why": "again"}, headers=header)
    assert again.status_code == 404


def test_hidden_entities_cannot_be_judged(client: TestClient) -> None:
    header = {"X-CSRF-Token": log_in(client, "michael.brennan")}
    answers = [client.post("/api/merges", headers=header,
                           json={"left": SALAS, "right": other, "why": "guess"})
               for other in (INFORMANT, "p-nobody-at-all")]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json()["error"].replace(INFORMANT, "X") == \
        answers[1].json()["error"].replace("p-nobody-at-all", "X")
    assert client.post("/api/splits", headers=header, json={
        "entity": SALAS, "other": INFORMANT, "why": "guess"}).status_code == 404


def test_bad_judgements_get_a_clear_4xx(client: TestClient) -> None:
    header = {"X-CSRF-Token": log_in(client, "michael.brennan")}
    blank = client.post("/api/merges", headers=header,
                        json={"left": SALAS, "right": BARRAZA, "why": "   "})
    assert blank.status_code == 400 and "why" in blank.json()["error"]
    itself = client.post("/api/merges", headers=header,
                         json={"left": SALAS, "right": SALAS, "why": "x"})
    assert itself.status_code == 400 and "itself" in itself.json()["error"]
    assert client.post("/api/merges", headers=header,
                       json={"left": SALAS, "right": BARRAZA}).status_code == 422
