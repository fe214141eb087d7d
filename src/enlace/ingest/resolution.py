"""Resolving a new document's entities against the store, and merging by hand.

Within a document the extractor has already joined short forms to full names. Against the
store, a new person, group or agency whose full name (three words or more) equals the name
of an entity the uploader may already see is joined to it by a positive judgement with
origin ``auto:same-name``; a person can undo it with ``enlace split``, which also stops it
from being made again. Only what the uploader may see is searched, so an automatic merge
never reveals anything to anyone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import or_, select

from enlace.audit import record
from enlace.clock import utcnow
from enlace.exceptions import InvalidData, NotFound
from enlace.sharing.policy import Principal
from enlace.store import access
from enlace.store.resolver import NEGATIVE, POSITIVE, add_judgement, undo
from enlace.store.tables import document, judgement, statement
from enlace.store.writer import Writer

AUTO_SCHEMATA = ("Person", "Organization", "PublicBody")
MIN_NAME_WORDS = 3
AUTO_ORIGIN = "auto:same-name"


def resolve_against_store(writer: Writer, by: Principal, document_id: str,
                          rows: Sequence[dict[str, Any]]) -> int:
    """Judge new entities equal to visible ones with the same full name; returns how many."""
    names: dict[str, set[str]] = {}
    for row in rows:
        if (row["prop"] == "name" and row["schema"] in AUTO_SCHEMATA
                and len(row["value"].split()) >= MIN_NAME_WORDS):
            names.setdefault(row["value"], set()).add(row["entity_id"])
    if not names:
        return 0
    query = select(statement.c.entity_id, statement.c.value, statement.c.schema,
                   statement.c.document_id).where(
        statement.c.prop == "name", statement.c.value.in_(sorted(names)),
        statement.c.document_id != document_id)
    same_name = writer.conn.execute(query).all()
    if not same_name:  # most documents: no need to work out what the uploader may see
        return 0
    visible = set(writer.conn.execute(access.visible_documents(by, utcnow()).where(
        document.c.id.in_(sorted({f.document_id for f in same_name})))).scalars())
    schemata = {r["entity_id"]: r["schema"] for r in rows}
    candidates: dict[str, dict[str, str]] = {}  # new id -> existing id -> its document
    for found in same_name:
        if found.document_id not in visible:
            continue
        for new_id in names[found.value]:
            if found.entity_id != new_id and found.schema == schemata[new_id]:
                candidates.setdefault(new_id, {}).setdefault(found.entity_id, found.document_id)
    made = 0
    pairs = _positive_pairs(writer, sorted({i for found in candidates.values() for i in found}))
    verdicts = _standing(writer, sorted(candidates))
    for new_id, existing in candidates.items():
        for other in _representatives(sorted(existing), pairs):
            if (min(new_id, other), max(new_id, other)) in verdicts:
                continue
            add_judgement(writer, by, new_id, other, POSITIVE, AUTO_ORIGIN,
                          "same full name", [document_id, existing[other]])
            made += 1
    return made


def _positive_pairs(writer: Writer, ids: list[str]) -> list[tuple[str, str]]:
    """Standing positive judgements between two of ``ids``."""
    if not ids:
        return []
    rows = writer.conn.execute(select(judgement.c.left_id, judgement.c.right_id).where(
        judgement.c.verdict == POSITIVE, judgement.c.undone_at.is_(None),
        judgement.c.left_id.in_(ids), judgement.c.right_id.in_(ids))).all()
    return [(str(left), str(right)) for left, right in rows]


def _standing(writer: Writer, ids: list[str]) -> set[tuple[str, str]]:
    """The pairs (ordered) involving any of ``ids`` that have a standing verdict."""
    if not ids:
        return set()
    rows = writer.conn.execute(select(judgement.c.left_id, judgement.c.right_id).where(
        judgement.c.undone_at.is_(None),
        or_(judgement.c.left_id.in_(ids), judgement.c.right_id.in_(ids)))).all()
    return {(min(a, b), max(a, b)) for a, b in rows}


def _representatives(ids: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """One id per group of ``ids`` already judged to be one entity (``pairs``), so that a
    name seen in many documents is joined once, not to every earlier copy."""
    wanted = set(ids)
    pairs = [(left, right) for left, right in pairs if left in wanted and right in wanted]
    group = {i: i for i in ids}

    def find(x: str) -> str:
        while group[x] != x:
            x = group[x]
        return x

    for left, right in pairs:
        a, b = find(left), find(right)
        group[max(a, b)] = min(a, b)
    return sorted({find(i) for i in ids})


def sources_of(writer: Writer, by: Principal, entity_ids: Iterable[str]) -> list[str]:
    """The documents ``by`` may see that state anything about ``entity_ids``."""
    query = select(statement.c.document_id).distinct().where(
        statement.c.entity_id.in_(sorted(set(entity_ids))),
        statement.c.document_id.in_(access.visible_documents(by, utcnow())))
    return sorted(str(d) for d in writer.conn.execute(query).scalars())


def merge(writer: Writer, by: Principal, left: str, right: str, reason: str) -> int:
    """A person's positive judgement that ``left`` and ``right`` are one entity."""
    if not reason.strip():
        raise InvalidData("say why the two are one (--why): the judgement is recorded")
    inputs = _both_visible(writer, by, left, right)
    made = add_judgement(writer, by, left, right, POSITIVE, f"user:{by.name}", reason, inputs)
    record(writer.store, by, "entity.merge", [f"entity:{left}", f"entity:{right}"],
           {"judgement": made}, conn=writer.conn)
    return made


def split(writer: Writer, by: Principal, entity_id: str, other: str | None,
          reason: str) -> int:
    """Undo merges of ``entity_id`` (with ``other`` only, if given) and record that they
    are different, so no automatic merge joins them again."""
    if not reason.strip():
        raise InvalidData("say why they differ (--why): the split is recorded")
    undone = undo(writer, by, entity_id, other)
    if other is not None:
        inputs = _both_visible(writer, by, entity_id, other)
        add_judgement(writer, by, entity_id, other, NEGATIVE, f"user:{by.name}", reason, inputs)
    subjects = [f"entity:{e}" for e in (entity_id, other) if e]
    record(writer.store, by, "entity.split", subjects, {"undone": undone}, conn=writer.conn)
    return undone


def _both_visible(writer: Writer, by: Principal, left: str, right: str) -> list[str]:
    for entity_id in (left, right):
        if not sources_of(writer, by, [entity_id]):
            raise NotFound(f"entity {entity_id!r} not found")
    return sources_of(writer, by, [left, right])

