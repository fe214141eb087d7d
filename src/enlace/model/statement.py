"""A statement: one value of one property of one entity, as one source document says it.

Statements are FtM statements with enlace's provenance: the source document (and the
character span when text extraction found it), the origin (an extractor and its version,
or the person who entered it), and when the value was first and last seen.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

BASE_PROP = "id"  # FtM's marker statement: "this entity exists in this source"


def statement_id(
    document_id: str,
    entity_id: str,
    prop: str,
    value: str,
    span: tuple[int, int] | None = None,
) -> str:
    """A stable id: the same fact from the same place in the same source is one statement."""
    key = "\x1f".join([document_id, entity_id, prop, value, repr(span) if span else ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


class Statement(NamedTuple):
    """One stored statement (a named tuple: listings build millions of them)."""

    id: str
    entity_id: str
    schema: str
    prop: str
    value: str
    document_id: str
    origin: str
    first_seen: datetime
    last_seen: datetime
    lang: str | None = None
    original_value: str | None = None
    span_start: int | None = None
    span_end: int | None = None

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Statement:
        """From a row whose columns are in field order (see ``View``)."""
        return cls._make(row)

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        data["first_seen"] = self.first_seen.isoformat()
        data["last_seen"] = self.last_seen.isoformat()
        return data
