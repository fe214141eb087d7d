"""Language identification and sentence splitting."""

from __future__ import annotations

import pytest

from enlace.exceptions import InvalidData
from enlace.extract.language import detect_language, resolve_language
from enlace.extract.sentences import split_sentences


def test_detects_english_full_of_spanish_names() -> None:
    text = (
        "Joaquín Guzmán López and Ismael Zambada García of the Cártel de Sinaloa were taken "
        "into custody in El Paso, where the Justice Department said they face charges."
    )
    assert detect_language(text) == "en"


def test_detects_spanish() -> None:
    assert detect_language("La Marina detuvo a dos presuntos integrantes del cártel.") == "es"


def test_override_and_validation() -> None:
    assert resolve_language("La Marina detuvo a dos personas.", "en") == "en"
    assert resolve_language("Hello there.", "ES") == "es"
    with pytest.raises(InvalidData):
        resolve_language("Hello.", "pt")


def test_sentences_keep_abbreviations_and_initials() -> None:
    text = (
        "U.S. prosecutors charged Merrick B. Garland's target. The Gral. Luis Sandoval spoke.\n"
        "Otro párrafo. fin"
    )
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "U.S. prosecutors charged Merrick B. Garland's target.",
        "The Gral. Luis Sandoval spoke.",
        "Otro párrafo. fin",
    ]
