"""Settling overlapping candidates: higher priority first, then the longer span."""

from __future__ import annotations

from enlace.extract.candidate import Cand, resolve_overlaps


def test_the_higher_priority_wins_an_overlap() -> None:
    ner = Cand(0, 20, "PERSON", "ner", 50)
    gazetteer = Cand(5, 12, "CRIMINAL_GROUP", "gazetteer", 100)
    assert resolve_overlaps([ner, gazetteer]) == [gazetteer]


def test_the_longer_span_wins_between_equals_and_order_follows_the_text() -> None:
    short, long_, later = (Cand(0, 5, "PERSON", "ner", 50), Cand(0, 9, "PERSON", "ner", 50),
                           Cand(30, 35, "LOCATION", "ner", 50))
    assert resolve_overlaps([later, short, long_]) == [long_, later]


def test_empty_spans_are_dropped() -> None:
    assert resolve_overlaps([Cand(4, 4, "PERSON", "ner", 50)]) == []
    assert not Cand(0, 3, "PERSON", "ner", 50).overlaps(Cand(3, 6, "PERSON", "ner", 50))
