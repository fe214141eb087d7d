"""PDF: text per page, metadata, encryption, damage, and scans that would need OCR."""

from __future__ import annotations

import datetime

import pytest

from enlace.exceptions import IngestError
from enlace.ingest.formats.pdf import PdfParser

from .samples import ENGLISH, SPANISH, encrypt_pdf, make_pdf

INFO = {
    "Title": "Informe sobre el Páramo",
    "Author": "Ana Pérez",
    "CreationDate": "D:20240305101500-06'00'",
}
PDF = make_pdf([[SPANISH, "Segunda línea (con paréntesis)"], [], [ENGLISH]], INFO)


def test_pages_are_joined_with_form_feeds() -> None:
    document = PdfParser().parse(PDF, "informe.pdf")
    pages = document.text.split("\f")
    assert pages == [f"{SPANISH}\nSegunda línea (con paréntesis)", "", ENGLISH]
    assert document.mime_type == "application/pdf"


def test_metadata_title_date_language() -> None:
    document = PdfParser().parse(PDF, "informe.pdf")
    assert document.title == "Informe sobre el Páramo"
    assert document.metadata["author"] == "Ana Pérez"
    assert document.metadata["created"] == "2024-03-05T10:15:00-06:00"
    assert document.metadata["pages"] == "3"
    assert document.published == datetime.date(2024, 3, 5)
    assert document.language_hint == "es-MX"


def test_empty_user_password_is_decrypted() -> None:
    document = PdfParser().parse(encrypt_pdf(PDF, ""), "cifrado.pdf")
    assert document.text.startswith(SPANISH)


def test_real_password_is_refused_clearly() -> None:
    with pytest.raises(IngestError, match=r"cifrado\.pdf is protected by a password"):
        PdfParser().parse(encrypt_pdf(PDF, "secreto"), "cifrado.pdf")


@pytest.mark.parametrize("cut", [9, 100, 400, len(PDF) // 2, len(PDF) - 40])
def test_truncated_pdf_gives_ingest_error(cut: int) -> None:
    with pytest.raises(IngestError, match=r"cortado\.pdf is a damaged"):
        PdfParser().parse(PDF[:cut], "cortado.pdf")


def test_garbage_after_header_gives_ingest_error() -> None:
    with pytest.raises(IngestError, match=r"basura\.pdf"):
        PdfParser().parse(b"%PDF-1.7\n" + bytes(range(256)) * 40, "basura.pdf")


def test_pdf_without_text_layer_needs_ocr() -> None:
    with pytest.raises(IngestError, match=r"escaneo\.pdf has no text layer.*needs OCR"):
        PdfParser().parse(make_pdf([[], []]), "escaneo.pdf")
