"""The last check on a settled candidate: noise that no single source can see.

Dropped: stop names, a name cut at a line break down to nothing, a department inside a job
title ("secretario de Seguridad"), a low-priority word the text also uses in lower case, a
lone capitalised word opening a sentence, and dates taken for names.
"""

from __future__ import annotations

import re

from enlace.extract.candidate import Cand
from enlace.extract.dates import MONTHS, WEEKDAYS, find_dates
from enlace.extract.lexicon import Lexicon
from enlace.extract.text import fold_key

__all__ = ["keep"]

_UPPER_WORD = re.compile(r"[A-ZÁÉÍÓÚÑÜ]")


def keep(text: str, c: Cand, lex: Lexicon, lower_words: frozenset[str]) -> bool:
    if c.type in ("BANK_ACCOUNT", "PHONE"):
        return True
    nl = text.find("\n", c.start, c.end)
    if nl >= 0:  # no name runs across a line break
        c.end = c.start + len(text[c.start : nl].rstrip())
        if c.end <= c.start:
            return False
    surface = text[c.start : c.end]
    key = fold_key(surface)
    if not key or key in lex.stop_names:
        return False
    if c.type == "GOV_AGENCY" and c.source != "gazetteer" and _title_context(text, c, lex):
        return False
    if c.prio <= 50 and " " not in key and key in lower_words:
        return False  # "Líderes", "Seguridad": the text also uses the word in lower case
    if c.source == "ner" and c.type == "PERSON" and " " not in key and key not in lex.first_names:
        head = text[max(0, c.start - 3) : c.start]
        if c.start == 0 or head.endswith(("\n", ". ", ".\n", ": ", "— ")):
            return False  # "Depósitos a la cuenta...": a capitalised word opening a sentence
    if c.prio >= 80:
        return True
    if not _UPPER_WORD.search(surface):
        return False
    if c.type in ("PERSON", "LOCATION") and _DATE_WORD.match(key):
        dates = find_dates(surface)
        if dates and dates[0].start == 0 and dates[0].end >= len(surface.rstrip(". ")):
            return False
    return True


_TITLE_OF = re.compile(r"(\S+(?:\s+\S+)?)\s+(?:de|del|de la|of|for|of the)\s+$")


_TITLE_HEADS = frozenset(
    {
        "secretary", "minister", "chief", "director", "spokesman", "spokeswoman", "official",
        "officials", "officer", "officers", "agent", "agents", "head",
    }
)  # fmt: skip


def _title_context(text: str, c: Cand, lex: Lexicon) -> bool:
    """ "secretario de Seguridad", "Defense Secretary": a department inside a job title."""
    m = _TITLE_OF.search(text[max(0, c.start - 30) : c.start])
    if m:
        words = m.group(1)
        if fold_key(words) in lex.person_titles or fold_key(words.split()[-1]) in lex.person_titles:
            return True
    after = re.match(r"\s+(\w+)", text[c.end : c.end + 20])
    return bool(after and fold_key(after.group(1)) in _TITLE_HEADS)


_DATE_WORD = re.compile(
    "(?:" + "|".join(sorted((*MONTHS, *WEEKDAYS), key=len, reverse=True)) + r")\b"
)
