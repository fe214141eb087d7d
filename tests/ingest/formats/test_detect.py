"""Choosing a parser: extension first, checked against magic bytes."""

from __future__ import annotations

import os

import pytest

from enlace.exceptions import IngestError
from enlace.ingest.formats import SUPPORTED_EXTENSIONS, parser_for
from enlace.ingest.formats.docx import DocxParser
from enlace.ingest.formats.email import EmailParser
from enlace.ingest.formats.html import HtmlParser
from enlace.ingest.formats.mbox import MboxParser
from enlace.ingest.formats.pdf import PdfParser
from enlace.ingest.formats.text import MarkdownParser, TextParser

from .samples import SPANISH, make_docx, make_email, make_pdf

PDF = make_pdf([[SPANISH]])
DOCX = make_docx()


@pytest.mark.parametrize(
    ("filename", "content", "parser"),
    [
        ("nota.txt", SPANISH.encode(), TextParser),
        ("NOTA.TXT", SPANISH.encode(), TextParser),
        ("informe.md", b"# Informe\n", MarkdownParser),
        ("pagina.html", b"<html><body>x</body></html>", HtmlParser),
        ("pagina.htm", b"<html><body>x</body></html>", HtmlParser),
        ("informe.pdf", PDF, PdfParser),
        ("informe.PDF", b"\r\n" + PDF, PdfParser),
        ("correo.eml", make_email(), EmailParser),
        ("buzon.mbox", b"From a@b.example Tue Mar  5 10:15:00 2024\n", MboxParser),
        ("informe.docx", DOCX, DocxParser),
    ],
)
def test_extension_chooses_parser(filename: str, content: bytes, parser: type) -> None:
    assert isinstance(parser_for(filename, content), parser)


def test_supported_extensions_leave_jsonl_to_its_own_loader() -> None:
    assert {".txt", ".md", ".html", ".htm", ".pdf", ".eml", ".mbox", ".docx"} <= set(
        SUPPORTED_EXTENSIONS
    )
    assert ".jsonl" not in SUPPORTED_EXTENSIONS


def test_pdf_that_is_not_a_pdf_names_both() -> None:
    with pytest.raises(IngestError, match=r"informe\.pdf is named \.pdf but its content is a zip"):
        parser_for("informe.pdf", DOCX)
    with pytest.raises(IngestError, match=r"nota\.pdf is named \.pdf but its content is not a PDF"):
        parser_for("nota.pdf", SPANISH.encode())


def test_docx_that_is_not_a_zip_names_both() -> None:
    mislabelled = r"informe\.docx is named \.docx but its content is a PDF"
    with pytest.raises(IngestError, match=mislabelled):
        parser_for("informe.docx", PDF)
    with pytest.raises(IngestError, match=r"viejo\.docx .* an old Office file"):
        parser_for("viejo.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))


def test_text_extension_on_binary_format_is_refused() -> None:
    with pytest.raises(IngestError, match=r"informe\.txt is named \.txt but its content is a PDF"):
        parser_for("informe.txt", PDF)


def test_text_that_looks_like_magic_is_still_text() -> None:
    mentions_pdf = b"Notas: el archivo empieza con %PDF-1.4 y no lo abrimos.\n"
    assert isinstance(parser_for("notas.txt", mentions_pdf), TextParser)
    assert isinstance(
        parser_for("mz.txt", b"MZ Consultores, empresa ficticia de Valdoria."), TextParser
    )


def test_unknown_extension_with_text_is_read_as_text() -> None:
    assert isinstance(parser_for("nota.log", SPANISH.encode("cp1252")), TextParser)
    assert isinstance(parser_for("LEEME", SPANISH.encode()), TextParser)


def test_unknown_extension_with_binary_lists_supported_formats() -> None:
    with pytest.raises(IngestError) as caught:
        parser_for("datos.bin", os.urandom(2048))
    message = str(caught.value)
    assert message.startswith("datos.bin has .bin, which enlace does not read")
    assert ".pdf" in message and ".docx" in message and ".eml" in message


def test_unknown_extension_with_known_binary_says_what_it_is() -> None:
    with pytest.raises(IngestError, match=r"escaneo has no extension.*content is a PDF"):
        parser_for("escaneo", PDF)
