"""Candidates from the gazetteer: groups, agencies and places, weak entries only in context.

A weak alias of a group needs a crime word near it (or a strong mention of the same group
that spaCy did not call a place); a weak place needs spaCy's GPE/LOC label on the same span,
or a place preposition before it and no capitalised word around it.
"""

from __future__ import annotations

from enlace.extract.candidate import Cand
from enlace.extract.gazetteer import Gazetteer, GazetteerMatch
from enlace.extract.lexicon import Lexicon
from enlace.extract.text import TOKEN_RE

__all__ = ["gazetteer_candidates"]

_PLACE_PREPS = frozenset(
    [
        "in",
        "en",
        "de",
        "del",
        "of",
        "near",
        "from",
        "desde",
        "hacia",
        "to",
        "a",
        "at",
        "cerca",
        "entre",
        "between",
        "estado",
        "state",
    ]
)


def _prev_tokens(folded: str, pos: int, n: int) -> list[str]:
    toks = TOKEN_RE.findall(folded[max(0, pos - 60) : pos])
    return toks[-n:]


def gazetteer_candidates(
    text: str, folded: str, gz: Gazetteer, lex: Lexicon, ner_labels: dict[tuple[int, int], str]
) -> list[Cand]:
    out: list[Cand] = []
    matches = gz.match(text, folded)
    strong_ids = {m.entry_id for m in matches if m.strength != "weak"}
    for m in matches:
        if not any(ch.isupper() for ch in m.text):
            continue  # "la familia" is not "La Familia"
        if m.strength != "weak":
            out.append(Cand(m.start, m.end, m.type, "gazetteer", 100, gid=m.entry_id))
            continue
        window = TOKEN_RE.findall(folded[max(0, m.start - 60) : m.end + 60])
        cue = bool(set(window) & lex.crime_cues)
        if m.type == "GOV_AGENCY":
            cue = m.entry_id in strong_ids
        elif not cue and m.entry_id in strong_ids:
            cue = ner_labels.get((m.start, m.end)) not in ("GPE", "LOC")
        if cue:
            out.append(Cand(m.start, m.end, m.type, "gazetteer-weak", 95, gid=m.entry_id))
    for p in gz.match_places(text, folded):
        if p.strength == "weak" and not _weak_place_ok(text, folded, p, ner_labels):
            continue
        out.append(Cand(p.start, p.end, "LOCATION", "places", 80, gid=p.entry_id))
    return out


def _weak_place_ok(
    text: str, folded: str, p: GazetteerMatch, ner_labels: dict[tuple[int, int], str]
) -> bool:
    if ner_labels.get((p.start, p.end)) in ("GPE", "LOC"):
        return True
    prev = _prev_tokens(folded, p.start, 1)
    before = text[max(0, p.start - 30) : p.start].split()
    after = text[p.end : p.end + 30].split()
    cap_before = bool(before) and before[-1][:1].isupper() and before[-1][-1:] not in ",."
    cap_after = bool(after) and after[0][:1].isupper()
    return bool(prev) and prev[0] in _PLACE_PREPS and not cap_before and not cap_after
