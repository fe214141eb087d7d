"""Name surfaces: trimming titles and articles off a span, and typing organisation names.

Shared by the candidate sources: :func:`strip_leading` drops leading titles, stop words
and loose articles (and a trailing possessive); :func:`classify_org` types an organisation
name as a criminal group or a government agency from its words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from enlace.extract.aliases import NAME
from enlace.extract.lexicon import Lexicon
from enlace.extract.text import fold_key

__all__ = ["LOC_PREPS", "NAME_RE", "classify_org", "strip_leading"]

NAME_RE = re.compile(NAME)

LOC_PREPS = re.compile(r"(?:^|\s)(?:in|en|near|cerca\s+de|hacia|towards|outside|afueras\s+de)\s+$")


_ARTICLES = frozenset({"el", "la", "los", "las", "the", "un", "una", "a", "an"})


def strip_leading(
    text: str,
    start: int,
    end: int,
    lex: Lexicon,
    words: frozenset[str],
    is_stop: Callable[[str], bool] | None = None,
) -> tuple[int, int]:
    """Drop leading titles, stop words and loose articles (and trailing possessives)."""
    while True:
        seg = text[start:end]
        m = re.match(r"(\S+?)[,:]?\s+", seg)
        if not m:
            break
        first = fold_key(m.group(1))
        rest = seg[m.end() :]
        two = re.match(r"(\S+\s+\S+)\s+", seg)
        if two and fold_key(two.group(1)) in words:
            start += two.end()
            continue
        if first in words or (first == "the"):
            start += m.end()
            continue
        if is_stop is not None and is_stop(first):
            article = first in _ARTICLES
            if not article or not rest[:1].isupper() or not seg[:1].isupper():
                start += m.end()
                continue
        break
    seg = text[start:end]
    for suf in ("'s", "’s", "'", "’"):
        if seg.endswith(suf):
            end -= len(suf)
            break
    seg = text[start:end]
    stripped = seg.rstrip(" ,.;:-—")
    end = start + len(stripped)
    return start, end


def classify_org(surface: str, lex: Lexicon) -> str | None:
    """CRIMINAL_GROUP, GOV_AGENCY or None from the words of an organisation name."""
    key = fold_key(surface)
    toks = key.split()
    if not toks:
        return None
    words = set(toks)
    bigrams = {" ".join(toks[i : i + 2]) for i in range(len(toks) - 1)}
    if (words | bigrams) & (lex.group_words - {"los", "las"}):
        return "CRIMINAL_GROUP"
    if (words | bigrams) & lex.gov_words:
        return "GOV_AGENCY"
    if toks[0] in ("los", "las") and len(toks) > 1 and surface.split()[0][0].isupper():
        return "CRIMINAL_GROUP"
    return None
