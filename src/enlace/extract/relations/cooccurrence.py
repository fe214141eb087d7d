"""Sentence-level co-occurrence rules, e.g. a group and a place in an activity sentence.

Each place is paired with the nearest group (and whatever is coordinated with it); places
in datelines, places that speak ("Washington said"), court venues and sentences about what
happened to a person are left out.  A group anaphor ("the cartel", "la organización")
stands for the last group named before.  A place that a pattern or the parse already
ties to a group in the sentence is left to them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from enlace.extract.events import EntityMention
from enlace.extract.relations.collector import RelationCollector
from enlace.extract.relations.mention_units import chains, distance, sentence_mentions, units
from enlace.extract.relations.negation import negated_between
from enlace.extract.relations.surface_patterns import pattern_entries
from enlace.extract.text import fold

__all__ = ["cooccurrence_relations"]

CoocRule = tuple[str, str, str, re.Pattern[str] | None, re.Pattern[str] | None]

_SPEAKER = re.compile(
    r"\s+(?:on\s+\w+day\s+|el\s+\w+\s+)?(?:(?:also|has|had|will|would|ha|habia)\s+)?"
    r"(?:says|said|say|designated|designate|considers|considera|designo|sanciono|sanctioned|"
    r"sanction|accused|accuse|charged|indicted|offered|ofrecio|announced|accuses|rejected|"
    r"rejects|dijo|dice|anuncio|acusa|acuso|rechaza|rechazo|sostiene|asegura|aseguro)\b"
)
_PLURAL_ANAPHOR = re.compile(
    r"(?<!\w)(?:both|the two|ambos|ambas|los dos|las dos)\s+"
    r"(?:gangs|groups|cartels|organizations|factions|grupos|bandas|carteles|organizaciones|"
    r"pandillas|facciones)(?!\w)"
)
_ANAPHOR = re.compile(
    r"(?<!\w)(?:the|this|that|el|la|esta|este|dicha|dicho)\s+(?:group|gang|cartel|organization|"
    r"organisation|criminal group|faction|grupo|banda|cartel|organizacion|organizacion criminal|"
    r"pandilla|faccion|estructura)(?!\w)"
)
_LEGAL = re.compile(
    r"(?<!\w)(?:arrested|captured|detained|extradited|sentenced|convicted|indicted|charged|"
    r"detenid[oa]|capturad[oa]|capturaron|detuvieron|extraditad[oa]|sentenciad[oa]|"
    r"condenad[oa]|acusad[oa]|vinculad[oa] a proceso|trasladad[oa])(?!\w)"
)


def _dateline(text: str, m: EntityMention) -> bool:
    """A dateline place ("CULIACÁN, Mexico —") or a place speaking ("Washington said")."""
    surface = text[m.start : m.end]
    if surface.isupper() and len(surface) > 3:
        return True
    line_start = text.rfind("\n", 0, m.start) + 1
    head = text[line_start : m.start]
    if (
        len(head) < 40
        and re.search(r"[—–]", text[m.end : m.end + 40])
        and "—" not in head
        and (head.strip() == "" or head.strip().isupper() or head.strip().endswith(","))
    ):
        return True
    return bool(_SPEAKER.match(fold(text[m.end : m.end + 30])))


@lru_cache(maxsize=1)
def _rules() -> tuple[CoocRule, ...]:
    out = []
    for r in pattern_entries("cooccurrence"):
        req = r.get("require")
        excl = r.get("exclude")
        out.append(
            (
                str(r["relation"]),
                str(r["source"]),
                str(r["target"]),
                re.compile(str(req)) if req else None,
                re.compile(str(excl)) if excl else None,
            )
        )
    return tuple(out)


def _about_a_person(sent: str, ms: list[EntityMention]) -> bool:
    """A sentence about what happened to a person (arrest, trial, transfer): its places
    are where that happened, not where a group operates."""
    return any(m.type == "PERSON" for m in ms) and bool(_LEGAL.search(sent))


def _nearest_with_coordinated(
    folded: str, ms: list[EntityMention], sources: list[EntityMention], tm: EntityMention
) -> list[EntityMention]:
    """The source nearest to ``tm`` and the mentions coordinated with it: in a list of six
    cartels and two places, not every pair is a claim."""
    near = min(sources, key=lambda sm: distance(sm, tm))
    us = units(folded, ms)
    linked = chains(folded, us)
    for ui, u in enumerate(us):
        if u.key == near.key and u.start <= near.start < u.end:
            return [us[k] for k in sorted(set(linked[ui][0] + linked[ui][1]))]
    return [near]


def cooccurrence_relations(
    text: str,
    folded: str,
    sentences: list[tuple[int, int]],
    mentions: list[EntityMention],
    out: RelationCollector,
) -> None:
    """Apply the co-occurrence rules of ``relation_patterns.yml`` to every sentence."""
    rules = _rules()
    if not rules:
        return
    recent_groups: list[EntityMention] = []
    for s0, s1, ms in sentence_mentions(sentences, mentions):
        sent = folded[s0:s1]
        for rel, stype, ttype, req, excl in rules:
            sources = [m for m in ms if m.type == stype]
            if not sources and stype == "CRIMINAL_GROUP" and recent_groups:
                if _PLURAL_ANAPHOR.search(sent) and len(recent_groups) >= 2:
                    sources = recent_groups[-2:]
                elif _ANAPHOR.search(sent):
                    sources = recent_groups[-1:]
            targets = [m for m in ms if m.type == ttype and not _dateline(text, m)]
            if not sources or not targets:
                continue
            if req is not None and not req.search(sent):
                continue
            if rel == "OPERATES_IN" and _about_a_person(sent, ms):
                continue
            for tm in targets:
                if excl is not None and excl.search(folded[max(s0, tm.start - 40) : tm.start]):
                    continue
                if out.placed(s0, tm.key):
                    continue  # a pattern or the parse already says whose place it is
                for sm in _nearest_with_coordinated(folded, ms, sources, tm):
                    if not negated_between(folded, sm, tm):
                        out.emit(sm, rel, tm, s0, s1, "cooccurrence")
        for g in ms:
            if g.type == "CRIMINAL_GROUP":
                recent_groups = [r for r in recent_groups if r.key != g.key] + [g]
