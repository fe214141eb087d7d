"""Candidates from spaCy's entities, retyped by the rules.

spaCy labels are only a hint: organisations are typed by cue words
(:func:`~enlace.extract.surface.classify_org`), ``LOC`` spans that look like people
become PERSON, people after "in/en" become places, given names the model left out are
taken in, and noise (stop words, lower-case words, digits in names) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from enlace.extract.candidate import Cand
from enlace.extract.lexicon import Lexicon
from enlace.extract.surface import LOC_PREPS, classify_org, strip_leading
from enlace.extract.text import fold_key

__all__ = ["ner_candidates"]

_CONNECT = frozenset(
    {"de", "del", "la", "las", "los", "el", "y", "e", "of", "the", "and", "do", "da"}
)


def ner_candidates(
    text: str, folded: str, doc: Doc, lang: str, lex: Lexicon, person_tokens: set[str]
) -> list[Cand]:
    out: list[Cand] = []
    vocab = doc.vocab

    def is_stop(w: str) -> bool:
        return bool(vocab[w].is_stop)

    for ent in doc.ents:
        label = ent.label_
        s0 = ent.start_char
        cut = max(text.rfind(" — ", s0, ent.end_char), text.rfind(". ", s0, ent.end_char))
        if cut >= 0:  # "Sin. — Elementos del Ejército": no name spans a dateline or a stop
            s0 = cut + (3 if text.startswith(" — ", cut) else 2)
        start, end = strip_leading(text, s0, ent.end_char, lex, lex.person_titles, is_stop)
        if end <= start:
            continue
        surface = text[start:end]
        if not surface[:1].isupper() and not surface[:1].isdigit():
            continue
        key = fold_key(surface)
        toks = key.split()
        if key in lex.stop_names or len(key) < 2 or (len(toks) == 1 and is_stop(key)):
            continue
        raw_toks = surface.split()
        lower_content = [t for t in raw_toks if t[:1].islower() and fold_key(t) not in _CONNECT]
        if (
            lower_content
            and label not in ("PERSON", "PER")
            and (len(lower_content) > 1 or label == "MISC")
        ):
            continue
        before = folded[max(0, start - 15) : start]
        if label in ("PERSON", "PER"):
            if any(ch.isdigit() for ch in surface) or lower_content:
                continue
            start = _extend_left(text, start, lex, is_stop)
            surface = text[start:end]
            org = classify_org(surface, lex)
            if org == "CRIMINAL_GROUP" and toks[0] in ("los", "las"):
                out.append(Cand(start, end, org, "ner", 55))
            elif org == "GOV_AGENCY" and len(toks) > 1:
                out.append(Cand(start, end, org, "ner", 85))
            elif LOC_PREPS.search(before) and toks[0] not in ("el", "la"):
                out.append(Cand(start, end, "LOCATION", "ner-retyped", 50))
            else:
                out.append(Cand(start, end, "PERSON", "ner", 50))
        elif label in ("GPE", "LOC"):
            org = classify_org(surface, lex)
            if org is not None:
                out.append(Cand(start, end, org, "ner", 85 if org == "GOV_AGENCY" else 55))
                continue
            if _looks_like_person(text, folded, start, end, person_tokens, lex, lang):
                out.append(Cand(start, end, "PERSON", "ner-retyped", 50))
                continue
            out.append(Cand(start, end, "LOCATION", "ner", 50))
        elif label in ("ORG", "MISC", "NORP"):
            org = classify_org(surface, lex)
            if org is None:
                if label != "NORP" and LOC_PREPS.search(before) and not lower_content:
                    out.append(Cand(start, end, "LOCATION", "ner-retyped", 48))  # "en Jesús María"
                elif lang == "es" and _looks_like_person(
                    text, folded, start, end, person_tokens, lex, lang
                ):
                    out.append(Cand(start, end, "PERSON", "ner-retyped", 45))
                continue
            if label == "NORP" and org != "CRIMINAL_GROUP":
                continue
            out.append(Cand(start, end, org, "ner", 85))
    return out


_PREV_WORD = re.compile(r"([A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+)\s$")


def _extend_left(text: str, start: int, lex: Lexicon, is_stop: Callable[[str], bool]) -> int:
    """Take in given names the model left out ("captured [Ovidio] Guzmán López")."""
    for _ in range(2):
        m = _PREV_WORD.search(text[max(0, start - 30) : start])
        if not m:
            break
        word = m.group(1)
        key = fold_key(word)
        wstart = start - len(m.group(0))
        sentence_initial = (
            not text[:wstart].rstrip(' "“«(') or text[:wstart].rstrip()[-1:] in ".!?\n—:"
        )
        if key in lex.person_titles or key in lex.stop_names or is_stop(key):
            break
        if sentence_initial and key not in lex.first_names:
            break
        start = wstart
    return start


def _looks_like_person(
    text: str,
    folded: str,
    start: int,
    end: int,
    person_tokens: set[str],
    lex: Lexicon,
    lang: str,
) -> bool:
    toks = fold_key(text[start:end]).split()
    if not toks:
        return False
    before = folded[max(0, start - 15) : start]
    if LOC_PREPS.search(before):
        return False
    if set(toks) <= person_tokens:
        return True
    if lang == "es" and len(toks) >= 2 and text[max(0, start - 3) : start] in ("El ", "La "):
        return True  # "El Chapo Guzmán": nickname article + name
    if len(toks) >= 2 and toks[0] in lex.first_names and toks[-1] not in lex.first_names:
        return True
    return lang == "es" and bool(re.search(r"(?:^|\s)a\s$", before)) and len(toks) >= 2
