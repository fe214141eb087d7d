"""Sample documents built in code for the format tests, with made-up news about made-up cells."""

from __future__ import annotations

import io
from email.message import EmailMessage

import docx
from pypdf import PdfReader, PdfWriter

ENGLISH = "Police in the fictional port of Valdoria arrested three members of the Grey Hawks cell."
SPANISH = "La fiscalía de Valdoria acusó al Cártel del Páramo de lavar dinero en casas de cambio."


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(lines: list[str]) -> bytes:
    if not lines:  # a "scan": a drawn rectangle, no text
        return b"0 0 1 rg 72 72 400 600 re f"
    body = b"BT /F1 12 Tf 72 720 Td 16 TL"
    for line in lines:
        body += b" " + _pdf_string(line) + b" Tj T*"
    return body + b" ET"


def make_pdf(pages: list[list[str]], info: dict[str, str] | None = None) -> bytes:
    """A minimal valid PDF, written by hand with correct xref offsets.

    Each page is a list of lines in Helvetica with WinAnsiEncoding; an empty list draws a
    rectangle and no text, as a scanned page would.
    """
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (es-MX) >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(pages):
        stream = _content(lines)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * index} 0 R"
            " /Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    info_ref = b""
    if info:
        fields = b" ".join(f"/{key} ".encode() + _pdf_string(value) for key, value in info.items())
        objects.append(b"<< " + fields + b" >>")
        info_ref = f" /Info {len(objects)} 0 R".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R".encode() + info_ref + b" >>\n"
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def encrypt_pdf(pdf: bytes, user_password: str) -> bytes:
    """The same PDF encrypted with RC4 (which pypdf handles without extra packages)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="propietario", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(title: str = "Informe sobre el Cártel del Páramo") -> bytes:
    """A .docx with a heading, paragraphs, a table with a merged cell, and core properties."""
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(SPANISH)
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Alias"
    table.cell(0, 1).text = "Rol"
    table.cell(1, 0).text = "El Zorro Gris"
    table.cell(1, 1).text = "jefe de plaza"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Fuente: nota ficticia"
    document.add_paragraph(ENGLISH)
    properties = document.core_properties
    properties.title = title
    properties.author = "Redacción Valdoria"
    properties.language = "es-MX"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_email(
    body: str | None = SPANISH,
    html: str | None = None,
    attachment: tuple[str, bytes, str] | None = None,
    subject: str = "Informe: célula Los Halcones Grises",
) -> bytes:
    """An email built with the stdlib: plain and/or HTML body, optional attachment."""
    message = EmailMessage()
    message["From"] = "Ana Pérez <ana.perez@valdoria.example>"
    message["To"] = "Redacción <redaccion@valdoria.example>, luis@valdoria.example"
    message["Cc"] = "fiscalia@valdoria.example"
    message["Subject"] = subject
    message["Date"] = "Tue, 05 Mar 2024 10:15:00 -0600"
    message["Message-ID"] = "<informe-0001@valdoria.example>"
    if body is not None:
        message.set_content(body)
        if html is not None:
            message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    if attachment is not None:
        name, content, mime_type = attachment
        maintype, subtype = mime_type.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()
