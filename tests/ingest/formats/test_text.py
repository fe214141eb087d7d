"""Plain text and Markdown: encodings, binary junk, newline, Unicode and control cleanup."""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

import pytest

from enlace.exceptions import IngestError
from enlace.ingest.formats.text import MarkdownParser, TextParser, decode_text, looks_like_text

from .samples import ENGLISH, SPANISH

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]
)
def test_spanish_text_decodes_in_common_encodings(encoding: str) -> None:
    content = SPANISH.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # BOM-less; the BOM variant is "utf-16"
        assert not content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    document = TextParser().parse(content, "nota.txt")
    assert document.text == SPANISH
    assert document.mime_type == "text/plain"


@pytest.mark.parametrize(
    "text",
    [
        "Cártel",
        "El Cártel del Páramo",
        "Año de la niña: “operación” — señor",
        "São Paulo: a facção movimentou dinheiro",
    ],
)
def test_short_cp1252_text_comes_out_right(text: str) -> None:
    assert decode_text(text.encode("cp1252"), "nota.txt") == text


def test_other_scripts_in_legacy_encodings_use_detection() -> None:
    text = "Полиция задержала трёх членов вымышленной ячейки в порту."
    assert decode_text(text.encode("cp1251"), "nota.txt") == text


def test_mostly_utf8_with_a_broken_byte_stays_utf8() -> None:
    content = SPANISH.encode("utf-8") + b" \xff fin"
    text = decode_text(content, "nota.txt")
    assert text.startswith(SPANISH)


def test_newlines_unicode_and_controls_are_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Cártel")
    raw = f"{SPANISH}\r\ndos\rtres\x00\x07\x1b[31m\tcuatro {decomposed}\u2028cinco\n"
    # A few stray controls are tolerated in text, but none survives into the result.
    expected = f"{SPANISH}\ndos\ntres[31m\tcuatro Cártel\ncinco"
    assert TextParser().parse(raw.encode("utf-16"), "nota.txt").text == expected


def test_random_bytes_named_txt_are_refused() -> None:
    junk = os.urandom(4096)
    with pytest.raises(IngestError, match=r"junk\.txt does not look like text"):
        TextParser().parse(junk, "junk.txt")
    assert not looks_like_text(junk)


def test_control_heavy_bytes_without_nul_are_refused() -> None:
    junk = bytes(range(1, 32)) * 50 + b"texto"
    with pytest.raises(IngestError, match="control characters"):
        TextParser().parse(junk, "raro.txt")


def test_english_text_is_untouched() -> None:
    assert TextParser().parse(ENGLISH.encode(), "a.txt").text == ENGLISH


def test_markdown_keeps_text_drops_heading_markers() -> None:
    document = MarkdownParser().parse((FIXTURES / "informe.md").read_bytes(), "informe.md")
    assert document.title == "Informe semanal: Cártel del Páramo"
    assert document.mime_type == "text/markdown"
    assert document.text.startswith("Informe semanal: Cártel del Páramo\n\nHechos\n")
    assert "# " not in document.text.splitlines()[0]
    assert "*Cártel del Páramo*" in document.text  # emphasis is left as written
    assert "El símbolo # dentro de una línea se queda." in document.text
