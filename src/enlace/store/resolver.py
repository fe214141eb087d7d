"""Judgements that two entity ids are one entity (or are not), as nomenklatura keeps them.

Nothing is rewritten: statements keep the id their source gave them, and a positive
judgement joins two ids into one cluster. Each judgement is backed by a derived document
whose label combines the labels of the sources that support both sides, so a reader sees a
merge only when they could see what it was made from; for anyone else the two stay apart.
Judgements are undone (``split``) by marking them, never by deleting them, and a split
leaves a negative judgement so automatic resolution does not merge the pair again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, insert, or_, select, update

from enlace.clock import utcnow
from enlace.exceptions import InvalidData, NotFound
from enlace.sharing.policy import Principal
from enlace.store import access
from enlace.store.tables import judgement

if TYPE_CHECKING:
    from enlace.store.view import View
    from enlace.store.writer import Writer

POSITIVE, NEGATIVE = "positive", "negative"


def _pair(left: str, right: str) -> tuple[str, str]:
    return (left, right) if left < right else (right, left)


def _pair_filter(left: str, right: str) -> ColumnElement[bool]:
    a, b = _pair(left, right)
    return and_(judgement.c.left_id == a, judgement.c.right_id == b)


def judged(writer: Writer, left: str, right: str) -> str | None:
    """The standing verdict on a pair, if any."""
    row = writer.conn.execute(select(judgement.c.verdict).where(
        _pair_filter(left, right), judgement.c.undone_at.is_(None),
    ).order_by(judgement.c.id.desc())).first()
    return str(row.verdict) if row else None


def add_judgement(writer: Writer, by: Principal, left: str, right: str, verdict: str,
                  origin: str, reason: str, inputs: Sequence[str]) -> int:
    """Record a verdict on two ids, backed by a derived document over ``inputs``."""
    if left == right:
        raise InvalidData("an entity is already itself; give two different ids")
    if verdict not in (POSITIVE, NEGATIVE):
        raise InvalidData("a judgement is positive or negative")
    a, b = _pair(left, right)
    stamp = utcnow()
    doc_id = "judgement-" + hashlib.sha1(f"{a}|{b}|{verdict}|{stamp.isoformat()}|{by.id}"
                                         .encode()).hexdigest()[:28]
    writer.derive(doc_id, sorted(set(inputs)), by, reason or f"{origin}: {verdict}",
                  title=f"{verdict} judgement: {a} / {b}")
    return int(writer.conn.execute(insert(judgement).values(
        left_id=a, right_id=b, verdict=verdict, document_id=doc_id, origin=origin,
        created_by=by.id, created_at=stamp, reason=reason or None,
    )).inserted_primary_key[0])  # type: ignore[index]


def undo(writer: Writer, by: Principal, entity_id: str, other: str | None = None) -> int:
    """Undo the positive judgements on ``entity_id`` (with ``other`` only, if given) that
    ``by`` can see; returns how many."""
    pair = _pair_filter(entity_id, other) if other else or_(
        judgement.c.left_id == entity_id, judgement.c.right_id == entity_id)
    found = writer.conn.execute(update(judgement).where(
        pair, judgement.c.verdict == POSITIVE, judgement.c.undone_at.is_(None),
        judgement.c.document_id.in_(access.visible_documents(by, utcnow())),
    ).values(undone_at=utcnow(), undone_by=by.id))
    if found.rowcount == 0:
        raise NotFound(f"no merge of {entity_id!r} to undo")
    return int(found.rowcount)


def clusters(view: View) -> dict[str, str]:
    """Member id -> cluster id for the merges this reader may see (the smallest id wins)."""
    query = select(judgement.c.left_id, judgement.c.right_id).where(
        judgement.c.verdict == POSITIVE, judgement.c.undone_at.is_(None),
        access.Probe(judgement.c.document_id).in_(view.visible_documents()))
    with view.store.engine.connect() as conn:
        pairs = conn.execute(query).all()
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for left, right in pairs:
        a, b = find(left), find(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {member: find(member) for member in parent}
