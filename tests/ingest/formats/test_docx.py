"""Word: paragraphs and table cells in order, core properties, corrupt packages refused."""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
import pytest

from enlace.exceptions import IngestError
from enlace.ingest.formats.docx import MAX_UNPACKED, DocxParser

from .samples import ENGLISH, SPANISH, make_docx


def test_paragraphs_and_tables_in_order() -> None:
    document = DocxParser().parse(make_docx(), "informe.docx")
    assert document.text.splitlines() == [
        "Informe sobre el Cártel del Páramo",
        SPANISH,
        "Alias\tRol",
        "El Zorro Gris\tjefe de plaza",
        "Fuente: nota ficticia",  # a merged cell is written once
        ENGLISH,
    ]


def test_core_properties() -> None:
    created = datetime.datetime(2024, 3, 5, 16, 15, tzinfo=datetime.UTC)
    source = docx.Document(io.BytesIO(make_docx()))
    source.core_properties.created = created
    out = io.BytesIO()
    source.save(out)
    document = DocxParser().parse(out.getvalue(), "informe.docx")
    assert document.title == "Informe sobre el Cártel del Páramo"
    assert document.metadata["author"] == "Redacción Valdoria"
    assert document.metadata["created"] == "2024-03-05T16:15:00+00:00"
    assert document.published == datetime.date(2024, 3, 5)
    assert document.language_hint == "es-MX"


@pytest.mark.parametrize("cut", [10, 1000, -200])
def test_truncated_zip_is_refused(cut: int) -> None:
    with pytest.raises(IngestError, match=r"roto\.docx is not a readable \.docx"):
        DocxParser().parse(make_docx()[:cut], "roto.docx")


def test_damaged_member_is_refused() -> None:
    content = bytearray(make_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as package:
        info = package.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 10, start + 60):
        content[offset] ^= 0xFF
    with pytest.raises(IngestError, match=r"roto\.docx is a damaged or unsupported \.docx"):
        DocxParser().parse(bytes(content), "roto.docx")


def test_zip_that_is_not_word_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(IngestError, match="not a Word document"):
        DocxParser().parse(out.getvalue(), "hoja.docx")


def test_zip_bomb_is_refused_before_unpacking() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(MAX_UNPACKED // len(chunk) + 1):
                member.write(chunk)
    with pytest.raises(IngestError, match="zip bomb"):
        DocxParser().parse(out.getvalue(), "bomba.docx")
