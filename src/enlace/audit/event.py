"""Audit events, their canonical form and the hash that chains each to the one before.

An event's hash is SHA-256 over the previous event's hash and the event's canonical form:
its time (ISO 8601, microseconds), actor id, and length-prefixed actor, action, subjects
and detail, where subjects and detail are stored as canonical JSON text (sorted keys, no
spaces, UTF-8). The stored text is what is hashed, so verification needs no
re-serialisation and both backends hash the same bytes. The sequence number is not
hashed: order is what the chain of hashes itself fixes.

Subjects name what an event is about as ``kind:id`` (``document:…``, ``entity:…``,
``grant:…``, ``dissemination:…``, ``user:…``). Details hold ids, queries and counts, never
restricted content: no statement values, no document text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from enlace.clock import utcnow
from enlace.exceptions import InvalidData
from enlace.sharing.policy import Principal

GENESIS = "0" * 64
SYSTEM = "system"
SUBJECT_RE = re.compile(r"^[a-z][a-z_]*:.+$", re.DOTALL)
MAX_TEXT = 2000  # longest string a detail may hold: enough for a query, too short for text


@dataclass(frozen=True)
class Entry:
    """An event before it is sequenced: what happened, by whom, about what."""

    at: datetime
    actor_id: int | None
    actor: str
    action: str
    subjects: str  # canonical JSON list
    detail: str  # canonical JSON object


@dataclass(frozen=True)
class AuditEvent:
    """One event of the log as stored: sequenced and chained."""

    seq: int
    at: datetime
    actor_id: int | None
    actor: str
    action: str
    subjects: tuple[str, ...]
    detail: dict[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS
    hash: str = GENESIS

    @classmethod
    def from_row(cls, row: Any) -> AuditEvent:
        return cls(row.seq, row.at, row.actor_id, row.actor, row.action,
                   tuple(json.loads(row.subjects)), json.loads(row.detail), row.prev_hash,
                   row.hash)

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at.isoformat(), "actor_id": self.actor_id,
                "actor": self.actor, "action": self.action, "subjects": list(self.subjects),
                "detail": self.detail, "prev_hash": self.prev_hash, "hash": self.hash}


def canonical(value: Any) -> str:
    """The one JSON text of ``value`` that is hashed and stored."""
    return _ENCODER.encode(value)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise InvalidData(f"an audit detail cannot hold a {type(value).__name__}")


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                            default=_plain)  # built once: json.dumps builds one per call


def time_text(at: datetime) -> str:
    """An event's time as hashed: ISO 8601 with microseconds, no zone (it is UTC)."""
    return at.isoformat(timespec="microseconds")


def chain_hash(prev_hash: str, at: str, actor_id: int | None, actor: str, action: str,
               subjects: str, detail: str) -> str:
    """SHA-256 (hex) of the previous hash and one event's canonical form (``at`` as
    :func:`time_text` writes it)."""
    body = (f"{prev_hash}|{at}|{'' if actor_id is None else actor_id}|{len(actor)}:{actor}|"
            f"{len(action)}:{action}|{len(subjects)}:{subjects}|{len(detail)}:{detail}")
    return hashlib.sha256(body.encode()).hexdigest()


def entry(actor: Principal | None, action: str, subjects: Sequence[str] = (),
          detail: Mapping[str, Any] | None = None, at: datetime | None = None) -> Entry:
    """Check and normalise one event's parts; InvalidData names what is wrong."""
    if not action or len(action) > 64:
        raise InvalidData(f"an audit action is 1 to 64 characters, not {action!r}")
    for subject in subjects:
        if not isinstance(subject, str) or not SUBJECT_RE.match(subject):
            raise InvalidData(f"audit subjects are 'kind:id' (e.g. 'document:…'), "
                              f"not {subject!r}")
    _check_detail(detail or {})
    return Entry(at or utcnow(), actor.id if actor else None, actor.name if actor else SYSTEM,
                 action, canonical(list(subjects)), canonical(dict(detail or {})))


def _check_detail(value: Any) -> None:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise InvalidData(f"an audit detail holds ids, queries and counts, not text of "
                          f"{len(value)} characters")
    if isinstance(value, Mapping):
        for item in value.values():
            _check_detail(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _check_detail(item)
