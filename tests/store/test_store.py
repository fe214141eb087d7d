"""Store life cycle: creating, opening, migrating, and the scheme it records."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from enlace.exceptions import StoreError
from enlace.model.markings import MarkingScheme
from enlace.store import Store
from enlace.store.schema import include_name, metadata


def test_migrations_create_exactly_the_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_create_is_idempotent_and_keeps_data(store: Store) -> None:
    with store.writer() as w:
        w.add_agency("FGR", "Fiscalía General de la República", "MX")
    again = Store.create(store.url)
    with again.writer() as w:
        assert w.count(metadata.tables["agency"]) == 1
    again.engine.dispose()


def test_scheme_comes_from_the_database(store: Store) -> None:
    scheme = store.scheme
    assert [lv.name for lv in scheme.levels] == ["PUBLIC", "RESTRICTED", "CONFIDENTIAL", "SECRET"]
    assert scheme.level("secreto").name == "SECRET"


def test_open_without_init_says_how(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="enlace init"):
        Store.open(f"sqlite:///{tmp_path / 'missing' / 'enlace.db'}")
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="enlace init"):
        Store.open(f"sqlite:///{tmp_path / 'empty' / 'enlace.db'}")


def test_custom_scheme_at_creation(tmp_path: Path) -> None:
    scheme = MarkingScheme.from_dict({
        "classification": [{"name": "OPEN"}, {"name": "SENSITIVE", "spanish": "SENSIBLE"}],
        "tlp": [{"name": "RED"}], "roles": ["analyst"]})
    store = Store.create(f"sqlite:///{tmp_path / 's' / 'enlace.db'}", scheme)
    assert [lv.name for lv in store.scheme.levels] == ["OPEN", "SENSITIVE"]
    assert store.scheme.level("sensible").rank == 1
    store.engine.dispose()


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot"):
        Store.create("postgresql://nobody@127.0.0.1:1/none")


def test_unsupported_url() -> None:
    with pytest.raises(StoreError, match=r"unsupported|not a database URL"):
        Store("mysql://x@localhost/y")
