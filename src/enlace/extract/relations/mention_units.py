"""Mentions of one sentence seen as units: alias runs merged, coordinated lists chained.

"Dairo Antonio Úsuga David, alias "Otoniel"" is one unit; in "X, Y and Z" each mention
knows the same-type mentions coordinated with it to its left and right.  The relation
layers walk a document sentence by sentence with :func:`sentence_mentions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from enlace.extract.events import EntityMention

__all__ = ["POSSESSIVE", "between", "blocked", "chains", "distance", "sentence_mentions", "units"]

COORD = re.compile(
    r"\s*(?:,|;|,?\s*(?:and|y|e|as well as|asi como|and of|y de|y del|and his|and her|y su))\s*"
    r"(?:(?:brother|brothers|son|sons|hermano|hermanos|hijo|hijos|partner|socio)\s+)?"
    r"(?:(?:remnants of|remanentes de|members of|miembros de|cells of|celulas de)\s+)?"
    r"(?:the\s+|el\s+|la\s+|los\s+|las\s+|a\s+|al\s+)?"
)
# Text that may sit between two mentions of the same entity without breaking the unit:
# "Dairo Antonio Úsuga David, alias "Otoniel"," / "Cártel Jalisco Nueva Generación (CJNG)".
_SAME_UNIT = re.compile(
    r"[\s,(\"']*(?:(?:alias|a\.k\.a\.|aka|also known as|better known as|known as|also called"
    r"|conocid[oa] como|mejor conocid[oa] como|apodad[oa]|nicknamed|or|o|el|la)\s*)?[\s\"'(]*"
)
POSSESSIVE = re.compile(r"['’]s\b")
_LEAD_CLOSE = re.compile(r"^[\s\"')\]]+(?=[,;:]|\s|$)")
_NOISE = re.compile(r"\([^()]{0,60}\)|\"")


def sentence_mentions(
    sentences: list[tuple[int, int]], mentions: list[EntityMention]
) -> Iterator[tuple[int, int, list[EntityMention]]]:
    """Each sentence's bounds with the mentions that lie wholly inside it, in order."""
    for s0, s1 in sentences:
        yield s0, s1, [m for m in mentions if s0 <= m.start and m.end <= s1]


def units(folded: str, ms: list[EntityMention]) -> list[EntityMention]:
    """Merge runs of mentions of one entity joined by alias material into one unit."""
    out: list[EntityMention] = []
    for m in ms:
        if out and out[-1].key == m.key and _SAME_UNIT.fullmatch(folded[out[-1].end : m.start]):
            prev = out[-1]
            out[-1] = EntityMention(prev.start, m.end, prev.key, prev.name, prev.type)
            continue
        out.append(m)
    return out


def blocked(folded: str, ms: list[EntityMention], i: int, j: int) -> bool:
    """Another entity of the same type as an end sits between the two ends (not as a
    possessive: "Guzmán's partner"): "X work with Y, while Z are allied with W" does not
    relate Y and W."""
    a, b = ms[i], ms[j]
    for k in range(i + 1, j):
        m = ms[k]
        if m.type in (a.type, b.type) and not POSSESSIVE.match(folded[m.end : m.end + 3]):
            return True
    return False


def between(folded: str, a: EntityMention, b: EntityMention) -> str:
    """The normalised text between two mentions (brackets, quotes and extra space gone)."""
    return _between_span(folded, a.end, b.start)


@lru_cache(maxsize=4096)
def _between_span(folded: str, start: int, end: int) -> str:
    text = folded[start:end]
    text = _NOISE.sub(" ", text)
    text = _LEAD_CLOSE.sub(" ", text)
    return re.sub(r"\s+", " ", text).replace(" ,", ",")


def chains(folded: str, ms: list[EntityMention]) -> dict[int, tuple[list[int], list[int]]]:
    """For each mention index: coordinated same-type mentions to its left and right."""
    left: dict[int, list[int]] = {}
    right: dict[int, list[int]] = {}
    for i in range(len(ms)):
        left[i], right[i] = [i], [i]
    for i in range(1, len(ms)):
        a, b = ms[i - 1], ms[i]
        if a.type == b.type and COORD.fullmatch(between(folded, a, b)):
            left[i] = left[i - 1] + [i]
    for i in range(len(ms) - 2, -1, -1):
        a, b = ms[i], ms[i + 1]
        if a.type == b.type and COORD.fullmatch(between(folded, a, b)):
            right[i] = [i, *right[i + 1]]
    return {i: (left[i], right[i]) for i in range(len(ms))}


def distance(a: EntityMention, b: EntityMention) -> int:
    """Characters between two mentions (0 when they touch or overlap)."""
    return max(b.start - a.end, a.start - b.end, 0)
