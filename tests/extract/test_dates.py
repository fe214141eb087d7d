"""Date phrases in English and Spanish, normalised against the document date."""

from __future__ import annotations

import datetime as dt

import pytest

from enlace.extract.dates import find_dates, normalise_date

DOC = dt.date(2024, 3, 20)  # a Wednesday


@pytest.mark.parametrize(
    ("phrase", "lang", "expected"),
    [
        ("15 de diciembre de 2020", "es", ("2020-12-15", "day")),
        ("el 15 de diciembre", "es", ("2023-12-15", "day")),
        ("15 de diciembre", "es", ("2023-12-15", "day")),
        ("December 15", "en", ("2023-12-15", "day")),
        ("December 15th, 2020", "en", ("2020-12-15", "day")),
        ("15 December 2020", "en", ("2020-12-15", "day")),
        ("March 3", "en", ("2024-03-03", "day")),
        ("2021-06-30", "en", ("2021-06-30", "day")),
        ("el primero de marzo", "es", ("2024-03-01", "day")),
        ("mid-October", "en", ("2023-10", "month")),
        ("a mediados de octubre", "es", ("2023-10", "month")),
        ("a principios de marzo de 2019", "es", ("2019-03", "month")),
        ("late March 2019", "en", ("2019-03", "month")),
        ("in October 2019", "en", ("2019-10", "month")),
        ("en octubre de 2019", "es", ("2019-10", "month")),
        ("in March", "en", ("2024-03", "month")),
        ("early 2021", "en", ("2021", "year")),
        ("a finales de 2020", "es", ("2020", "year")),
        ("in 2019", "en", ("2019", "year")),
        ("three weeks ago", "en", ("2024-02-28", "day")),
        ("hace tres semanas", "es", ("2024-02-28", "day")),
        ("two days ago", "en", ("2024-03-18", "day")),
        ("hace dos meses", "es", ("2024-01", "month")),
        ("last year", "en", ("2023", "year")),
        ("el año pasado", "es", ("2023", "year")),
        ("this year", "en", ("2024", "year")),
        ("last month", "en", ("2024-02", "month")),
        ("on Tuesday", "en", ("2024-03-19", "day")),
        ("el martes", "es", ("2024-03-19", "day")),
        ("on Wednesday", "en", ("2024-03-20", "day")),
        ("yesterday", "en", ("2024-03-19", "day")),
        ("ayer", "es", ("2024-03-19", "day")),
        ("anteayer", "es", ("2024-03-18", "day")),
        ("today", "en", ("2024-03-20", "day")),
        ("el pasado 3 de enero", "es", ("2024-01-03", "day")),
        ("el miércoles 6 de marzo", "es", ("2024-03-06", "day")),
    ],
)
def test_phrases(phrase: str, lang: str, expected: tuple[str, str]) -> None:
    assert normalise_date(phrase, lang, DOC) == expected


def test_year_rollover_after_new_year() -> None:
    jan = dt.date(2021, 1, 5)
    assert normalise_date("el 28 de diciembre", "es", jan) == ("2020-12-28", "day")
    assert normalise_date("December 28", "en", jan) == ("2020-12-28", "day")
    assert normalise_date("a mediados de diciembre", "es", jan) == ("2020-12", "month")
    assert normalise_date("on Thursday", "en", jan) == ("2020-12-31", "day")
    assert normalise_date("January 2", "en", jan) == ("2021-01-02", "day")


def test_leap_day_without_year_looks_back_to_a_leap_year() -> None:
    assert normalise_date("29 de febrero", "es", dt.date(2023, 3, 1)) == ("2020-02-29", "day")
    assert normalise_date("February 29", "en", dt.date(2024, 3, 1)) == ("2024-02-29", "day")


def test_invalid_explicit_date_is_not_invented() -> None:
    assert normalise_date("30 de febrero de 2021", "es", DOC) is None


def test_relative_phrases_need_a_document_date() -> None:
    assert normalise_date("yesterday", "en", None) is None
    assert normalise_date("15 de diciembre", "es", None) is None
    assert normalise_date("15 de diciembre de 2020", "es", None) == ("2020-12-15", "day")


def test_numeric_dates_follow_the_language_order() -> None:
    assert normalise_date("03/04/2021", "es", DOC) == ("2021-04-03", "day")
    assert normalise_date("03/04/2021", "en", DOC) == ("2021-03-04", "day")


def test_find_dates_gives_offsets_and_skips_amounts() -> None:
    text = "El 15 de diciembre decomisaron 2000 kilos; en 2019 hubo otro golpe."
    found = find_dates(text, "es", DOC)
    assert [(d.text, d.value) for d in found] == [
        ("15 de diciembre", "2023-12-15"),
        ("en 2019", "2019"),
    ]
    for d in found:
        assert text[d.start : d.end] == d.text
