"""Negation on the surface: "X is not a member of Y", "X negó ser miembro de Y".

The surface layers (patterns, co-occurrence) drop a pair when the text between its two
mentions holds a negator or a denial verb of ``relation_cues.yml``; the dependency layer
checks the parse instead (:mod:`enlace.extract.relations.syntax`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from enlace.extract.events import EntityMention
from enlace.extract.relations.cues import load_cues

__all__ = ["negated_between"]


@lru_cache(maxsize=1)
def _negation() -> re.Pattern[str]:
    cues = load_cues()
    negators: set[str] = set()
    for lang in cues.languages.values():
        negators |= {w for w in lang.negators | lang.denial_forms if w.isalpha()}
    words = "|".join(sorted(map(re.escape, negators), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)|n't\b")


def negated_between(folded: str, a: EntityMention, b: EntityMention) -> bool:
    """Whether the text between two mentions (in either order) negates or denies."""
    start, end = (a.end, b.start) if a.start < b.start else (b.end, a.start)
    return start < end and bool(_negation().search(folded, start, end))
