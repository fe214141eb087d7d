"""parse_bytes and parse_path: size limits before reading, every format end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from enlace.exceptions import IngestError
from enlace.ingest.formats import parse_bytes, parse_path
from enlace.ingest.formats.base import ParsedDocument, Parser
from enlace.ingest.formats.limits import MB

from .samples import ENGLISH, SPANISH, make_docx, make_email, make_pdf

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _default_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENLACE_MAX_FILE_MB", raising=False)


def test_every_format_parses_from_a_path(tmp_path: Path) -> None:
    files = {
        "nota.txt": SPANISH.encode("cp1252"),
        "informe.pdf": make_pdf([[SPANISH], [ENGLISH]]),
        "informe.docx": make_docx(),
        "correo.eml": make_email(),
        "buzon.mbox": b"From a@valdoria.example Tue Mar  5 10:15:00 2024\n" + make_email(),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    for path in [*tmp_path.iterdir(), FIXTURES / "hostile.html", FIXTURES / "informe.md"]:
        document = parse_path(path)
        assert isinstance(document, ParsedDocument)
        assert document.text, path.name


def test_200_mb_sparse_file_is_refused_by_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "enorme.pdf"
    with path.open("wb") as handle:
        handle.truncate(200 * MB)

    def no_reading(self: Path, *args: object, **kwargs: object) -> None:
        raise AssertionError("the file must not be opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(IngestError) as caught:
        parse_path(path)
    assert str(caught.value) == (
        "enorme.pdf is 200 MB; the limit is 100 MB; raise ENLACE_MAX_FILE_MB to ingest it"
    )


def test_limit_can_be_raised_by_argument_and_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "nota.txt"
    path.write_bytes(SPANISH.encode() * 30)
    with pytest.raises(IngestError, match="the limit is"):
        parse_path(path, max_bytes=100)
    assert parse_path(path, max_bytes=10_000).text.startswith(SPANISH)
    monkeypatch.setenv("ENLACE_MAX_FILE_MB", "1")
    assert parse_path(path).text.startswith(SPANISH)
    path.write_bytes(b"x" * (MB + 1))
    with pytest.raises(IngestError, match=r"is 1,048,577 bytes; .*ENLACE_MAX_FILE_MB"):
        parse_path(path)


def test_parse_bytes_checks_size_too() -> None:
    with pytest.raises(IngestError, match=r"nota\.txt is .* the limit is"):
        parse_bytes(b"x" * 2048, "nota.txt", max_bytes=1024)


def test_missing_directory_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="cannot be read"):
        parse_path(tmp_path / "no-existe.pdf")
    with pytest.raises(IngestError, match="not a regular file"):
        parse_path(tmp_path)
    (tmp_path / "vacio.txt").write_bytes(b"")
    with pytest.raises(IngestError, match=r"vacio\.txt is empty"):
        parse_path(tmp_path / "vacio.txt")


def test_binary_junk_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(IngestError, match=r"junk\.txt does not look like text"):
        parse_path(path)


def test_mislabelled_extension(tmp_path: Path) -> None:
    path = tmp_path / "informe.docx"
    path.write_bytes(make_pdf([[SPANISH]]))
    mislabelled = r"informe\.docx is named \.docx but its content is a PDF"
    with pytest.raises(IngestError, match=mislabelled):
        parse_path(path)


def test_unexpected_parser_crash_becomes_ingest_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(Parser):
        mime_type = "text/plain"

        def parse(self, content: bytes, filename: str) -> ParsedDocument:
            raise KeyError("boom")

    monkeypatch.setattr(
        "enlace.ingest.formats.parse.parser_for", lambda filename, content: Broken()
    )
    with pytest.raises(IngestError, match=r"nota\.txt could not be parsed as text/plain"):
        parse_bytes(b"hola", "nota.txt")
