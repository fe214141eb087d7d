"""People the statistical model missed: names after a title, and runs opening with a
common given name.

"el general X", "Defense Secretary X", "X, jefe de plaza de Y," and "Gral. X" give a
PERSON after the title; a capitalised run whose first word is a common given name gives a
PERSON unless it names an organisation or follows a place preposition.
"""

from __future__ import annotations

import re

from enlace.extract.candidate import Cand
from enlace.extract.lexicon import Lexicon
from enlace.extract.surface import LOC_PREPS, NAME_RE, classify_org
from enlace.extract.text import fold_key

__all__ = ["first_name_candidates", "title_candidates"]

_APPOS_HEAD = re.compile(
    r"(?:^|[\s,(])([\w.]+(?:\s[\w.]+){0,2}?)\s+(?:de|del|of|for)\s+[^,.;]{2,60}?,\s*$"
)


def _title_prefix(words: list[str], lex: Lexicon) -> int:
    """How many leading words of ``words`` form a title ("Defense Secretary", "Gral.")."""
    if not words or fold_key(words[0]) not in lex.title_first_words:
        return 0
    n = 0
    while n < len(words):
        for k in range(min(lex.max_title_len, len(words) - n), 0, -1):
            if fold_key(" ".join(words[n : n + k])) in lex.person_titles:
                n += k
                break
        else:
            break
    return n


def title_candidates(text: str, folded: str, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    for nm in NAME_RE.finditer(text):
        words = nm.group().split()
        s = nm.start()
        lead = _title_prefix(words, lex)
        if lead:
            for w in words[:lead]:
                s = text.index(w, s) + len(w)
            while s < nm.end() and text[s].isspace():
                s += 1
            words = words[lead:]
            titled = True
        else:
            head = folded[max(0, nm.start() - 40) : nm.start()]
            prev = head.split()
            titled = bool(head[-1:].isspace()) and _title_prefix(prev[-3:], lex) == len(prev[-3:])
            if not titled and prev:
                for k in (3, 2, 1):
                    if len(prev) >= k and fold_key(" ".join(prev[-k:])) in lex.person_titles:
                        titled = bool(head[-1:].isspace())
                        break
            if not titled and head.endswith(", "):
                m = _APPOS_HEAD.search(folded[max(0, nm.start() - 90) : nm.start()])
                titled = bool(m and fold_key(m.group(1)) in lex.person_titles) and len(words) >= 2
        if not titled or not words:
            continue
        e = nm.end()
        if text[s:e].endswith(("'s", "’s")):
            e -= 2
        key = fold_key(text[s:e])
        if not key or key in lex.stop_names or classify_org(text[s:e], lex):
            continue
        out.append(Cand(s, e, "PERSON", "title", 70))
    return out


def first_name_candidates(text: str, lex: Lexicon) -> list[Cand]:
    """Capitalised runs that start with a common given name: people the model missed."""
    out: list[Cand] = []
    for m in NAME_RE.finditer(text):
        words = m.group().split()
        if len(words) < 2 or fold_key(words[0]) not in lex.first_names:
            continue
        if classify_org(m.group(), lex):
            continue
        if LOC_PREPS.search(text[max(0, m.start() - 15) : m.start()].lower()):
            continue  # "en Jesús María"
        out.append(Cand(m.start(), m.end(), "PERSON", "first-name", 45))
    return out
