"""Email: headers into metadata, plain or HTML body, attachments as children."""

from __future__ import annotations

import datetime
import email
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from enlace.exceptions import IngestError
from enlace.ingest.formats.email import EmailParser

from .samples import SPANISH, make_email

FIXTURES = Path(__file__).parent / "fixtures"


def test_headers_become_metadata() -> None:
    document = EmailParser().parse(make_email(), "informe.eml")
    assert document.title == "Informe: célula Los Halcones Grises"
    assert document.text == SPANISH
    assert document.mime_type == "message/rfc822"
    assert document.metadata["from"] == "Ana Pérez <ana.perez@valdoria.example>"
    assert document.metadata["to"] == [
        "Redacción <redaccion@valdoria.example>",
        "luis@valdoria.example",
    ]
    assert document.metadata["cc"] == ["fiscalia@valdoria.example"]
    assert document.metadata["message-id"] == "<informe-0001@valdoria.example>"
    assert document.metadata["date"] == "Tue, 05 Mar 2024 10:15:00 -0600"
    assert document.published == datetime.date(2024, 3, 5)
    assert document.children == ()


def test_plain_text_is_preferred_over_html() -> None:
    raw = make_email(body=SPANISH, html="<p>Versión HTML distinta</p>")
    assert EmailParser().parse(raw, "a.eml").text == SPANISH


def test_html_only_body_goes_through_the_html_parser() -> None:
    html = (
        '<html><body onload="BODY_ONLOAD()"><p onclick="P_CLICK()">La célula '
        "<b>Los Búhos</b> fue desarticulada en Valdoria.</p>"
        "<script>EMAIL_SCRIPT()</script><style>.x{}</style></body></html>"
    )
    document = EmailParser().parse(make_email(body=None, html=html), "solo-html.eml")
    assert document.text == "La célula Los Búhos fue desarticulada en Valdoria."


def test_attachment_becomes_child() -> None:
    csv = b"alias,rol\nEl Zorro Gris,jefe\n"
    raw = make_email(attachment=("alias.csv", csv, "text/csv"))
    document = EmailParser().parse(raw, "con-adjunto.eml")
    assert document.text == SPANISH
    (child,) = document.children
    assert child.filename == "alias.csv"
    assert child.content == csv
    assert child.mime_type == "text/csv"


def test_forwarded_message_becomes_eml_child() -> None:
    outer = email.message_from_bytes(make_email(), policy=policy.default)
    assert isinstance(outer, EmailMessage)
    outer.add_attachment(email.message_from_bytes(make_email(subject="Reenviado")))
    (child,) = EmailParser().parse(outer.as_bytes(), "reenvio.eml").children
    assert child.mime_type == "message/rfc822"
    assert child.filename == "attachment-1.eml"
    assert EmailParser().parse(child.content, child.filename).title == "Reenviado"


def test_base64_forwarded_message_is_decoded() -> None:
    raw = make_email(attachment=("", make_email(subject="Reenviado"), "message/rfc822"))
    assert b"Content-Transfer-Encoding: base64" in raw
    (child,) = EmailParser().parse(raw, "reenvio.eml").children
    assert EmailParser().parse(child.content, child.filename).title == "Reenviado"


def test_legacy_charset_encoded_words_and_path_in_filename() -> None:
    document = EmailParser().parse((FIXTURES / "informe.eml").read_bytes(), "informe.eml")
    assert document.title == "Informe: célula Los Halcones Grises"
    assert document.metadata["from"] == "Ana Pérez <ana.perez@valdoria.example>"
    assert document.text.startswith("La célula Los Halcones Grises movió dinero")
    assert document.language_hint == "es-MX"
    (child,) = document.children
    assert child.filename == "alias.csv"  # "../../etc/" is dropped
    assert child.content == b"alias,rol\nEl Zorro Gris,jefe\n"


def test_message_that_is_only_a_file_keeps_it_as_child() -> None:
    message = EmailMessage()
    message["From"] = "ana.perez@valdoria.example"
    message["Subject"] = "Escaneo"
    message.set_content(b"%PDF-1.4 ficticio", maintype="application", subtype="pdf")
    document = EmailParser().parse(message.as_bytes(), "escaneo.eml")
    assert document.text == ""
    (child,) = document.children
    assert child.content == b"%PDF-1.4 ficticio"
    assert child.filename == "attachment-1.pdf"


def test_unknown_charset_still_gives_text() -> None:
    raw = make_email().replace(b'charset="utf-8"', b'charset="x-inventado"')
    assert b"x-inventado" in raw
    assert "Valdoria" in EmailParser().parse(raw, "raro.eml").text


def test_text_without_headers_is_not_an_email() -> None:
    with pytest.raises(IngestError, match=r"nota\.eml does not look like an email"):
        EmailParser().parse(SPANISH.encode(), "nota.eml")


def test_header_that_crashes_the_stdlib_parser_is_read_leniently() -> None:
    raw = (
        "From: =?utf-8?q?Ana_P=C3=A9rez?= <ana.perez@valdoria.example>\n"
        "Subject: =?utf-8?q?Informe_del_P=C3=A1ramo?=\n"
        "Content-Type: text/plain;B*\n"  # makes email's modern header parser raise IndexError
        "\n"
        f"{SPANISH}\n"
    ).encode()
    document = EmailParser().parse(raw, "roto.eml")
    assert document.text == SPANISH
    assert document.title == "Informe del Páramo"
    assert document.metadata["from"] == "Ana Pérez <ana.perez@valdoria.example>"


def test_cp1252_body_labelled_utf8_is_decoded_right() -> None:
    raw = (
        b"From: ana.perez@valdoria.example\n"
        b"Subject: Nota\n"
        b'Content-Type: text/plain; charset="utf-8"\n'
        b"Content-Transfer-Encoding: 8bit\n"
        b"\n"
    ) + SPANISH.encode("cp1252")
    assert EmailParser().parse(raw, "nota.eml").text == SPANISH


def test_repeated_attachment_names_are_made_unique() -> None:
    message = email.message_from_bytes(make_email(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    for content in (b"uno", b"dos", b"tres"):
        message.add_attachment(content, maintype="text", subtype="plain", filename="nota.txt")
    names = [child.filename for child in EmailParser().parse(message.as_bytes(), "a.eml").children]
    assert names == ["nota.txt", "nota-2.txt", "nota-3.txt"]
