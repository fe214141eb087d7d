"""Whatever the bytes, parsing ends in a document or an IngestError, and no warning escapes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enlace.exceptions import IngestError
from enlace.ingest.formats import SUPPORTED_EXTENSIONS, ParsedDocument, parse_bytes

from .samples import SPANISH, make_docx, make_email, make_pdf

SEEDS = {
    ".pdf": make_pdf([[SPANISH]]),
    ".docx": make_docx(),
    ".eml": make_email(),
    ".mbox": b"From a@valdoria.example Tue Mar  5 10:15:00 2024\n" + make_email(),
    ".html": f"<html><head><title>T</title></head><body><p>{SPANISH}</p></body></html>".encode(),
}


def _check(content: bytes, extension: str) -> None:
    try:
        document = parse_bytes(content, f"muestra{extension}")
    except IngestError:
        return
    assert isinstance(document, ParsedDocument)
    assert isinstance(document.text, str)


@settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(content=st.binary(max_size=2048), extension=st.sampled_from(SUPPORTED_EXTENSIONS))
def test_random_bytes(content: bytes, extension: str) -> None:
    _check(content, extension)


@pytest.mark.parametrize("extension", sorted(SEEDS))
@settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=st.data())
def test_damaged_valid_files(extension: str, data: st.DataObject) -> None:
    seed = bytearray(SEEDS[extension])
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(seed) - 1))
        seed[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(seed)))
    _check(bytes(seed[:cut]), extension)
