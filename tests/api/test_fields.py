"""Text the store cannot hold (NUL) or numbers no grant can have get a 4xx, never a 5xx,
on both backends (PostgreSQL text refuses NUL)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import log_in

from enlace.api.routes.fields import no_nul

REQUESTS: list[tuple[str, str, dict[str, Any]]] = [
    ("get", "/api/entities/a%00b", {}),
    ("get", "/api/documents/a%00b", {}),
    ("get", "/api/search?q=cartel%00", {}),
    ("get", "/api/graph/neighbours/a%00b", {}),
    ("get", "/api/graph/paths?start=a%00&end=b", {}),
    ("get", "/api/graph/export?around=a%00", {}),
    ("get", "/api/audit/who-saw/a%00", {}),
    ("post", "/api/merges", {"json": {"left": "a\x00", "right": "b", "why": "x"}}),
    ("post", "/api/splits", {"json": {"entity": "a", "other": "b\x00", "why": "x"}}),
    ("post", "/api/xref/agency", {"json": {"agency": "D\x00A"}}),
    ("post", "/api/grants", {"json": {"document": "a\x00", "to": "agency:DEA"}}),
    ("post", "/api/grants", {"json": {"document": "a", "to": "user:x\x00"}}),
    ("delete", "/api/grants/dis-%00", {}),
    ("post", "/api/sharing-groups/abc/members", {"json": {"user": "a\x00"}}),
    ("delete", "/api/sharing-groups/abc/members/a%00", {}),
    ("post", "/api/leaks/trace", {"json": {"text": "abc", "document": "a\x00"}}),
]


def test_nul_is_refused_in_text_lists_and_optional_text() -> None:
    assert no_nul("a b") == "a b" and no_nul(None) is None and no_nul(["x"]) == ["x"]
    for value in ("a\x00", ["ok", "\x00"]):
        with pytest.raises(ValueError, match="NUL"):
            no_nul(value)


def test_no_route_fails_on_nul_or_odd_numbers(client: TestClient) -> None:
    header = {"X-CSRF-Token": log_in(client, "lucia.ortega")}
    lenient = TestClient(client.app, raise_server_exceptions=False)
    lenient.cookies.update(client.cookies)
    for method, path, options in REQUESTS:
        answer = getattr(lenient, method)(path, headers=header, **options)
        assert answer.status_code == 422 and "NUL" in answer.text, (method, path)
    upload = b'{"id": "a\\u0000", "schema": "Person", "properties": {"name": ["Ana Ruiz"]}}\n'
    bad_id = lenient.post("/api/xref/file", files={"file": ("x.jsonl", upload)}, headers=header)
    assert bad_id.status_code == 400 and "NUL" in bad_id.json()["error"]
    for number in ("%C2%B2", "99999999999999999999999"):
        assert lenient.delete(f"/api/grants/{number}", headers=header).status_code == 404
