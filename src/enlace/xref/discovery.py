"""Discovery: the one place that reads across a person's scope, and what it may reveal.

Cross-referencing must compare a person's entities with *everything* in the store, or an
agency could never learn that another one already holds a record on the same person. So
:func:`discover` reads the key index and the candidates' statements without the access
rule, as a system process. It is the only function in enlace that does so for a reader,
and it returns only what a hidden match may reveal:

* for candidates with statements the person may see, their ids and nothing else, and only
  when those *visible* statements alone match; the caller then reads them through the
  person's :class:`~enlace.store.view.View`, as for any other read;
* for matches that need material the person may not see, one :class:`Hidden` per query
  entity and owner agency: the agency code and an opaque random reference. The hidden
  entities, names, values, scores, document ids, labels and counts stay in the database
  (``xref_match``), where an access request (:mod:`enlace.xref.requests`) finds them.

Visible and hidden parts are split by the compiled access rule in SQL
(``view.visible_documents()``), never by filtering rows in Python.
"""

from __future__ import annotations

import math
import secrets
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

import numpy as np
from sqlalchemy import Connection, func, insert, select

from enlace.clock import utcnow
from enlace.model.entity import Entity
from enlace.model.statement import Statement
from enlace.store import View
from enlace.store.tables import document, statement
from enlace.store.view import STATEMENT_COLUMNS
from enlace.xref.block import DEFAULT_CAP, DEFAULT_TOP, frequencies
from enlace.xref.index import batches
from enlace.xref.keys import record_keys
from enlace.xref.record import Record, record_from_entity
from enlace.xref.scoring import score_pairs, threshold
from enlace.xref.tables import xref_entity, xref_key, xref_match, xref_match_document, xref_term

MAX_DF = 10_000  # a key held by more entities than this is capped whatever the query


@dataclass(frozen=True)
class Hidden:
    """All a person learns about a match in material they may not see."""

    query: str  # the person's own entity
    agency: str
    ref: str

    def to_dict(self) -> dict[str, str]:
        return {"query": self.query, "match": "a record exists", "agency": self.agency,
                "request": "request access", "ref": self.ref}


@dataclass(frozen=True)
class Found:
    """Visible candidates (query id, entity id), hidden matches, and capped query keys."""

    visible: list[tuple[str, str]] = field(default_factory=list)
    hidden: list[Hidden] = field(default_factory=list)
    capped: dict[str, list[str]] = field(default_factory=dict)


def discover(view: View, queries: Sequence[Record], override: float | None = None,
             exclude: Collection[str] = (), cap: int = DEFAULT_CAP,
             top: int = DEFAULT_TOP) -> Found:
    """Match ``queries`` against the whole store; reveal hidden matches only as agencies."""
    found = Found()
    with view.store.engine.connect() as conn:
        candidates = _candidates(conn, queries, set(exclude), cap, top, found.capped)
        ids = sorted({c for cs in candidates.values() for c in cs})
        visible = _visible_part(conn, view, ids)
        hidden = _hidden_part(conn, view, ids)
    groups: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for q, c, agency, docs in _decide(queries, candidates, visible, hidden, override):
        if agency is None:
            found.visible.append((q, c))
        else:
            groups[(q, agency)].update((d, c) for d in docs)
    with view.store.engine.begin() as conn:
        for (q, agency), held in sorted(groups.items()):
            found.hidden.append(Hidden(q, agency, _remember(conn, view, q, agency, held)))
    return found


def _candidates(conn: Connection, queries: Sequence[Record], exclude: set[str], cap: int,
                top: int, capped: dict[str, list[str]]) -> dict[int, list[str]]:
    keys = [record_keys(q) for q in queries]
    df_query = frequencies(keys)
    df: dict[str, int] = {}
    for part in batches(sorted(df_query)):
        df.update((k, n) for k, n in conn.execute(select(xref_term.c.key, xref_term.c.df)
                                                 .where(xref_term.c.key.in_(part))))
    total = conn.execute(select(func.count()).select_from(xref_entity)).scalar_one() or 1
    stopped = {k for k, n in df.items() if n > MAX_DF or n * df_query[k] > cap}
    postings: dict[str, list[str]] = defaultdict(list)
    for part in batches(sorted(set(df) - stopped)):
        for key, entity_id in conn.execute(select(xref_key.c.key, xref_key.c.entity_id)
                                           .where(xref_key.c.key.in_(part))):
            postings[key].append(entity_id)
    out: dict[int, list[str]] = {}
    for i, (query, entry) in enumerate(zip(queries, keys, strict=True)):
        own = sorted(k for k in entry if k in stopped)
        if own:
            capped[query.id] = own
        weights: dict[str, float] = defaultdict(float)
        for key, weight in entry.items():
            idf = math.log1p(total / df[key]) if key in df else 0.0
            for entity_id in postings.get(key, ()):
                if entity_id != query.id and entity_id not in exclude:
                    weights[entity_id] += weight * idf
        out[i] = sorted(weights, key=lambda e: (-weights[e], e))[:top]
    return out


def _entities(rows: Any) -> dict[str, list[Statement]]:
    return {eid: [Statement.from_row(r) for r in group]
            for eid, group in groupby(rows, key=lambda r: r.entity_id)}


def _visible_part(conn: Connection, view: View, ids: Sequence[str]
                  ) -> dict[str, list[Statement]]:
    found: dict[str, list[Statement]] = {}
    for part in batches(ids):
        found.update(_entities(conn.execute(
            select(*STATEMENT_COLUMNS).where(statement.c.entity_id.in_(part),
                                             statement.c.document_id.in_(
                                                 view.visible_documents()))
            .order_by(statement.c.entity_id))))
    return found


def _hidden_part(conn: Connection, view: View, ids: Sequence[str]
                 ) -> dict[str, dict[str, list[Statement]]]:
    """Statements the person may not see, per entity and owner agency (owned ones only)."""
    found: dict[str, dict[str, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    for part in batches(ids):
        rows = conn.execute(
            select(*STATEMENT_COLUMNS, document.c.owner)
            .join(document, document.c.id == statement.c.document_id)
            .where(statement.c.entity_id.in_(part), document.c.owner.is_not(None),
                   statement.c.document_id.not_in(view.visible_documents())))
        for row in rows:
            found[row.entity_id][row.owner].append(Statement.from_row(row[:-1]))
    return found


def _record(entity_id: str, statements: list[Statement]) -> Record | None:
    return record_from_entity(Entity.from_statements(entity_id, statements)) \
        if statements else None


def _decide(queries: Sequence[Record], candidates: dict[int, list[str]],
            visible: dict[str, list[Statement]],
            hidden: dict[str, dict[str, list[Statement]]], override: float | None
            ) -> list[tuple[str, str, str | None, set[str]]]:
    """(query, candidate, None, {}) for visible matches, (query, candidate, agency, docs)
    for matches that need that agency's hidden material."""
    parts: list[Record] = []
    meta: list[tuple[int, str, str | None, set[str]]] = []
    pairs: list[tuple[int, int]] = []
    for i, cands in candidates.items():
        for c in cands:
            seen = visible.get(c, [])
            options: list[tuple[str | None, list[Statement], set[str]]] = [(None, seen, set())]
            options += [(a, seen + s, {x.document_id for x in s})
                        for a, s in sorted(hidden.get(c, {}).items())]
            for agency, statements, docs in options:
                record = _record(c, statements)
                if record is not None:
                    pairs.append((i, len(parts)))
                    parts.append(record)
                    meta.append((i, c, agency, docs))
    scores = score_pairs(queries, parts, np.asarray(pairs, dtype=np.int64))
    matched_visibly = {(i, c) for (i, c, a, _), s in zip(meta, scores, strict=True)
                       if a is None and s >= threshold(queries[i].kind, override)}
    out: list[tuple[str, str, str | None, set[str]]] = []
    for (i, c, agency, docs), s in zip(meta, scores, strict=True):
        if s < threshold(queries[i].kind, override):
            continue
        if agency is None or (i, c) not in matched_visibly:
            out.append((queries[i].id, c, agency, docs))
    return out


def _remember(conn: Connection, view: View, query: str, agency: str,
              docs: set[tuple[str, str]]) -> str:
    """The opaque reference of this person's hidden match with ``agency``, stored."""
    user = view.principal.id
    token = conn.execute(select(xref_match.c.token).where(
        xref_match.c.user_id == user, xref_match.c.query == query,
        xref_match.c.agency == agency)).scalar()
    if token is None:
        token = secrets.token_urlsafe(18)
        conn.execute(insert(xref_match).values(token=token, user_id=user, query=query,
                                               agency=agency, created_at=utcnow()))
    known = {(d, e) for d, e in conn.execute(
        select(xref_match_document.c.document_id, xref_match_document.c.entity_id)
        .where(xref_match_document.c.token == token))}
    new = sorted(docs - known)
    if new:
        conn.execute(insert(xref_match_document), [
            {"token": token, "document_id": d, "entity_id": e} for d, e in new])
    return str(token)
