"""Access requests through the API: ask with a match reference, the owner agency decides."""

from __future__ import annotations

import io
import json

from fastapi.testclient import TestClient
from tests.api.conftest import coral_report, log_in

from enlace.store import Store
from enlace.xref import index, match

QUERY = {"id": "q-1", "schema": "Person", "properties": {"name": ["Marisol Tena Urquidi"]}}


def hidden_ref(store: Store, asker: str) -> str:
    """The reference of a match in material ``asker`` may not see (CNI's SOURCES report)."""
    index.update(store)
    queries = match.file_collection(io.StringIO(json.dumps(QUERY) + "\n"))
    lines = list(match.run(store.view(asker), queries, None, []))
    assert [(line["match"], line["agency"]) for line in lines] == [("a record exists", "CNI")]
    return str(lines[0]["ref"])


def test_a_request_goes_to_the_owner_agency_and_is_granted(client: TestClient,
                                                           case_store: Store) -> None:
    ref = hidden_ref(case_store, "michael.brennan")
    report = coral_report(case_store)
    csrf = log_in(client, "michael.brennan")
    header = {"X-CSRF-Token": csrf}
    assert client.post("/api/requests", json={"ref": "made-up", "why": "x"},
                       headers=header).status_code == 404
    assert client.post("/api/requests", json={"ref": ref, "why": "joint case"}).status_code == 403
    asked = client.post("/api/requests", json={"ref": ref, "why": "joint case"}, headers=header)
    assert asked.status_code == 201, asked.text
    request_id = asked.json()["request"]
    assert asked.json()["status"] == "pending"
    assert client.post(f"/api/requests/{request_id}/grant", headers=header).status_code == 404
    assert client.get(f"/api/documents/{report}").status_code == 404
    page = client.get("/requests")
    assert page.status_code == 200 and "joint case" in page.text
    owner = TestClient(client.app)
    owner_csrf = log_in(owner, "tomas.arce")
    received = [r for r in owner.get("/api/requests").json() if r["role"] == "owner"]
    assert [(r["request"], r["requester"]) for r in received] == [(request_id, "michael.brennan")]
    granted = owner.post(f"/api/requests/{request_id}/grant",
                         headers={"X-CSRF-Token": owner_csrf})
    assert granted.status_code == 200, granted.text
    again = owner.post(f"/api/requests/{request_id}/refuse", json={"why": "late"},
                       headers={"X-CSRF-Token": owner_csrf})
    assert again.status_code == 409
    mine = [r for r in client.get("/api/requests").json() if r["role"] == "requester"]
    assert [(r["request"], r["status"]) for r in mine] == [(request_id, "granted")]
