"""Label rows: one per distinct label, shared by every document that carries it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from followthemoney.types import registry
from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from enlace.exceptions import InvalidData
from enlace.model.markings import COUNTRY_RE, Label
from enlace.store.tables import agency, label, label_compartment, label_release


class LabelTable:
    """Reads and creates label rows, keeping a cache of the immutable rows seen, and what
    :func:`~enlace.store.access.resolve_visible_documents` keeps between requests."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._by_id: dict[int, Label] = {}
        self.access_memo: dict[Any, Any] = {}

    def get(self, label_id: int, conn: Connection | None = None) -> Label:
        if label_id not in self._by_id:
            if conn is None:
                with self.engine.connect() as own:
                    self._by_id[label_id] = self._read(own, label_id)
            else:
                self._by_id[label_id] = self._read(conn, label_id)
        return self._by_id[label_id]

    @staticmethod
    def _read(conn: Connection, label_id: int) -> Label:
        row = conn.execute(select(label).where(label.c.id == label_id)).one()
        compartments = conn.execute(select(label_compartment.c.compartment)
                                    .where(label_compartment.c.label_id == label_id)).scalars()
        targets = conn.execute(select(label_release.c.target)
                               .where(label_release.c.label_id == label_id)).scalars()
        return Label(row.level, frozenset(compartments), frozenset(targets), row.owner)

    def ensure(self, conn: Connection, value: Label) -> int:
        """The id of the row for ``value``, creating it (after checking it) if new."""
        found = conn.execute(select(label.c.id)
                             .where(label.c.fingerprint == value.fingerprint)).scalar()
        if found is not None:
            return int(found)
        self.check(conn, value)
        # Two writers may create the same label at once: the second waits for the first
        # to commit, inserts nothing, and reads the first one's row.
        dialect_insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        created = conn.execute(dialect_insert(label).values(
            fingerprint=value.fingerprint, level=value.level, owner=value.owner,
        ).on_conflict_do_nothing(index_elements=["fingerprint"]).returning(label.c.id)).scalar()
        if created is None:
            return int(conn.execute(select(label.c.id)
                                    .where(label.c.fingerprint == value.fingerprint)).scalar_one())
        label_id = int(created)
        for name in sorted(value.compartments):
            conn.execute(insert(label_compartment).values(label_id=label_id, compartment=name))
        for target in sorted(value.releasable_to):
            conn.execute(insert(label_release).values(label_id=label_id, target=target))
        return int(label_id)

    @staticmethod
    def check(conn: Connection, value: Label) -> None:
        """Every agency a label names must exist; two-letter targets are countries."""
        known = agency_countries(conn)
        for code in sorted(value.releasable_to | ({value.owner} if value.owner else set())):
            if COUNTRY_RE.match(code):
                if registry.country.clean(code) is None:
                    raise InvalidData(f"{code!r} is not a country code (ISO 3166, e.g. MX, US)")
            elif code not in known:
                raise InvalidData(f"unknown agency {code!r}; add it with `enlace agency add`")


def agency_countries(conn: Connection) -> Mapping[str, str]:
    """Every agency code with its country code."""
    return {row.code: row.country for row in conn.execute(select(agency.c.code, agency.c.country))}
