"""Pair and list patterns applied to the mentions of each sentence.

A pair pattern relates two mentions by the text between them; it applies to coordinated
mentions as well ("X and Y, leaders of Z": both lead Z).  A reciprocal list pattern
relates every pair of a coordinated list ("X, Y y Z se disputan..."). An end followed by a
possessive ("Guzmán's partner X"), another entity of the same type in between, or a
negation between the ends blocks a pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from enlace.extract.events import EntityMention
from enlace.extract.relations.anaphora import group_anaphors
from enlace.extract.relations.collector import RelationCollector
from enlace.extract.relations.mention_units import (
    POSSESSIVE,
    between,
    blocked,
    chains,
    sentence_mentions,
    units,
)
from enlace.extract.relations.negation import negated_between
from enlace.extract.relations.surface_patterns import RelationPattern, load_patterns

__all__ = ["surface_relations"]

MAX_GAP = 160


@dataclass(frozen=True)
class _SentenceUnits:
    """One sentence as the patterns see it: the folded document, the sentence's bounds
    ``s0``-``s1``, its mention units ``ms`` and their coordination chains ``linked``."""

    folded: str
    s0: int
    s1: int
    ms: list[EntityMention]
    linked: dict[int, tuple[list[int], list[int]]]


def _lists(sent: _SentenceUnits, patterns: list[RelationPattern], out: RelationCollector) -> None:
    """Reciprocal list patterns: "X, Y and Z, which fight each other" / "rival gangs X and Y"."""
    folded, s0, s1, ms, linked = sent.folded, sent.s0, sent.s1, sent.ms, sent.linked
    for i in range(len(ms)):
        chain = linked[i][1]
        if len(chain) < 2 or (i > 0 and i in linked[i - 1][1]):
            continue
        first, last = ms[chain[0]], ms[chain[-1]]
        for p in patterns:
            if first.type not in p.source:
                continue
            if p.before and not p.before.search(folded[s0 : first.start]):
                continue
            if p.after and not p.after.match(folded[last.end : s1]):
                continue
            if not p.before and not p.after:
                continue
            for x in range(len(chain)):
                for y in range(x + 1, len(chain)):
                    out.emit(ms[chain[x]], p.relation, ms[chain[y]], s0, s1, p.name)
            break


def _types_fit(p: RelationPattern, first: str, second: str) -> bool:
    """Whether pattern ``p`` may relate entities of types ``first`` and ``second``, in
    text order."""
    src, tgt = (first, second) if p.order == "st" else (second, first)
    return src in p.source and tgt in p.target


def _fits(sent: _SentenceUnits, p: RelationPattern, a: EntityMention, b: EntityMention) -> bool:
    """Whether pattern ``p``, whose types fit (:func:`_types_fit`), relates ``a`` and
    ``b`` (``a`` first in the text)."""
    folded, s0, s1 = sent.folded, sent.s0, sent.s1
    assert p.between is not None
    if not p.between.fullmatch(between(folded, a, b)):
        return False
    if p.before and not p.before.search(folded[s0 : a.start]):
        return False
    if p.after and not p.after.match(folded[b.end : s1]):
        return False
    # "a son of Guzmán's partner X": not Guzmán's relation
    return not (p.order == "st" and p.after is None and POSSESSIVE.match(folded[b.end : b.end + 3]))


def _pairs(sent: _SentenceUnits, patterns: list[RelationPattern], out: RelationCollector) -> None:
    """Pair patterns: the first that fits two mentions (not blocked, not negated) relates
    them and the mentions coordinated with them."""
    folded, s0, s1, ms, linked = sent.folded, sent.s0, sent.s1, sent.ms, sent.linked
    by_types: dict[tuple[str, str], list[RelationPattern]] = {}
    for i in range(len(ms)):
        for j in range(i + 1, len(ms)):
            a, b = ms[i], ms[j]
            if a.key == b.key or b.start - a.end > MAX_GAP or b.start < a.end:
                continue
            types = (a.type, b.type)
            if types not in by_types:
                by_types[types] = [p for p in patterns if _types_fit(p, *types)]
            for p in by_types[types]:
                if not _fits(sent, p, a, b):
                    continue
                if blocked(folded, ms, i, j) or negated_between(folded, a, b):
                    continue
                left_side, right_side = linked[i][0], linked[j][1]
                srcs, tgts = (left_side, right_side) if p.order == "st" else (right_side, left_side)
                for si in srcs:
                    for ti in tgts:
                        out.emit(ms[si], p.relation, ms[ti], s0, s1, p.name)
                break


def surface_relations(
    folded: str,
    sentences: list[tuple[int, int]],
    mentions: list[EntityMention],
    out: RelationCollector,
) -> None:
    """Apply the pair and list patterns of ``relation_patterns.yml`` to every sentence."""
    patterns = load_patterns()
    pair_patterns = [p for p in patterns if p.between is not None]
    list_patterns = [p for p in patterns if p.between is None]
    for s0, s1, real in sentence_mentions(sentences, mentions):
        ms = units(
            folded,
            sorted(real + group_anaphors(folded, s0, s1, mentions, real), key=lambda m: m.start),
        )
        if len(ms) < 2:
            continue
        sent = _SentenceUnits(folded, s0, s1, ms, chains(folded, ms))
        _lists(sent, list_patterns, out)
        _pairs(sent, pair_patterns, out)
