"""Name surfaces: titles and possessives trimmed, organisations typed by their words."""

from __future__ import annotations

import pytest

from enlace.extract.lexicon import get_lexicon
from enlace.extract.surface import classify_org, strip_leading


@pytest.mark.parametrize(("surface", "kind"), [
    ("Cártel del Golfo", "CRIMINAL_GROUP"),
    ("Los Rojos", "CRIMINAL_GROUP"),
    ("Policía Federal", "GOV_AGENCY"),
    ("Banco Azteca", None),
    ("los rojos", None),
])
def test_organisations_are_typed_by_their_words(surface: str, kind: str | None) -> None:
    assert classify_org(surface, get_lexicon()) == kind


@pytest.mark.parametrize(("text", "name"), [
    ("general Ramiro Salas Ortega", "Ramiro Salas Ortega"),
    ("the Ramiro Salas's", "Ramiro Salas"),
    ("Ramiro Salas,", "Ramiro Salas"),
])
def test_titles_articles_and_possessives_are_trimmed(text: str, name: str) -> None:
    lex = get_lexicon()
    start, end = strip_leading(text, 0, len(text), lex, lex.person_titles)
    assert text[start:end] == name
