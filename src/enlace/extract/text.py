"""Small text helpers shared by the extraction modules.

The central trick is :func:`fold`: an accent- and case-folded copy of a text that has
exactly the same length as the original, so that any offset found in the folded copy is
valid in the original text.  Every matcher in this package searches the folded copy and
reports offsets into the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["TOKEN_RE", "fold", "fold_key", "is_capitalised", "tokens"]

TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    if len(low) != 1:
        low = low[0]
    if ch in "’‘´`":
        return "'"
    if ch in "“”«»„":
        return '"'
    if ch in "–—‑":
        return "-"
    if ch == "\u00a0":
        return " "
    return low


class _FoldTable(dict[int, str]):
    """``str.translate`` table of :func:`_fold_char`, filled in as characters turn up."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, keeping one character per character."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """A comparison key: folded, whitespace collapsed, outer punctuation stripped."""
    return " ".join(TOKEN_RE.findall(fold(text))).strip(" .,;:'\"")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens of ``text`` as ``(start, end, token)``."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def is_capitalised(word: str) -> bool:
    """True when the word starts with an upper-case letter (or digit, for "Barrio 18")."""
    return bool(word) and (word[0].isupper() or word[0].isdigit())
