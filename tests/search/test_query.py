"""The query language: parsing, compiling to FTS5 and tsquery, and refusing bad syntax."""

from __future__ import annotations

import re

import pytest

from enlace.exceptions import InvalidData
from enlace.search.compile import to_fts5, to_tsquery
from enlace.search.query import MAX_QUERY_CHARS, And, Not, Or, Phrase, Prefix, Term, parse


def test_words_side_by_side_mean_and() -> None:
    assert parse("cartel jalisco") == And((Term("cartel"), Term("jalisco")))


def test_operators_phrases_prefixes_and_groups() -> None:
    tree = parse('("san pedro sula" OR extor*) AND cocaine NOT tijuana -fentanyl')
    assert tree == And((Or((Phrase(("san", "pedro", "sula")), Prefix("extor"))),
                        Term("cocaine"), Not(Term("tijuana")), Not(Term("fentanyl"))))


def test_lower_case_operators_are_words() -> None:
    assert parse("cocaine or heroin") == And((Term("cocaine"), Term("or"), Term("heroin")))


def test_or_binds_looser_than_and() -> None:
    assert parse("a b OR c") == Or((And((Term("a"), Term("b"))), Term("c")))


def test_punctuated_words_become_phrases() -> None:
    assert parse("narco-túnel") == Phrase(("narco", "túnel"))
    assert parse("o'brien*") == And((Phrase(("o",)), Prefix("brien")))


@pytest.mark.parametrize("query, message", [
    ("", "nothing to search"),
    ("   ", "nothing to search"),
    ('""', "nothing to search"),
    ("*", "needs a beginning"),
    ("e*", "at least 2 letters"),
    ('"san pedro', "closing quote"),
    ("(cartel", "no matching ')'"),
    ("cartel)", "no matching '('"),
    ("OR cartel", "OR needs"),
    ("cartel OR", "OR needs"),
    ("cartel AND", "AND needs"),
    ("NOT", "NOT"),
    ("-cartel", "cannot only exclude"),
    ("NOT cartel NOT jalisco", "cannot only exclude"),
    ("cartel OR -jalisco", "each side of OR"),
    ("NOT NOT cartel", "NOT of a NOT"),
    ("x" * (MAX_QUERY_CHARS + 1), "too long"),
    (" ".join(["w"] * 65), "too many words"),
])
def test_bad_syntax_is_invalid_data(query: str, message: str) -> None:
    with pytest.raises(InvalidData, match=re.escape(message)):
        parse(query)


def test_sql_and_engine_metacharacters_are_only_punctuation() -> None:
    tree = parse("'; DROP TABLE document; -- NEAR(a b) col:x ^start {x}")
    assert to_fts5(tree) == ('("DROP" AND "TABLE" AND "document" AND "NEAR" AND ("a" AND "b") '
                             'AND "col x" AND "start" AND "x")')


def test_compile_to_fts5() -> None:
    tree = parse('cocaine ("san pedro sula" OR extor*) -tijuana')
    assert to_fts5(tree) == ('(("cocaine" AND ("san pedro sula" OR "extor"*)) '
                             'NOT "tijuana")')


def test_compile_to_tsquery() -> None:
    tree = parse('cocaine ("san pedro sula" OR extor*) -tijuana')
    assert to_tsquery(tree) == ("('cocaine' & (('san' <-> 'pedro' <-> 'sula') | 'extor':*) "
                                "& !'tijuana')")


def test_exclusions_come_after_what_they_exclude_from() -> None:
    assert to_fts5(parse("-tijuana cocaine")) == '(("cocaine") NOT "tijuana")'
