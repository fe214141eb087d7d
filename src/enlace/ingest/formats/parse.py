"""Parsing one file, from bytes or from a path, with the size limit checked first.

`parse_path` checks the size with `stat` before reading anything, so an oversized file is
refused without being loaded. Any unexpected exception from a parser becomes an
`IngestError` naming the file, so one bad file never stops a batch.
"""

from __future__ import annotations

from pathlib import Path

from enlace.exceptions import IngestError
from enlace.ingest.formats.base import ParsedDocument
from enlace.ingest.formats.detect import parser_for
from enlace.ingest.formats.limits import check_size, default_max_bytes


def parse_bytes(content: bytes, filename: str, max_bytes: int | None = None) -> ParsedDocument:
    """Parse the whole file `content`; `filename` chooses the format and names it in errors.

    `max_bytes` defaults to ENLACE_MAX_FILE_MB (100 MB when unset).
    """
    check_size(len(content), filename, max_bytes)
    if not content or content.isspace():
        raise IngestError(f"{filename} is empty; there is nothing to ingest")
    parser = parser_for(filename, content)
    try:
        return parser.parse(content, filename)
    except IngestError:
        raise
    except RecursionError as exc:
        raise IngestError(
            f"{filename} is nested too deeply to be parsed; it may be built to attack parsers"
        ) from exc
    except Exception as exc:  # one bad file must not stop a batch
        reason = f"{type(exc).__name__}: {exc}"[:200]
        raise IngestError(
            f"{filename} could not be parsed as {parser.mime_type} ({reason}); this looks like "
            "a bug in enlace's parser, please report it with the file if you can share it"
        ) from exc


def parse_path(path: Path, max_bytes: int | None = None) -> ParsedDocument:
    """Parse the file at `path`, refusing it by size before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise IngestError(f"{path} is not a regular file; give the path of a document")
    limit = default_max_bytes() if max_bytes is None else max_bytes
    check_size(size, path.name, limit)
    try:
        with path.open("rb") as handle:
            content = handle.read(limit + 1)  # the file may have grown since stat
    except OSError as exc:
        raise IngestError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    return parse_bytes(content, path.name, limit)
