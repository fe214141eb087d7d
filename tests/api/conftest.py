"""A store with the demo case's people and FtM documents (no texts: fast) and three people
with passwords, on each backend; and a TestClient.

The case is loaded once per session and per backend: into a SQLite file that each test
copies, and into a PostgreSQL template database that each test clones with ``CREATE
DATABASE ... TEMPLATE`` (and drops afterwards). Every test taking ``case_store`` or
``client`` therefore runs twice, as ``[sqlite]`` and ``[postgresql]``.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from enlace import settings
from enlace.api.app import create_app
from enlace.api.passwords import set_password
from enlace.demo.case import Case, load_case
from enlace.store import Store
from enlace.store.engine import make_engine

PEOPLE = ("michael.brennan", "tomas.arce", "lucia.ortega")
CORAL_TITLE = "Reporte de fuente humana CORAL"


def password(name: str) -> str:
    return f"pw-{name}-2026"


def fill_case(url: str) -> None:
    """Load the demo case (without its texts) and set the people's passwords."""
    store = Store.open(url)
    try:
        load_case(store, dataclasses.replace(Case.bundled(), texts=()))
        for name in PEOPLE:
            set_password(store, name, password(name))
    finally:
        store.close()


@pytest.fixture(scope="session")
def case_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api-case") / "enlace.db"
    shutil.copy(sqlite_template, path)
    fill_case(f"sqlite:///{path}")
    return path


def _create_database(admin: sa.Engine, name: str, template: str | None = None) -> None:
    clause = f' TEMPLATE "{template}"' if template else ""
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{clause}'))


def _drop_database(admin: sa.Engine, name: str) -> None:
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[sa.Engine]:
    """An engine on the PostgreSQL server's maintenance database; skips without a server
    (fails under CI), as the ``pg_url`` fixture does."""
    admin = make_engine(settings.test_pg_url())
    try:
        with admin.connect():
            pass
    except sa.exc.OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL is unreachable under CI: {exc.orig}")
        pytest.skip(f"PostgreSQL is unreachable: {exc.orig}")
    yield admin
    admin.dispose()


@pytest.fixture(scope="session")
def pg_case_template(pg_admin: sa.Engine) -> Iterator[str]:
    """The name of a PostgreSQL database holding the case, for tests to clone."""
    name = f"enlace_case_{uuid.uuid4().hex[:10]}"
    _create_database(pg_admin, name)
    url = pg_admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        Store.create(url).close()
        fill_case(url)
        yield name
    finally:
        _drop_database(pg_admin, name)


def _sqlite_case(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    path = tmp_path / "enlace.db"
    shutil.copy(request.getfixturevalue("case_template"), path)
    yield f"sqlite:///{path}"


def _pg_case(request: pytest.FixtureRequest) -> Iterator[str]:
    admin: sa.Engine = request.getfixturevalue("pg_admin")
    template: str = request.getfixturevalue("pg_case_template")
    name = f"{template}_{uuid.uuid4().hex[:8]}"
    _create_database(admin, name, template)
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(admin, name)


@pytest.fixture
def case_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh copy of the case on the backend under test."""
    if backend == "sqlite":
        yield from _sqlite_case(request, tmp_path)
    else:
        yield from _pg_case(request)


@pytest.fixture
def case_store(case_url: str) -> Iterator[Store]:
    store = Store.open(case_url)
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


def logged_in(client: TestClient, name: str) -> tuple[TestClient, dict[str, str]]:
    """A second client on the same app, logged in as ``name``, and its CSRF header."""
    other = TestClient(client.app)
    return other, {"X-CSRF-Token": log_in(other, name)}


def coral_report(store: Store) -> str:
    """The id of the SOURCES report that names the informant CORAL."""
    return next(d.id for d in store.view("tomas.arce").documents()
                if (d.title or "").startswith(CORAL_TITLE))
