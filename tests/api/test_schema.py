"""Schemathesis over /openapi.json, with an API token: no request gets a 5xx.

Each operation of the schema gets generated requests (valid and edge-case values) sent to
the ASGI app in process; any 5xx fails the test with the operation and the answer.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from enlace.api.app import create_app
from enlace.api.sessions import create_token
from enlace.store import Store

EXAMPLES = 12


@pytest.mark.slow
def test_no_request_gets_a_server_error(case_store: Store) -> None:
    _, token = create_token(case_store, case_store.principal("tomas.arce"), "fuzz")
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(case_store))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    failures: list[str] = []
    calls: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def fuzz(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            calls.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code} "
                                f"{response.text[:300]}")

        fuzz()
    assert failures == []
    assert len(calls) > 2 * len(operations) and any(c < 300 for c in calls)
