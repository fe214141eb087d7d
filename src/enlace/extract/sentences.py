"""A rule-based sentence splitter, cheaper than any spaCy component.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets) before
whitespace, or at a line break, unless the word ending there is a known abbreviation
("U.S.", "Gral.", "a.k.a."), a single initial ("J."), or the next text starts in lower
case.  Spans are ``(start, end)`` offsets with surrounding whitespace trimmed.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

ABBREVIATIONS = (
    "U.S.", "Mr.", "Mrs.", "Ms.", "Gen.", "Sr.", "Sra.", "Srta.", "Dr.", "Dra.", "Lic.", "Jr.",
    "No.", "St.", "a.k.a.", "p.m.", "a.m.", "Gral.", "EE.UU.", "Lt.", "Col.", "Sen.", "Rep.",
    "Sgt.", "Capt.", "Cap.", "Cnel.", "Inc.", "Co.", "S.A.", "D.C.", "Av.", "Dept.", "Gov.",
    "Prof.", "Ing.", "Mtro.", "Mtra.", "Gob.", "Dip.", "Lt.Col.", "Sta.", "Sto.", "núm.",
    "etc.", "vs.", "Corp.", "Ltd.", "U.N.", "U.K.", "E.U.", "p.", "pp.", "Jan.", "Feb.",
    "Aug.", "Sept.", "Oct.", "Nov.", "Dec.", "Ave.",
)  # fmt: skip

_BOUNDARY = re.compile(r"[.!?][\"”»’')\]]*(?=\s)|\n")
_INITIAL = re.compile(r"[A-ZÁÉÍÓÚÑ]\.")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    seg = text[start:end]
    s = start + (len(seg) - len(seg.lstrip()))
    e = start + len(seg.rstrip())
    return s, e


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as ``(start, end)``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group() != "\n":
            word_start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            token = text[word_start:end].lstrip("(\"“«'")
            if token.endswith(ABBREVIATIONS) or _INITIAL.fullmatch(token):
                continue
            nxt = text[end:].lstrip()
            if nxt and nxt[0].islower():
                continue
        s, e = _trim(text, start, end)
        if e > s:
            spans.append((s, e))
        start = end
    s, e = _trim(text, start, len(text))
    if e > s:
        spans.append((s, e))
    return spans
