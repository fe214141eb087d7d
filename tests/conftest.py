"""Shared fixtures: a fresh store on each backend (SQLite file and PostgreSQL server).

Every storage, search and access test takes the ``store`` fixture and so runs twice. A
PostgreSQL server that cannot be reached skips those runs on a laptop and fails them
under CI (``CI=true``).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from enlace import settings
from enlace.store import Store
from enlace.store.engine import make_engine
from enlace.store.labels import LabelTable
from enlace.store.tables import metadata

BACKENDS = ["sqlite", "postgresql"]


def _pg_admin_url() -> str:
    return settings.test_pg_url()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A throwaway PostgreSQL database for this test session, migrated once."""
    admin = make_engine(_pg_admin_url())
    name = f"enlace_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL is unreachable under CI: {exc.orig}")
        pytest.skip(f"PostgreSQL is unreachable: {exc.orig}")
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    Store.create(url).engine.dispose()
    yield url
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "enlace.db"
    Store.create(f"sqlite:///{path}").engine.dispose()
    return path


def empty_store(store: Store) -> Store:
    """Delete every row, then put the classification levels back."""
    with store.engine.begin() as conn:
        if store.backend == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(metadata.sorted_tables):
                conn.execute(table.delete())
    Store.create(store.url).engine.dispose()
    store.labels = LabelTable(store.engine)
    return store


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path,
              sqlite_template: Path) -> str:
    if backend == "sqlite":
        target = tmp_path / "enlace.db"
        shutil.copy(sqlite_template, target)
        return f"sqlite:///{target}"
    url: str = request.getfixturevalue("pg_url")
    empty_store(Store(url)).engine.dispose()
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh, empty, migrated store on the backend under test."""
    created = Store(store_url)
    yield created
    created.engine.dispose()


@pytest.fixture
def reset(store: Store) -> Callable[[], Store]:
    """Empty ``store`` again, for tests (such as hypothesis ones) that loop inside."""
    return lambda: empty_store(store)
