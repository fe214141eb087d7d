"""Logging in: argon2 passwords, session cookies, CSRF, rate limits, API tokens."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.api.conftest import log_in, password

from enlace.api import ratelimit
from enlace.api.tables import api_token, web_password, web_session
from enlace.audit.tables import audit_event
from enlace.store import Store


def test_login_sets_a_strict_httponly_session_cookie(client: TestClient) -> None:
    response = client.post("/api/login", json={"name": "tomas.arce",
                                               "password": password("tomas.arce")})
    assert response.status_code == 200
    cookie = response.headers["set-cookie"].lower()
    assert "enlace_session=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    assert "secure" not in cookie  # plain http in tests
    me = client.get("/api/me").json()
    assert me["name"] == "tomas.arce" and me["compartments"] == ["SOURCES"]


def test_the_cookie_is_secure_over_https(case_store: Store) -> None:
    from enlace.api.app import create_app

    with TestClient(create_app(case_store), base_url="https://testserver") as client:
        response = client.post("/api/login", json={"name": "tomas.arce",
                                                   "password": password("tomas.arce")})
    assert "secure" in response.headers["set-cookie"].lower()


def test_passwords_and_sessions_are_stored_hashed(client: TestClient, case_store: Store) -> None:
    log_in(client, "tomas.arce")
    cookie = client.cookies["enlace_session"]
    with case_store.engine.connect() as conn:
        hashes = list(conn.execute(select(web_password.c.hash)).scalars())
        sessions = list(conn.execute(select(web_session.c.id)).scalars())
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert password("tomas.arce") not in "".join(hashes)
    assert sessions and cookie not in sessions


def test_wrong_password_and_unknown_user_look_alike(client: TestClient) -> None:
    wrong = client.post("/api/login", json={"name": "tomas.arce", "password": "nope-nope"})
    unknown = client.post("/api/login", json={"name": "nobody.here", "password": "nope-nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert client.get("/api/me").status_code == 401


def test_logins_and_failed_logins_are_audited(client: TestClient, case_store: Store) -> None:
    client.post("/api/login", json={"name": "tomas.arce", "password": "wrong-password"})
    log_in(client, "tomas.arce")
    with case_store.engine.connect() as conn:
        rows = list(conn.execute(select(audit_event.c.actor, audit_event.c.detail)
                                 .where(audit_event.c.action == "login")
                                 .order_by(audit_event.c.seq)))
    assert [r.actor for r in rows] == ["tomas.arce", "tomas.arce"]
    assert '"ok":false' in rows[0].detail.replace(" ", "")
    assert '"ok":true' in rows[1].detail.replace(" ", "")


def test_state_changes_without_the_csrf_token_are_refused(client: TestClient) -> None:
    csrf = log_in(client, "tomas.arce")
    body = {"subject": "p-rigoberto-salas", "to": "agency:CNI", "tlp": "AMBER", "preview": True}
    assert client.post("/api/share", json=body).status_code == 403
    assert client.post("/api/share", json=body,
                       headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.post("/api/tokens", json={"name": "x"}).status_code == 403
    assert client.post("/api/logout").status_code == 403
    assert client.post("/logout", data={"csrf_token": "forged"},
                       follow_redirects=False).status_code == 403
    assert client.post("/api/share", json=body,
                       headers={"X-CSRF-Token": csrf}).status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf},
                       follow_redirects=False).status_code == 303
    assert client.get("/api/me").status_code == 401


def test_the_login_form_needs_its_signed_token(client: TestClient) -> None:
    refused = client.post("/login", data={"name": "tomas.arce",
                                          "password": password("tomas.arce")})
    assert refused.status_code == 403
    page = client.get("/login")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    ok = client.post("/login", data={"name": "tomas.arce", "password": password("tomas.arce"),
                                     "csrf_token": token, "next": "//evil.example/"},
                     follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/search"


def test_an_account_is_locked_after_repeated_failures(client: TestClient) -> None:
    for _ in range(ratelimit.ACCOUNT_LIMIT):
        assert client.post("/api/login", json={"name": "tomas.arce",
                                               "password": "guess-guess"}).status_code == 401
    locked = client.post("/api/login", json={"name": "tomas.arce",
                                             "password": password("tomas.arce")})
    assert locked.status_code == 429
    assert "try again after" in locked.json()["error"]
    assert 0 < int(locked.headers["Retry-After"]) <= ratelimit.WINDOW.total_seconds() + 1
    other = client.post("/api/login", json={"name": "michael.brennan",
                                            "password": password("michael.brennan")})
    assert other.status_code == 200  # the lock is on the account, not on everyone


def test_an_address_is_locked_after_many_failures(client: TestClient) -> None:
    for number in range(ratelimit.ADDRESS_LIMIT):
        client.post("/api/login", json={"name": f"guess.{number}", "password": "guess-guess"})
    locked = client.post("/api/login", json={"name": "michael.brennan",
                                             "password": password("michael.brennan")})
    assert locked.status_code == 429 and "this address" in locked.json()["error"]


def test_the_login_page_says_when_to_try_again(client: TestClient) -> None:
    for _ in range(ratelimit.ACCOUNT_LIMIT + 1):
        page = client.get("/login")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        response = client.post("/login", data={"name": "tomas.arce", "password": "bad-guess",
                                               "csrf_token": token})
    assert response.status_code == 429
    assert "try again after" in response.text and "UTC" in response.text


def test_api_tokens_work_without_cookies_and_can_be_revoked(
        client: TestClient, case_store: Store) -> None:
    csrf = log_in(client, "tomas.arce")
    created = client.post("/api/tokens", json={"name": "nightly"},
                          headers={"X-CSRF-Token": csrf}).json()
    token = created["token"]
    with case_store.engine.connect() as conn:
        stored = list(conn.execute(select(api_token.c.token_hash)).scalars())
    assert token not in stored
    script = TestClient(client.app)
    bearer = {"Authorization": f"Bearer {token}"}
    assert script.get("/api/me", headers=bearer).json()["via"] == "token"
    body = {"subject": "p-rigoberto-salas", "to": "agency:CNI", "tlp": "AMBER", "preview": True}
    assert script.post("/api/share", json=body, headers=bearer).status_code == 200
    listed = script.get("/api/tokens", headers=bearer).json()
    assert [t["name"] for t in listed] == ["nightly"] and "token" not in listed[0]
    assert script.delete(f"/api/tokens/{created['id']}", headers=bearer).status_code == 200
    assert script.get("/api/me", headers=bearer).status_code == 401
    assert script.get("/api/me", headers={"Authorization": "Bearer enl_made-up"}).status_code == 401


def test_nobody_revokes_another_persons_token(client: TestClient) -> None:
    csrf = log_in(client, "tomas.arce")
    created = client.post("/api/tokens", json={}, headers={"X-CSRF-Token": csrf}).json()
    other = TestClient(client.app)
    other_csrf = log_in(other, "michael.brennan")
    answer = other.delete(f"/api/tokens/{created['id']}", headers={"X-CSRF-Token": other_csrf})
    assert answer.status_code == 404
    assert client.get("/api/me", headers={"Authorization": f"Bearer {created['token']}"}
                      ).status_code == 200


def test_every_response_carries_a_strict_content_security_policy(client: TestClient) -> None:
    policy = client.get("/login").headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
    assert "unsafe" not in directives["style-src-elem"] and directives["object-src"] == "'none'"
    assert client.get("/api/me").headers["x-content-type-options"] == "nosniff"
