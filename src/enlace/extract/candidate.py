"""A typed mention candidate, and how overlapping candidates are settled.

Every source proposes :class:`Cand` spans with a priority; :func:`resolve_overlaps` keeps,
of any overlapping ones, the higher priority, then the longer span (see
:mod:`enlace.extract.candidates` for the table of priorities).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Cand", "resolve_overlaps"]


@dataclass
class Cand:
    """A typed span proposed by one source."""

    start: int
    end: int
    type: str
    source: str
    prio: int
    gid: str | None = None
    name: str | None = None  # overrides the surface as the entity name
    aliases: list[str] = field(default_factory=list)
    value: str | None = None  # normalised value (accounts, phones)
    is_alias: bool = False

    def overlaps(self, other: Cand) -> bool:
        return self.start < other.end and other.start < self.end


def resolve_overlaps(cands: list[Cand]) -> list[Cand]:
    chosen: list[Cand] = []
    for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
        if c.end <= c.start:
            continue
        if any(c.overlaps(o) for o in chosen):
            continue
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen
