"""Snippets: a window of text around the first match, matched words in ``<mark>``.

Highlighting happens in Python on hits the reader may already see, with the same folding
as the index (case and accents), so both backends give the same snippets. ``fold`` keeps
one character per character, so matches found in the folded text mark the original.
Everything outside the marks is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from enlace.extract.text import fold
from enlace.search.query import And, Node, Not, Or, Phrase, Prefix, Term

BEFORE = 80
AFTER = 220


@dataclass(frozen=True)
class Highlighter:
    """The folded words and prefixes a query looks for (not those it excludes)."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Each word is followed by a look back past its start (no letter or digit may
        # come before it): the scan then looks for the words' letters first, which is
        # several times faster than testing the look-behind at every position.
        alternatives = [_starts_word(w) for w in sorted(self.words, key=len, reverse=True)]
        alternatives += [_starts_word(p) + r"[^\W_]*" for p in self.prefixes]
        body = "|".join(alternatives) or r"(?!)"
        object.__setattr__(self, "pattern", re.compile(rf"(?:{body})(?![^\W_])", re.S))

    @classmethod
    def of(cls, tree: Node) -> Highlighter:
        words: set[str] = set()
        prefixes: set[str] = set()
        for node in _positive_leaves(tree):
            if isinstance(node, Term):
                words.add(fold(node.text))
            elif isinstance(node, Prefix):
                prefixes.add(fold(node.text))
            else:
                words.update(fold(w) for w in node.words)
        return cls(frozenset(words), tuple(sorted(prefixes)))

    def mark(self, text: str, start: int = 0, end: int | None = None,
             folded: str | None = None) -> str:
        """``text[start:end]`` escaped, each matching word wrapped in ``<mark>``."""
        end = len(text) if end is None else end
        folded = _fold(text) if folded is None else folded
        out: list[str] = []
        pos = start
        for match in self.pattern.finditer(folded, start, end):
            out.append(html.escape(text[pos:match.start()]))
            out.append(f"<mark>{html.escape(text[match.start():match.end()])}</mark>")
            pos = match.end()
        out.append(html.escape(text[pos:end]))
        return "".join(out)

    def snippet(self, text: str) -> str:
        """A window around the first matching word (or the opening words)."""
        folded = _fold(text)
        first = self.pattern.search(folded)
        at = first.start() if first else 0
        start = _word_start(text, at - BEFORE) if at > BEFORE else 0
        end = _word_end(text, min(len(text), at + AFTER))
        body = " ".join(self.mark(text, start, end, folded).split())
        return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")

    def matches(self, value: str) -> bool:
        return self.pattern.search(_fold(value)) is not None

    def names(self, values: Iterable[str]) -> str:
        """Names joined by " · ", matching ones first, each marked."""
        ordered = sorted(set(values), key=lambda v: (not self.matches(v), v))
        return " · ".join(self.mark(v) for v in ordered)


def _starts_word(word: str) -> str:
    """``word`` as a pattern that only matches where no letter or digit precedes it."""
    return rf"{re.escape(word)}(?<![^\W_].{{{len(word)}}})"


def _word_start(text: str, pos: int) -> int:
    """``pos`` moved forward so no word is cut at the start."""
    while 0 < pos < len(text) and text[pos].isalnum() and text[pos - 1].isalnum():
        pos += 1
    return pos


def _word_end(text: str, pos: int) -> int:
    """``pos`` moved back so no word is cut at the end."""
    while 0 < pos < len(text) and text[pos].isalnum() and text[pos - 1].isalnum():
        pos -= 1
    return pos


class _FoldTable(dict[int, str]):
    """Code point -> its folded character, filled on first use (for ``str.translate``)."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        self[code] = folded = folded[0] if folded else chr(code)
        return folded


_FOLDED = _FoldTable()


def _fold(text: str) -> str:
    """``text`` folded, one character for each character of ``text``."""
    return text.lower() if text.isascii() else text.translate(_FOLDED)


def _positive_leaves(node: Node) -> Iterable[Term | Prefix | Phrase]:
    if isinstance(node, Not):
        return
    if isinstance(node, (And, Or)):
        for part in node.parts:
            yield from _positive_leaves(part)
        return
    yield node
