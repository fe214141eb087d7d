"""Agencies, people and passwords through the API: administrators set up, others may not."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.api.conftest import log_in, password

from enlace.api.passwords import set_password
from enlace.audit.export import export
from enlace.store import Store

ADMIN_PASSWORD = "pw-admin-2026"


def admin_client(client: TestClient, store: Store) -> tuple[TestClient, dict[str, str]]:
    set_password(store, "admin", ADMIN_PASSWORD)
    other = TestClient(client.app)
    answer = other.post("/api/login", json={"name": "admin", "password": ADMIN_PASSWORD})
    assert answer.status_code == 200, answer.text
    return other, {"X-CSRF-Token": answer.json()["csrf_token"]}


def test_an_administrator_adds_an_agency_and_a_person_who_can_then_log_in(
        client: TestClient, case_store: Store) -> None:
    admin, header = admin_client(client, case_store)
    added = admin.post("/api/agencies", headers=header,
                       json={"code": "sspc", "name": "Secretaría de Seguridad", "country": "MX"})
    assert added.status_code == 201 and added.json() == {"code": "SSPC"}
    person = admin.post("/api/users", headers=header, json={
        "name": "rosa.vega", "agencies": ["SSPC"], "clearance": "RESTRICTED",
        "roles": ["analyst"], "password": "una-clave-larga"})
    assert person.status_code == 201, person.text
    assert person.json()["agencies"] == ["SSPC"] and person.json()["countries"] == ["MX"]
    assert "rosa.vega" in [u["name"] for u in admin.get("/api/users").json()]
    newcomer = TestClient(client.app)
    login = newcomer.post("/api/login", json={"name": "rosa.vega", "password": "una-clave-larga"})
    assert login.status_code == 200
    assert newcomer.get("/api/users/rosa.vega").json()["clearance"] == "RESTRICTED"
    actions = [e["action"] for e in export(case_store) if e["actor"] == "admin"]
    assert "admin.agency.add" in actions and "admin.user.add" in actions


def test_bad_setup_input_is_refused_with_advice(client: TestClient, case_store: Store) -> None:
    admin, header = admin_client(client, case_store)
    duplicate = admin.post("/api/agencies", headers=header,
                           json={"code": "DEA", "name": "x", "country": "US"})
    assert duplicate.status_code == 400 and "already exists" in duplicate.json()["error"]
    country = admin.post("/api/agencies", headers=header,
                         json={"code": "ABCD", "name": "x", "country": "Atlantis"})
    assert country.status_code == 400 and "country" in country.json()["error"]
    unknown = admin.post("/api/users", headers=header, json={
        "name": "x.y", "agencies": ["NOPE"], "clearance": "PUBLIC"})
    assert unknown.status_code in (400, 404)
    assert admin.post("/api/users", headers=header, json={"name": "x"}).status_code == 422


def test_people_who_are_not_administrators_cannot_set_up(client: TestClient) -> None:
    header = {"X-CSRF-Token": log_in(client, "michael.brennan")}
    assert client.get("/api/agencies").status_code == 200  # owners are named on documents
    assert client.post("/api/agencies", headers=header,
                       json={"code": "ABCD", "name": "x", "country": "MX"}).status_code == 403
    assert client.post("/api/users", headers=header, json={
        "name": "x.y", "agencies": ["DEA"], "clearance": "SECRET"}).status_code == 403
    assert client.get("/api/users").status_code == 403
    assert client.get("/api/users/tomas.arce").status_code == 404
    assert client.get("/api/users/michael.brennan").json()["agencies"] == ["DEA"]


def test_a_person_changes_their_own_password_only_with_the_current_one(
        client: TestClient) -> None:
    header = {"X-CSRF-Token": log_in(client, "tomas.arce")}
    url = "/api/users/tomas.arce/password"
    wrong = client.post(url, headers=header, json={"new": "otra-clave-9", "current": "nope"})
    assert wrong.status_code == 403
    assert client.post(url, headers=header, json={"new": "otra-clave-9"}).status_code == 403
    ok = client.post(url, headers=header,
                     json={"new": "otra-clave-9", "current": password("tomas.arce")})
    assert ok.status_code == 204
    fresh = TestClient(client.app)
    assert fresh.post("/api/login", json={"name": "tomas.arce", "password": "otra-clave-9"}
                      ).status_code == 200
    other = client.post("/api/users/lucia.ortega/password", headers=header,
                        json={"new": "robada-12345"})
    assert other.status_code == 404


def test_an_administrator_resets_anyones_password(client: TestClient,
                                                  case_store: Store) -> None:
    admin, header = admin_client(client, case_store)
    reset = admin.post("/api/users/lucia.ortega/password", headers=header,
                       json={"new": "nueva-clave-77"})
    assert reset.status_code == 204
    assert TestClient(client.app).post(
        "/api/login", json={"name": "lucia.ortega", "password": "nueva-clave-77"}
    ).status_code == 200
    assert admin.post("/api/users/nobody/password", headers=header,
                      json={"new": "nueva-clave-77"}).status_code == 404
