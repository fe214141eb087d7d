"""A store with the demo case's people and FtM documents (no texts: fast) and three people
with passwords, built once as a SQLite file that each test copies; and a TestClient."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from enlace.api.app import create_app
from enlace.api.passwords import set_password
from enlace.demo.case import Case, load_case
from enlace.store import Store

PEOPLE = ("michael.brennan", "tomas.arce", "lucia.ortega")
CORAL_TITLE = "Reporte de fuente humana CORAL"


def password(name: str) -> str:
    return f"pw-{name}-2026"


@pytest.fixture(scope="session")
def case_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api-case") / "enlace.db"
    shutil.copy(sqlite_template, path)
    store = Store.open(f"sqlite:///{path}")
    try:
        load_case(store, dataclasses.replace(Case.bundled(), texts=()))
        for name in PEOPLE:
            set_password(store, name, password(name))
    finally:
        store.close()
    return path


@pytest.fixture
def case_store(case_template: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "enlace.db"
    shutil.copy(case_template, path)
    store = Store.open(f"sqlite:///{path}")
    yield store
    store.close()


@pytest.fixture
def client(case_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(case_store)) as test_client:
        yield test_client


def log_in(client: TestClient, name: str) -> str:
    """Log in through the API; returns the session's CSRF token."""
    response = client.post("/api/login", json={"name": name, "password": password(name)})
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


def coral_report(store: Store) -> str:
    """The id of the SOURCES report that names the informant CORAL."""
    return next(d.id for d in store.view("tomas.arce").documents()
                if (d.title or "").startswith(CORAL_TITLE))
