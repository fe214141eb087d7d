"""The access rule compiled into SQL: which documents a person may see.

This is the only place that turns :mod:`enlace.sharing.policy` into a query. Every read
in :class:`enlace.store.view.View` filters through :func:`visible_documents`, so the
database, not Python, drops what a person may not see. The rule runs over the small
``label`` table and the grants; statements then join on their document's id.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.elements import ColumnElement as _Element
from sqlalchemy.types import String

import enlace.sharing.tables as sharing_tables
from enlace.sharing.policy import Principal
from enlace.store.tables import access_grant, document, label, label_compartment, label_release


def _compartments_held(principal: Principal) -> ColumnElement[bool]:
    missing = select(label_compartment.c.label_id).where(
        label_compartment.c.label_id == label.c.id,
        label_compartment.c.compartment.not_in(sorted(principal.compartments)),
    )
    return ~exists(missing)


def _audience(principal: Principal) -> ColumnElement[bool]:
    targets = sorted(principal.agencies | principal.countries)
    released = select(label_release.c.label_id).where(
        label_release.c.label_id == label.c.id,
        label_release.c.target.in_(targets),
    )
    owner = label.c.owner.in_(sorted(principal.agencies)) if principal.agencies else false()
    return or_(owner, exists(released))


def _groups_of(principal: Principal) -> Select[tuple[str]]:
    member = sharing_tables.sharing_group_member
    return select(member.c.group_name).where(member.c.user_id == principal.id)


def _granted(principal: Principal, now: datetime) -> ColumnElement[bool]:
    grantee = or_(
        and_(access_grant.c.grantee_kind == "user", access_grant.c.grantee == str(principal.id)),
        and_(access_grant.c.grantee_kind == "agency",
             access_grant.c.grantee.in_(sorted(principal.agencies))),
        and_(access_grant.c.grantee_kind == "group",
             access_grant.c.grantee.in_(_groups_of(principal))),
    )
    active = select(access_grant.c.id).where(
        access_grant.c.document_id == document.c.id,
        access_grant.c.revoked_at.is_(None),
        or_(access_grant.c.expires_at.is_(None), access_grant.c.expires_at > now),
        grantee,
    )
    return exists(active)


def visible_labels(principal: Principal) -> Select[tuple[int]]:
    """Ids of labels whose level, compartments and audience admit ``principal``."""
    return select(label.c.id).where(
        label.c.level <= principal.clearance,
        _compartments_held(principal),
        _audience(principal),
    )


def visible_documents(principal: Principal, now: datetime) -> Select[tuple[str]]:
    """Ids of the documents ``principal`` may see at ``now``."""
    return (
        select(document.c.id)
        .join(label, label.c.id == document.c.label_id)
        .where(
            label.c.level <= principal.clearance,
            _compartments_held(principal),
            or_(_audience(principal), _granted(principal, now)),
        )
    )


class Probe(_Element[str]):
    """A column to test against the visible set without driving the query from its index.

    SQLite would otherwise fetch statements document by document and sort them all; with
    ``+column`` it walks the entity index and probes the visible set, in a stream, so a
    scoped listing costs about what an unscoped one does. Other databases see the column.
    """

    inherit_cache = True
    type = String()

    def __init__(self, column: ColumnClause[Any]):
        self.column = column


@compiles(Probe)
def _probe(element: Probe, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column, **kw))


@compiles(Probe, "sqlite")
def _probe_sqlite(element: Probe, compiler: Any, **kw: Any) -> str:
    return "+" + str(compiler.process(element.column, **kw))
