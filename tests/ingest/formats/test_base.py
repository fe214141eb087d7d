"""The shared shapes: frozen documents, attachments that do not dump their bytes."""

from __future__ import annotations

import dataclasses

import pytest

from enlace.ingest.formats import Attachment, ParsedDocument, Parser


def test_parsed_document_is_frozen_with_empty_defaults() -> None:
    document = ParsedDocument(text="Texto.", title=None, mime_type="text/plain")
    assert document.metadata == {}
    assert document.children == ()
    assert document.language_hint is None and document.published is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        document.text = "otro"  # type: ignore[misc]


def test_attachment_repr_shows_size_not_bytes() -> None:
    attachment = Attachment(filename="alias.csv", content=b"x" * 10_000, mime_type="text/csv")
    assert "size=10000" in repr(attachment)
    assert "xxxx" not in repr(attachment)


def test_parser_is_abstract() -> None:
    with pytest.raises(TypeError):
        Parser()  # type: ignore[abstract]
