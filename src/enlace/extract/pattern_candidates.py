"""Candidates from surface patterns: group names, agency names, places after a cue word.

"Cártel de X" / "X Cartel" give criminal groups; a government head word before or after
capitalised words ("Policía Nacional", "Federal Police") or alone after a lower-case word
("el Ejército") gives an agency; "municipio de X" and the lexicon's place patterns give
places.
"""

from __future__ import annotations

import re
from functools import lru_cache

from enlace.extract.candidate import Cand
from enlace.extract.lexicon import Lexicon
from enlace.extract.surface import NAME_RE, classify_org
from enlace.extract.text import fold_key

__all__ = ["gov_pattern_candidates", "group_pattern_candidates", "place_cue_candidates"]


@lru_cache(maxsize=4)
def _group_re() -> re.Pattern[str]:
    up = "A-ZÁÉÍÓÚÑÜ"
    tok = rf"[{up}0-9][\w’'-]*"
    names = rf"{tok}(?:\s+(?:(?:de|del|de\s+la|de\s+los)\s+)?{tok}){{0,4}}"
    return re.compile(
        rf"\b(?P<a>[Cc][aá]rtel(?:es)?\s+(?:(?:de\s+(?:los|las|la)|del|de)\s+)?{names})"
        rf"|(?P<b>{names}\s+[Cc]artel)\b"
    )


def group_pattern_candidates(text: str, folded: str, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    for m in _group_re().finditer(text):
        g = "a" if m.group("a") else "b"
        s, e = m.start(g), m.end(g)
        if g == "b":
            toks = text[s:e].split()
            while toks and fold_key(toks[0]) in lex.demonyms:
                s = text.index(toks[1], s + len(toks[0])) if len(toks) > 1 else e
                toks = toks[1:]
            if len(toks) < 2:
                continue
        out.append(Cand(s, e, "CRIMINAL_GROUP", "group-pattern", 88))
    return out


@lru_cache(maxsize=4)
def _gov_res(
    pre: tuple[str, ...], post: tuple[str, ...], lone: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    up = "A-ZÁÉÍÓÚÑÜ"
    # a capitalised word, or a dotted acronym ("U.S."); never a word ending a sentence
    cap = rf"(?:[A-Z](?:\.[A-Z])+\.|[{up}][\w'’-]*|[A-Z]{{2,}})"
    conn = r"(?:(?:de|del|de\s+la|de\s+las|de\s+los|of|of\s+the|for|for\s+the|para|y|e|and)\s+)"

    def alt(ws: tuple[str, ...]) -> str:
        return "|".join(sorted((re.escape(w) for w in ws), key=len, reverse=True))

    pre_re = re.compile(rf"\b(?:{alt(pre)})(?:\s+{conn}?{cap})+")
    cap_word = rf"(?:[A-Z](?:\.[A-Z])+\.|[{up}][\w-]*|[A-Z]{{2,}})"
    post_re = re.compile(rf"(?<![\w'’])(?:{cap_word}\s+){{1,4}}(?:{alt(post)})\b")
    lone_re = re.compile(
        rf"(?<=[a-záéíóúñ,]\s)(?:{alt(lone)})\b(?!\s+(?:[{up}]|de\s|del\s|of\s|for\s))"
    )
    return pre_re, post_re, lone_re


def gov_pattern_candidates(text: str, lex: Lexicon) -> list[Cand]:
    pre_re, post_re, lone_re = _gov_res(lex.gov_heads_pre, lex.gov_heads_post, lex.gov_lone)
    out: list[Cand] = []
    for m in pre_re.finditer(text):
        s, e = m.start(), m.end()
        # trailing connector-less lowercase is impossible; trim a trailing "Y"/"E" word
        out.append(Cand(s, e, "GOV_AGENCY", "gov-pattern", 86))
    for m in post_re.finditer(text):
        s, e = m.start(), m.end()
        words = text[s:e].split()
        while words and (
            fold_key(words[0]) in ("the", "el", "la", "a", "an")
            or fold_key(words[0]) in lex.stop_names
        ):
            s = text.index(words[1], s + len(words[0])) if len(words) > 1 else e
            words = words[1:]
        if len(words) >= 2:
            out.append(Cand(s, e, "GOV_AGENCY", "gov-pattern", 86))
    for m in lone_re.finditer(text):
        prev = re.search(r"(\S+)\s$", text[max(0, m.start() - 30) : m.start()])
        if (
            prev
            and prev.group(1)[:1].isupper()
            and not prev.group(1).endswith(",")
            and fold_key(prev.group(1)) not in ("el", "la", "the", "los", "las")
        ):
            continue  # "Federal Police", "National Civil Police": not a lone head
        out.append(Cand(m.start(), m.end(), "GOV_AGENCY", "gov-lone", 87))
    return out


@lru_cache(maxsize=4)
def _place_cue_re(cues: frozenset[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(c).replace(r"\ ", r"\s+") for c in cues), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")\s+")


def place_cue_candidates(text: str, folded: str, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    if lex.place_cues:
        for m in _place_cue_re(lex.place_cues).finditer(folded):
            if not text[m.start() : m.start() + 1].islower():
                continue
            nm = NAME_RE.match(text, m.end())
            if not nm:
                continue
            surface = nm.group()
            if classify_org(surface, lex) or fold_key(surface) in lex.stop_names:
                continue
            out.append(Cand(nm.start(), nm.end(), "LOCATION", "place-cue", 75))
    for rx in lex.place_patterns:
        for m in re.finditer(rx, text):
            out.append(Cand(m.start(), m.end(), "LOCATION", "place-pattern", 101))
    return out
