"""The access rule compiled into SQL: which documents a person may see.

This is the only place that turns :mod:`enlace.sharing.policy` into a query. Every read
in :class:`enlace.store.view.View` filters through :func:`visible_documents`, so the
database, not Python, drops what a person may not see. The rule runs over the small
``label`` table and the grants; statements then join on their document's id.

:func:`resolve_rule` evaluates the same rule once, for one request, into the ids of the
labels and the grants that admit the person, so that a query touching many documents tests
each one's ``label_id`` against a short list instead of running the rule per document
(:meth:`ResolvedRule.admits`, also for rows such as the search index's that carry their
document's label). It is exactly as strict and must be resolved again for each request: a
grant revoked or expired afterwards would otherwise still count.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    and_,
    any_,
    bindparam,
    cast,
    exists,
    false,
    func,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.elements import ColumnElement as _Element
from sqlalchemy.types import String, TypeDecorator

import enlace.sharing.tables as sharing_tables
from enlace.sharing.policy import Principal
from enlace.store.tables import access_grant, document, label, label_compartment, label_release

#: Longest id list :func:`resolve_rule` writes into a query.
MAX_LISTED = 2000
#: A moment: a time, or a parameter that binds one when the statement runs.
When = datetime | ColumnElement[Any]
#: What :func:`resolve_rule` keeps between requests: per set of markings,
#: the label count (and last id) and the cleared and visible label ids read at it; per
#: person, the statement that reads their grants and that count.
LabelMemo = dict[Any, Any]


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


def _active_grant(principal: Principal, now: When) -> ColumnElement[bool]:
    """An ``access_grant`` row that is neither revoked nor expired and covers ``principal``."""
    grantee = or_(
        and_(access_grant.c.grantee_kind == "user", access_grant.c.grantee == str(principal.id)),
        and_(access_grant.c.grantee_kind == "agency",
             access_grant.c.grantee.in_(sorted(principal.agencies))),
        and_(access_grant.c.grantee_kind == "group",
             access_grant.c.grantee.in_(_groups_of(principal))),
    )
    return and_(
        access_grant.c.revoked_at.is_(None),
        or_(access_grant.c.expires_at.is_(None), access_grant.c.expires_at > now),
        grantee,
    )


def _granted(principal: Principal, now: datetime) -> ColumnElement[bool]:
    active = select(access_grant.c.id).where(
        access_grant.c.document_id == document.c.id, _active_grant(principal, now))
    return exists(active)


def cleared_labels(principal: Principal) -> Select[tuple[int]]:
    """Ids of labels whose level and compartments admit ``principal`` (the audience, or a
    grant, must still admit them)."""
    return select(label.c.id).where(
        label.c.level <= principal.clearance,
        _compartments_held(principal),
    )


def visible_labels(principal: Principal) -> Select[tuple[int]]:
    """Ids of labels whose level, compartments and audience admit ``principal``."""
    return cleared_labels(principal).where(_audience(principal))


def granted_documents(principal: Principal, now: When) -> Select[tuple[str]]:
    """Ids of the documents an active grant covers for ``principal`` at ``now``; each one
    is visible only under a label that clears them (a grant never lifts a level or a
    compartment)."""
    return select(access_grant.c.document_id).distinct().where(_active_grant(principal, now))


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


class JSONList(TypeDecorator[list[Any]]):
    """A list bound as one JSON text parameter (SQLite reads it with ``json_each``)."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: list[Any] | None, dialect: Any) -> str | None:
        return None if value is None else json.dumps(value)


def one_of(column: ColumnElement[Any], name: str, array: bool,
           ids: list[Any] | None = None) -> ColumnElement[bool]:
    """``column`` is one of the ids bound as ``name`` (``ids`` or, later, at execution), as
    one parameter whatever the list's length, so the statement's text never changes and
    the database can keep its plan: on PostgreSQL (``array``) an array, on SQLite a JSON
    list."""
    if array:
        return column == any_(bindparam(name, ids, type_=ARRAY(column.type)))
    listed = func.json_each(bindparam(name, ids, type_=JSONList())).table_valued("value")
    return column.in_(select(listed.c.value))


def _listed(column: ColumnElement[Any], name: str, ids: list[Any], query: Callable[[], Select[Any]],
            array: bool) -> ColumnElement[bool]:
    """:func:`one_of` ``ids``, or ``query()`` for a list too long to be worth sending."""
    if len(ids) > MAX_LISTED:
        return column.in_(query())
    return one_of(column, name, array, ids)


@dataclass(frozen=True)
class ResolvedRule:
    """The rule for one person and one request, as lists: the labels that admit them, the
    labels that clear them, and the documents their active grants open (see
    :func:`resolve_rule`). Never keep one longer than the request."""

    principal: Principal
    now: datetime
    visible: list[int]
    cleared: list[int]
    granted: list[str]
    array: bool  # PostgreSQL: lists go as one array parameter each

    def admits(self, label_id: ColumnElement[Any], document_id: ColumnElement[Any]
               ) -> ColumnElement[bool]:
        """Whether a row whose document has ``document_id`` and carries ``label_id`` is
        visible: its label admits the person, or a grant opens it under a label that
        clears them. Any table holding both columns can be tested without a join."""
        principal = self.principal
        by_label = _listed(label_id, "visible_labels", self.visible,
                           lambda: visible_labels(principal), self.array)
        if not self.granted:
            return by_label
        return or_(by_label, and_(
            _listed(document_id, "granted_documents", self.granted,
                    lambda: granted_documents(principal, self.now), self.array),
            _listed(label_id, "cleared_labels", self.cleared,
                    lambda: cleared_labels(principal), self.array)))

    @property
    def shape(self) -> tuple[bool, bool] | None:
        """What the SQL of :meth:`admits` depends on besides the lists it binds by name
        (:meth:`parameters`): whether grants are listed, and the dialect's form. None when
        a list is too long and becomes a subquery written for this person alone."""
        if max(len(self.visible), len(self.cleared), len(self.granted)) > MAX_LISTED:
            return None
        return bool(self.granted), self.array

    def parameters(self) -> dict[str, list[Any]]:
        """The lists, by the names :meth:`admits` binds them under: a statement built for
        another request of the same :attr:`shape` runs for this one with these."""
        return {"visible_labels": self.visible, "cleared_labels": self.cleared,
                "granted_documents": self.granted}

    def documents(self) -> Select[tuple[str]]:
        """The ids of the visible documents."""
        return select(document.c.id).where(self.admits(document.c.label_id, document.c.id))


def resolve_rule(conn: Connection, principal: Principal, now: datetime,
                 memo: LabelMemo | None = None) -> ResolvedRule:
    """The rule evaluated now on ``conn`` into label and grant lists (:class:`ResolvedRule`).

    Grants are read every time. Label rows never change once written, so the labels a
    set of markings admits change only when labels are added: ``memo`` keeps them per set
    of markings with the label count they were read at, and they are read again when the
    count has moved. Lists longer than :data:`MAX_LISTED` stay subqueries (databases cap
    parameters)."""
    memo = {} if memo is None else memo
    rows = conn.execute(_grants_and_labels(principal, memo), {"now": now}).all()
    version = next((row.n, row.last) for row in rows if row.granted is None)
    granted = sorted(row.granted for row in rows if row.granted is not None)
    markings = (principal.clearance, principal.compartments, principal.agencies,
                principal.countries)
    known = memo.get(markings)
    if known is None or known[0] != version:
        labels = cleared_labels(principal).add_columns(_audience(principal).label("audience"))
        found = conn.execute(labels).all()
        known = (version, sorted(r.id for r in found), sorted(r.id for r in found if r.audience))
        memo[markings] = known
    _, cleared, visible = known
    return ResolvedRule(principal, now, visible, cleared, granted,
                        conn.dialect.name == "postgresql")


def resolve_visible_documents(conn: Connection, principal: Principal, now: datetime,
                              memo: LabelMemo | None = None) -> Select[tuple[str]]:
    """:func:`visible_documents`, with the rule evaluated now on ``conn``
    (:func:`resolve_rule`): documents whose label is among the visible labels, or that an
    active grant opens to ``principal`` under a label that clears them. Resolve again for
    every request."""
    return resolve_rule(conn, principal, now, memo).documents()


def _grants_and_labels(principal: Principal, memo: LabelMemo) -> Select[Any]:
    """One query: the label count and last id (``granted`` NULL), then one row per
    document an active grant opens to ``principal`` at the bound ``now``."""
    key = ("grants", principal.id, principal.agencies)
    if key not in memo:
        count = select(func.count().label("n"), func.max(label.c.id).label("last"),
                       cast(null(), String).label("granted"))
        grants = select(cast(null(), Integer), cast(null(), Integer),
                        granted_documents(principal, bindparam("now")).subquery().c.document_id)
        memo[key] = union_all(count, grants)
    query: Select[Any] = memo[key]
    return query


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
