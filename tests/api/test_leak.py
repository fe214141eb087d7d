"""Leak tracing through the API: a compliance officer finds whose export leaked; nobody
else may trace."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from tests.api.conftest import log_in, logged_in

TEXT_PROPS = ("description", "summary", "notes")


def leaked_text(export: str) -> str:
    """The free text of an FtM export, as someone might paste it elsewhere."""
    values = [value for line in export.splitlines()
              for prop, found in json.loads(line)["properties"].items() if prop in TEXT_PROPS
              for value in found]
    return "\n\n".join(values)


def test_a_leaked_export_is_traced_to_its_recipient(client: TestClient) -> None:
    header = {"X-CSRF-Token": log_in(client, "tomas.arce")}
    export = client.post("/api/exports", json={"format": "ftm"}, headers=header)
    leak = {"text": leaked_text(export.text)}
    assert client.post("/api/leaks/trace", json=leak, headers=header).status_code == 403

    officer, officer_header = logged_in(client, "lucia.ortega")
    assert officer.post("/api/leaks/trace", json=leak).status_code == 403  # no CSRF token
    found = officer.post("/api/leaks/trace", json=leak, headers=officer_header)
    assert found.status_code == 200, found.text
    verdict = found.json()
    assert verdict["dissemination"] == export.headers["x-enlace-export"]
    assert verdict["recipient"] == "tomas.arce" and verdict["confidence"] > 0.9
    narrowed = officer.post("/api/leaks/trace", headers=officer_header,
                            json={**leak, "document": "dis-no-such-thing"})
    assert narrowed.status_code == 404

    brennan, brennan_header = logged_in(client, "michael.brennan")
    refused = brennan.post("/api/leaks/trace", json=leak, headers=brennan_header)
    assert refused.status_code == 403 and "tomas" not in refused.text
    empty = officer.post("/api/leaks/trace", json={"text": ""}, headers=officer_header)
    assert empty.status_code == 422
