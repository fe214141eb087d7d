"""Mailboxes: one child .eml per message and a listing as text."""

from __future__ import annotations

import pytest

from enlace.exceptions import IngestError
from enlace.ingest.formats.email import EmailParser
from enlace.ingest.formats.mbox import MboxParser

from .samples import make_email

ENVELOPE = b"From ana.perez@valdoria.example Tue Mar  5 10:15:00 2024\n"


def _mbox(*messages: bytes) -> bytes:
    return b"".join(ENVELOPE + message + b"\n" for message in messages)


def test_each_message_becomes_a_numbered_child() -> None:
    first = make_email(subject="Primero")
    second = make_email(subject="Segundo").replace(
        b"\n\n", b"\n\nFrom here the body talks.\n>From a quoted line.\n", 1
    )
    document = MboxParser().parse(_mbox(first, second), "buzon.mbox")
    assert [child.filename for child in document.children] == [
        "message-0001.eml",
        "message-0002.eml",
    ]
    assert all(child.mime_type == "message/rfc822" for child in document.children)
    assert document.metadata == {"messages": "2"}
    lines = document.text.splitlines()
    assert lines[0].startswith("0001 [Tue, 05 Mar 2024 10:15:00 -0600] Ana Pérez")
    assert lines[0].endswith(": Primero")
    assert lines[1].endswith(": Segundo")
    second_child = document.children[1].content
    assert not second_child.startswith(b"From ")  # envelope line removed
    assert b"\nFrom a quoted line." in second_child  # mboxrd quoting undone
    assert EmailParser().parse(second_child, "message-0002.eml").title == "Segundo"


def test_not_an_mbox_is_refused() -> None:
    with pytest.raises(IngestError, match=r"buzon\.mbox is not an mbox"):
        MboxParser().parse(make_email(), "buzon.mbox")
