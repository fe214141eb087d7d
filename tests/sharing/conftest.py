"""Fixtures for the sharing tests: the bundled demo case plus a few more people.

The demo case's CNI source report (SOURCES compartment) is the protected material;
``tomas.arce`` (CNI, SECRET, SOURCES) shares it. Added here: ``cni.officer`` (CNI,
SECRET, no compartments), ``cni.handler`` (CNI, SECRET, SOURCES) and ``cni.compliance``.
Loading the case is slow, so it is loaded once per backend and copied for each test (a
file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from enlace import settings
from enlace.demo.case import load_case
from enlace.store import Store
from enlace.store.engine import make_engine


@dataclass(frozen=True)
class Case:
    store: Store
    source_report: str  # the CNI source report on CORAL (SECRET, SOURCES, RED)
    sanitized: str  # the sanitized CNI note (CONFIDENTIAL, REL MX, AMBER)


def _load(store: Store) -> None:
    load_case(store)
    with store.writer() as w:
        w.add_user("cni.officer", ["CNI"], "SECRET")
        w.add_user("cni.handler", ["CNI"], "SECRET", ["SOURCES"])
        w.add_user("cni.compliance", ["CNI"], "SECRET", roles=["compliance"])


def _by_title(store: Store, user: str, start: str) -> str:
    return next(d.id for d in store.view(user).documents() if (d.title or "").startswith(start))


@pytest.fixture(scope="session")
def sqlite_case(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("case") / "enlace.db"
    shutil.copy(sqlite_template, path)
    store = Store(f"sqlite:///{path}")
    _load(store)
    store.engine.dispose()
    return path


def _admin() -> sa.Engine:
    return make_engine(settings.test_pg_url())


@pytest.fixture(scope="session")
def pg_case(pg_url: str) -> Iterator[str]:
    """A loaded PostgreSQL database used as the template of each test's database."""
    admin = _admin()
    name = f"enlace_case_{uuid.uuid4().hex[:10]}"
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    store = Store.create(url)
    _load(store)
    store.engine.dispose()
    yield name
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def case_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        target = tmp_path / "enlace.db"
        shutil.copy(request.getfixturevalue("sqlite_case"), target)
        yield f"sqlite:///{target}"
        return
    template: str = request.getfixturevalue("pg_case")
    admin = _admin()
    name = f"enlace_t_{uuid.uuid4().hex[:10]}"
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield admin.url.set(database=name).render_as_string(hide_password=False)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def case(case_url: str) -> Iterator[Case]:
    store = Store(case_url)
    yield Case(store, _by_title(store, "tomas.arce", "Reporte de fuente humana CORAL: identidad"),
               _by_title(store, "tomas.arce", "Nota informativa: reunión de la célula"))
    store.engine.dispose()
