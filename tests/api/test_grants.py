"""Grants and sharing groups through the API: who may grant, revoke and manage, and what
each person learns (never another member of a group they are in)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.api.conftest import coral_report, log_in, logged_in

from enlace.store import Store

NOTE_TITLE = "Nota informativa"  # CNI, CONFIDENTIAL, releasable to MX, TLP:AMBER


def cni_note(store: Store) -> str:
    return next(d.id for d in store.view("tomas.arce").documents()
                if (d.title or "").startswith(NOTE_TITLE))


def test_a_grant_opens_a_document_until_it_is_revoked(client: TestClient,
                                                      case_store: Store) -> None:
    note = cni_note(case_store)
    header = {"X-CSRF-Token": log_in(client, "tomas.arce")}
    ask = {"document": note, "to": "user:michael.brennan", "tlp": "AMBER"}
    assert client.post("/api/grants", json=ask).status_code == 403
    brennan, brennan_header = logged_in(client, "michael.brennan")
    assert brennan.get(f"/api/documents/{note}").status_code == 404
    made = client.post("/api/grants", json=ask, headers=header)
    assert made.status_code == 201, made.text
    grant_id = made.json()["grant"]
    assert brennan.get(f"/api/documents/{note}").status_code == 200
    given = client.get("/api/grants").json()["given"]
    assert [(g["grant"], g["to"]) for g in given] == [(grant_id, "user:michael.brennan")]
    received = brennan.get("/api/grants").json()
    assert [(g["grant"], g["by"]) for g in received["received"]] == [(grant_id, "tomas.arce")]
    assert received["given"] == []

    onward = brennan.post("/api/grants", headers=brennan_header,
                          json={"document": note, "to": "agency:FGR"})
    assert onward.status_code == 409 and "AMBER" in onward.json()["error"]
    hidden = brennan.post("/api/grants", headers=brennan_header,
                          json={"document": coral_report(case_store), "to": "agency:DEA"})
    assert hidden.status_code == 404
    assert brennan.delete(f"/api/grants/{grant_id}", headers=brennan_header).status_code == 404
    revoked = client.delete(f"/api/grants/{grant_id}", headers=header)
    assert revoked.json() == {"revoked": str(grant_id), "grants_ended": 1}
    assert brennan.get(f"/api/documents/{note}").status_code == 404
    assert client.delete(f"/api/grants/{grant_id}", headers=header).status_code == 404


def test_a_compliance_officer_may_revoke_anyones_grant(client: TestClient,
                                                       case_store: Store) -> None:
    header = {"X-CSRF-Token": log_in(client, "tomas.arce")}
    made = client.post("/api/grants", headers=header, json={
        "document": cni_note(case_store), "to": "agency:DEA", "expires": "2099-12-31"})
    assert made.status_code == 201, made.text
    officer, officer_header = logged_in(client, "lucia.ortega")
    ended = officer.delete(f"/api/grants/{made.json()['grant']}", headers=officer_header)
    assert ended.status_code == 200 and ended.json()["grants_ended"] == 1


def test_bad_grants_get_a_clear_4xx(client: TestClient, case_store: Store) -> None:
    header = {"X-CSRF-Token": log_in(client, "tomas.arce")}
    note = cni_note(case_store)
    cases = [({"to": "nobody"}, 400, "agency:CODE"), ({"tlp": "PURPLE"}, 400, "TLP"),
             ({"expires": "31/12/2099"}, 400, "YYYY-MM-DD"),
             ({"expires": "9999-12-31"}, 400, "too far"),
             ({"to": "agency:NOPE"}, 404, "NOPE"), ({"to": "group:no-such-group"}, 404, "group")]
    for change, status, words in cases:
        answer = client.post("/api/grants", headers=header,
                             json={"document": note, "to": "agency:DEA", **change})
        assert answer.status_code == status and words in answer.json()["error"], answer.text


def test_group_members_are_known_to_the_owner_only(client: TestClient,
                                                   case_store: Store) -> None:
    header = {"X-CSRF-Token": log_in(client, "tomas.arce")}
    assert client.post("/api/sharing-groups", json={"name": "marlin-joint"},
                       headers=header).status_code == 201
    again = client.post("/api/sharing-groups", json={"name": "marlin-joint"}, headers=header)
    assert again.status_code == 400 and "already exists" in again.json()["error"]
    assert client.post("/api/sharing-groups", json={"name": "Bad Name!"},
                       headers=header).status_code == 400
    for user in ("michael.brennan", "lucia.ortega"):
        added = client.post("/api/sharing-groups/marlin-joint/members", json={"user": user},
                            headers=header)
        assert added.status_code == 201, added.text
    assert client.post("/api/sharing-groups/marlin-joint/members", json={"user": "no.one"},
                       headers=header).status_code == 404
    assert client.get("/api/sharing-groups/marlin-joint/members").json()["members"] == [
        "lucia.ortega", "michael.brennan"]
    shared = client.post("/api/grants", headers=header, json={
        "document": cni_note(case_store), "to": "group:marlin-joint"})
    assert shared.status_code == 201, shared.text

    member, member_header = logged_in(client, "michael.brennan")
    assert member.get("/api/sharing-groups").json() == [{"group": "marlin-joint"}]
    received = member.get("/api/grants").json()["received"]
    assert [g["to"] for g in received] == ["group:marlin-joint"]
    for answer in (member.get("/api/sharing-groups/marlin-joint/members"),
                   member.post("/api/sharing-groups/marlin-joint/members",
                               json={"user": "tomas.arce"}, headers=member_header),
                   member.delete("/api/sharing-groups/marlin-joint/members/lucia.ortega",
                                 headers=member_header),
                   member.get("/api/sharing-groups/no-such-group/members")):
        assert answer.status_code == 404
        assert "lucia.ortega" not in answer.text
    assert "lucia.ortega" not in member.get("/api/grants").text

    removed = client.delete("/api/sharing-groups/marlin-joint/members/lucia.ortega",
                            headers=header)
    assert removed.json() == {"group": "marlin-joint", "removed": "lucia.ortega"}
    officer, _ = logged_in(client, "lucia.ortega")
    assert officer.get("/api/sharing-groups").json() == []
    assert officer.get("/api/sharing-groups/marlin-joint/members").status_code == 404
    assert client.delete("/api/sharing-groups/marlin-joint/members/lucia.ortega",
                         headers=header).status_code == 404
