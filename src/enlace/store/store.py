"""The store: one database (SQLite file or PostgreSQL), its scheme, and entry points.

``Store`` opens the database and hands out a :class:`~enlace.store.writer.Writer` for
changes and a :class:`~enlace.store.view.View` for reads scoped to one person.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, Engine, insert, inspect, select
from sqlalchemy.exc import OperationalError

from enlace import settings
from enlace.clock import utcnow
from enlace.exceptions import NotFound, StoreError
from enlace.model.markings import Level, MarkingScheme
from enlace.sharing.policy import Decision, Grant, Principal, decide
from enlace.store import migrate
from enlace.store.engine import is_sqlite, make_engine, normalise_url
from enlace.store.labels import LabelTable
from enlace.store.observe import ReadObserver
from enlace.store.tables import (
    access_grant,
    agency,
    app_user,
    classification_level,
    document,
    setting,
    user_agency,
    user_compartment,
    user_role,
)
from enlace.store.view import View
from enlace.store.writer import Writer


class Store:
    """An enlace database and what it knows about its own security scheme."""

    def __init__(self, url: str | None = None, engine: Engine | None = None):
        self.url = normalise_url(url or settings.db_url())
        self.engine = engine or make_engine(self.url)
        self.labels = LabelTable(self.engine)
        self._scheme: MarkingScheme | None = None
        #: Called after every read a View serves (the audit log registers here).
        self.observers: list[ReadObserver] = []
        from enlace.audit.record import AuditObserver  # here: the audit log imports the store

        self.observers.append(AuditObserver(self))

    @property
    def backend(self) -> str:
        return "sqlite" if is_sqlite(self.url) else "postgresql"

    # -- life cycle ---------------------------------------------------------------------

    @classmethod
    def create(cls, url: str | None = None, scheme: MarkingScheme | None = None) -> Store:
        """Create or upgrade the database, and record the scheme on first creation."""
        target = normalise_url(url or settings.db_url())
        engine = make_engine(target, create_dir=True)
        try:
            migrate.upgrade(engine)
        except OperationalError as exc:
            engine.dispose()
            raise StoreError(f"cannot reach the database at {target}: {exc.orig}") from None
        store = cls(target, engine)
        with engine.begin() as conn:
            if conn.execute(select(classification_level.c.rank)).first() is None:
                chosen = scheme or MarkingScheme.load(settings.markings_file())
                for level in chosen.levels:
                    conn.execute(insert(classification_level).values(
                        rank=level.rank, name=level.name, spanish=level.spanish,
                        names="|".join(level.names)))
                conn.execute(insert(setting).values(
                    key="scheme", value=json.dumps(chosen.to_dict(), ensure_ascii=False)))
        return store

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open an existing store, or say how to create or upgrade it."""
        store = cls(url)
        try:
            store._check_version()
        except BaseException:
            store.close()
            raise
        return store

    def _check_version(self) -> None:
        try:
            current = migrate.current_revision(self.engine)
            if current is None and not inspect(self.engine).has_table("agency"):
                raise StoreError(f"no enlace store at {self.url}: run `enlace init` first")
        except OperationalError as exc:
            raise StoreError(f"cannot open the database at {self.url}: {exc.orig}") from None
        if current != migrate.head_revision():
            raise StoreError(f"the store at {self.url} is at an older version: "
                             "run `enlace init` to upgrade it")

    def close(self) -> None:
        """Let observers finish (the audit log chains the reads it staged), then close
        every pooled connection."""
        try:
            for observer in self.observers:
                finish = getattr(observer, "close", None)
                if callable(finish):
                    finish()
        finally:
            self.engine.dispose()

    @property
    def scheme(self) -> MarkingScheme:
        """The marking scheme recorded in this store when it was created."""
        if self._scheme is None:
            with self.engine.connect() as conn:
                rows = conn.execute(select(classification_level)
                                    .order_by(classification_level.c.rank)).all()
                raw = conn.execute(select(setting.c.value)
                                   .where(setting.c.key == "scheme")).scalar()
            base = MarkingScheme.from_dict(json.loads(raw)) if raw else MarkingScheme.load()
            levels = tuple(Level(r.rank, r.name, r.spanish, tuple(filter(None, r.names.split("|"))))
                           for r in rows)
            self._scheme = MarkingScheme(levels or base.levels, base.tlp, base.roles)
        return self._scheme

    # -- people -------------------------------------------------------------------------

    def principal(self, name: str) -> Principal:
        """The person called ``name`` as the access rule sees them."""
        with self.engine.connect() as conn:
            user = conn.execute(select(app_user).where(app_user.c.name == name)).first()
            if user is None or not user.active:
                raise NotFound(f"unknown user {name!r}; add them with `enlace user add`")
            agencies = conn.execute(
                select(agency.c.code, agency.c.country)
                .join(user_agency, user_agency.c.agency == agency.c.code)
                .where(user_agency.c.user_id == user.id)).all()
            compartments = conn.execute(select(user_compartment.c.compartment)
                                        .where(user_compartment.c.user_id == user.id)).scalars()
            roles = conn.execute(select(user_role.c.role)
                                 .where(user_role.c.user_id == user.id)).scalars()
            return Principal(
                id=user.id, name=user.name, clearance=user.clearance,
                compartments=frozenset(compartments),
                agencies=frozenset(a.code for a in agencies),
                countries=frozenset(a.country for a in agencies),
                roles=frozenset(roles),
            )

    def view(self, who: str | Principal, now: datetime | None = None) -> View:
        """Reads scoped to one person, by name or as a Principal."""
        principal = self.principal(who) if isinstance(who, str) else who
        return View(self, principal, now)

    def writer(self) -> Writer:
        """A writer whose changes commit together when its ``with`` block ends."""
        return Writer(self)

    def explain(self, principal: Principal, document_id: str,
                now: datetime | None = None) -> Decision:
        """The rule's decision for one person and one document, with its reason.

        This names the reason a document is hidden, so it is for compliance work and
        tests; readers get :meth:`View.explain`, which answers only for visible ones."""
        with self.engine.connect() as conn:
            row = conn.execute(select(document.c.label_id)
                               .where(document.c.id == document_id)).first()
            if row is None:
                raise NotFound(f"document {document_id!r} not found")
            grants = [Grant(g.grantee_kind, g.grantee, g.expires_at, g.revoked_at,
                            self._group_members(conn, g.grantee)
                            if g.grantee_kind == "group" else frozenset())
                      for g in conn.execute(select(access_grant)
                                            .where(access_grant.c.document_id == document_id))]
            current = self.labels.get(row.label_id, conn)
        return decide(principal, current, grants, now or utcnow(), self.scheme)

    @staticmethod
    def _group_members(conn: Connection, group: str) -> frozenset[int]:
        from enlace.sharing.tables import sharing_group_member  # the sharing area's table

        return frozenset(conn.execute(select(sharing_group_member.c.user_id).where(
            sharing_group_member.c.group_name == group)).scalars())

