"""HTML: main text, title and date; hostile markup never puts code into the text."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from enlace.exceptions import IngestError
from enlace.ingest.formats.html import HtmlParser

from .samples import ENGLISH, SPANISH

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = (FIXTURES / "hostile.html").read_bytes()
# Every marker of code or hidden markup in hostile.html is an upper-case WORD_LIKE_THIS.
CODE_MARKER = re.compile(r"[A-Z]{3,}_[A-Z_]+")
ARTICLE = [
    "Cae la célula Los Halcones Grises en Valdoria",
    "detuvo el martes a tres presuntos",
    "respondía al Cártel del Páramo",
    "El Zorro Gris",
]


def _page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def test_article_text_title_date_and_language() -> None:
    document = HtmlParser().parse(HOSTILE, "hostile.html")
    assert document.title == "Cae la célula Los Halcones Grises en Valdoria"
    assert document.published == datetime.date(2024, 3, 5)
    assert document.metadata["date"] == "2024-03-05"
    assert document.language_hint == "es"
    assert document.mime_type == "text/html"
    for fragment in ARTICLE:
        assert fragment in " ".join(document.text.split())


def test_hostile_page_puts_no_code_into_text() -> None:
    text = HtmlParser().parse(HOSTILE, "hostile.html").text
    assert CODE_MARKER.findall(text) == []
    assert "javascript" not in text.lower()
    assert "<script" not in text.lower()


def test_too_deep_page_is_read_by_the_streaming_fallback_without_code() -> None:
    body = HOSTILE.decode().split("<body", 1)[1].split(">", 1)[1]
    deep = ("<div>" * 5000 + body + "</div>" * 5000).encode()
    text = HtmlParser().parse(deep, "hondo.html").text
    assert CODE_MARKER.findall(text) == []
    for fragment in ARTICLE[1:]:
        assert fragment in " ".join(text.split())


def test_short_page_falls_back_to_recall_or_lxml() -> None:
    document = HtmlParser().parse(_page(f"<div><span>{SPANISH}</span></div>"), "corta.html")
    assert document.text == SPANISH


def test_entity_bomb_is_not_expanded() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        f'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><html><body><p>&d; {ENGLISH}</p>'
        "</body></html>"
    )
    text = HtmlParser().parse(bomb.encode(), "bomba.html").text
    assert ENGLISH in text
    assert "aaaaaaaaaaaaaaaaaaaa" not in text


def test_declared_charset_is_honoured() -> None:
    page = _page(f"<p>{SPANISH}</p>", '<meta charset="iso-8859-1"><title>Cártel</title>')
    document = HtmlParser().parse(page.decode().encode("cp1252"), "latin.html")
    assert document.text == SPANISH
    assert document.title == "Cártel"


def test_undeclared_cp1252_page_is_detected() -> None:
    document = HtmlParser().parse(_page(f"<p>{SPANISH}</p>").decode().encode("cp1252"), "a.htm")
    assert document.text == SPANISH


def test_page_of_only_scripts_is_refused_with_advice() -> None:
    page = _page('<div id="app"></div><script>renderApp()</script>')
    with pytest.raises(IngestError, match=r"app\.html has no readable text"):
        HtmlParser().parse(page, "app.html")


@pytest.mark.parametrize("charset", ["utf-7", "hex", "rot13", "no-existe"])
def test_odd_declared_charsets_fall_back_safely(charset: str) -> None:
    smuggled = "+ADw-script+AD4-UTF7_SCRIPT()+ADw-/script+AD4-"
    page = _page(f"<p>{SPANISH} {smuggled}</p>", f'<meta charset="{charset}">')
    text = HtmlParser().parse(page, "raro.html").text
    assert text == f"{SPANISH} {smuggled}"  # UTF-7 is not decoded, so no <script> appears


def test_large_page_skips_trafilatura_but_keeps_metadata_and_safety(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("enlace.ingest.formats.html.MAX_MAIN_TEXT_CHARS", 1000)
    document = HtmlParser().parse(HOSTILE, "grande.html")
    assert document.title == "Cae la célula Los Halcones Grises en Valdoria"
    assert document.published == datetime.date(2024, 3, 5)
    assert CODE_MARKER.findall(document.text) == []
    for fragment in ARTICLE[1:]:
        assert fragment in " ".join(document.text.split())
