"""What a search asks for (filters, a page) and what it answers (hits, total, facets)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from enlace.exceptions import InvalidData

KINDS = ("document", "entity")
FACETS = ("kind", "schema", "type", "owner", "country", "language", "label")
MAX_LIMIT = 500
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Filters:
    """Restrictions on hits; each one narrows, none widens what the reader may see.

    Document filters (owner, language, type, dates, label) apply to an entity hit
    through the document each matching name comes from. ``country`` is a document's
    ``obtained_in``, or for an entity a visible country-typed statement about it."""

    kind: str | None = None
    schema: str | None = None
    type: str | None = None
    owner: str | None = None
    country: str | None = None
    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    label: str | None = None

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in KINDS:
            raise InvalidData(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not _DATE_RE.match(value):
                raise InvalidData(f"{name.replace('_', ' ')} must look like 2024, 2024-05 "
                                  f"or 2024-05-31, not {value!r}")
        if self.country is not None and not re.match(r"^[A-Za-z]{2}$", self.country):
            raise InvalidData(f"country must be a two-letter code such as MX, not "
                              f"{self.country!r}")


@dataclass(frozen=True)
class Page:
    """Which slice of the ranked hits to return."""

    offset: int = 0
    limit: int = 20

    def __post_init__(self) -> None:
        if self.offset < 0:
            raise InvalidData("offset cannot be negative")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InvalidData(f"limit must be between 1 and {MAX_LIMIT}")


@dataclass(frozen=True)
class Hit:
    """One result: a document, or an entity with the visible names that matched."""

    id: str
    kind: str
    title: str
    schema: str
    score: float
    snippet: str
    document_ids: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "schema": self.schema,
                "score": round(self.score, 6), "snippet": self.snippet, **self.extra}


@dataclass(frozen=True)
class Results:
    """A page of hits, how many there are in all, and facet counts when asked for."""

    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] | None = None
