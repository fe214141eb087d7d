"""Snippets mark whole words and prefixes, folded as the index folds them."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from enlace.search.query import parse
from enlace.search.snippet import Highlighter, _fold

ALPHABET = "abcéñ_1 .-\n«»"


def reference(highlighter: Highlighter) -> re.Pattern[str]:
    """The plain definition: a word or prefix with no letter or digit on either side."""
    body = "|".join([re.escape(w) for w in sorted(highlighter.words, key=len, reverse=True)]
                    + [re.escape(p) + r"[^\W_]*" for p in highlighter.prefixes]) or r"(?!)"
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")


@given(text=st.text(alphabet=ALPHABET, max_size=60),
       words=st.frozensets(st.text(alphabet="abcéñ1", min_size=1, max_size=3), max_size=3),
       prefixes=st.lists(st.text(alphabet="abcéñ1", min_size=1, max_size=3), max_size=2))
def test_the_pattern_matches_what_the_definition_matches(text: str, words: frozenset[str],
                                                         prefixes: list[str]) -> None:
    highlighter = Highlighter(frozenset(_fold(w) for w in words),
                              tuple(sorted({_fold(p) for p in prefixes})))
    folded = _fold(text)
    assert ([m.span() for m in highlighter.pattern.finditer(folded)] ==
            [m.span() for m in reference(highlighter).finditer(folded)])


def test_marks_whole_words_and_prefixes_whatever_their_accents_and_case() -> None:
    marks = Highlighter.of(parse('cartel extor* "san pedro"'))
    assert marks.mark("El CÁRTEL extorsiona; xcartel, cartel_1 en San Pedro.") == (
        "El <mark>CÁRTEL</mark> <mark>extorsiona</mark>; xcartel, <mark>cartel</mark>_1 "
        "en <mark>San</mark> <mark>Pedro</mark>.")


def test_a_snippet_is_a_window_around_the_first_match_and_escaped() -> None:
    text = "<b>" + "palabra " * 40 + "Jalisco y más " + "relleno " * 60
    snippet = Highlighter.of(parse("jalisco")).snippet(text)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>Jalisco</mark>" in snippet
    assert "<b>" not in snippet
    assert Highlighter.of(parse("ausente")).snippet("<b>x</b> y").startswith("&lt;b&gt;")
