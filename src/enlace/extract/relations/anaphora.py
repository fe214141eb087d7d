"""Relations whose other end is named earlier: "Su líder, X", "the group", "its leader".

Anaphoric roles (``anaphoric`` in ``relation_patterns.yml``) give a person a role in the
group named last before it; group anaphors ("su grupo", "the cartel") stand for the last
group named, as virtual mentions the surface patterns can use.
"""

from __future__ import annotations

import re
from functools import lru_cache

from enlace.extract.events import EntityMention
from enlace.extract.relations.collector import RelationCollector
from enlace.extract.relations.mention_units import chains, sentence_mentions, units
from enlace.extract.relations.surface_patterns import expand_macros, macros, pattern_entries

__all__ = ["anaphoric_relations", "group_anaphors"]

AnaphoricRule = tuple[str, str, tuple[str, ...], str, re.Pattern[str]]


@lru_cache(maxsize=1)
def _rules() -> tuple[AnaphoricRule, ...]:
    out = []
    for r in pattern_entries("anaphoric"):
        out.append(
            (
                str(r.get("name", r["relation"])),
                str(r["relation"]),
                tuple(r.get("source") or ("PERSON",)),
                str((r.get("target") or ["CRIMINAL_GROUP"])[0]),
                re.compile(expand_macros(str(r["before"]), macros())),
            )
        )
    return tuple(out)


def _most_named(prior: list[EntityMention]) -> EntityMention:
    """The entity named most often (ties: most recently) — whom "his brother" is about."""
    counts: dict[str, int] = {}
    for g in prior:
        counts[g.key] = counts.get(g.key, 0) + 1
    return max(reversed(prior), key=lambda g: counts[g.key])


def anaphoric_relations(
    folded: str,
    sentences: list[tuple[int, int]],
    mentions: list[EntityMention],
    out: RelationCollector,
) -> None:
    """ "Su líder, X": X takes the role in the group named last before it."""
    rules = _rules()
    if not rules:
        return
    for s0, s1, in_sentence in sentence_mentions(sentences, mentions):
        ms = units(folded, in_sentence)
        linked = chains(folded, ms)
        for i, m in enumerate(ms):
            for name, rel, stypes, ttype, before in rules:
                if m.type not in stypes or not before.search(folded[s0 : m.start]):
                    continue
                prior = [
                    g for g in mentions if g.type == ttype and g.end <= m.start and g.key != m.key
                ]
                if not prior:
                    continue
                target = prior[-1] if ttype != "PERSON" else _most_named(prior)
                for si in linked[i][1]:
                    out.emit(ms[si], rel, target, s0, s1, name)


_GROUP_ANAPHOR = re.compile(
    r"(?<!\w)(?:su|sus|its|their|the|this|that|esta|este|dicha|dicho|el|la)\s+"
    r"(?:group|gang|cartel|organization|organisation|criminal group|criminal organization|"
    r"grupo|banda|cartel|organizacion|organizacion criminal|pandilla|estructura)(?!\w)"
)


def group_anaphors(
    folded: str, s0: int, s1: int, mentions: list[EntityMention], real: list[EntityMention]
) -> list[EntityMention]:
    """ "Su grupo mantiene una guerra con el CJNG": "the group", "la organización" stand for
    the group named last before them (virtual mentions, for relations only)."""
    out: list[EntityMention] = []
    for m in _GROUP_ANAPHOR.finditer(folded, s0, s1):
        if any(r.start < m.end() and m.start() < r.end for r in real):
            continue
        if any(r.type == "CRIMINAL_GROUP" and r.end <= m.start() for r in real):
            continue  # a group named earlier in the sentence makes "the group" ambiguous
        if folded[m.end() : m.end() + 4].startswith((" de ", " of ", " del")):
            continue  # "el grupo de Zambada", "the cartel of X": not an anaphor
        prior = [g for g in mentions if g.type == "CRIMINAL_GROUP" and g.end <= m.start()]
        if prior:
            g = prior[-1]
            out.append(EntityMention(m.start(), m.end(), g.key, g.name, g.type))
    return out
