"""Word documents (.docx): paragraphs and table cells in document order, core properties.

Text comes from the body only, in order: each paragraph on its own line, each table row on
its own line with cells separated by tabs (a merged cell is written once), nested tables
inside their cell. Headers, footers, footnotes, comments and text boxes are not read.
Before python-docx opens the package, the zip directory is checked, so a corrupt zip, a
zip that is not a Word document, or one that would unpack to more than 512 MB (a zip bomb)
is refused with `IngestError`. `published` is the core property `created`.
"""

from __future__ import annotations

import datetime
import io
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from enlace.exceptions import IngestError
from enlace.ingest.formats.base import Metadata, ParsedDocument, Parser
from enlace.ingest.formats.text import clean_text

MAX_UNPACKED = 512 * 1024 * 1024
_MAX_TABLE_DEPTH = 8
_PROPERTIES = (
    "title", "author", "subject", "keywords", "category", "comments", "last_modified_by",
)  # fmt: skip


def _check_package(content: bytes, filename: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
        raise IngestError(
            f"{filename} is not a readable .docx: its zip container is corrupt or cut short "
            f"({exc}); open it in Word or LibreOffice and save it again"
        ) from exc
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise IngestError(
            f"{filename} is a zip file but not a Word document (no word/ part); "
            "check that it was not renamed from another format"
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED:
        raise IngestError(
            f"{filename} would unpack to {unpacked // (1024 * 1024)} MB, more than the "
            f"{MAX_UNPACKED // (1024 * 1024)} MB we accept for a .docx; it may be a zip bomb"
        )


def _table_lines(table: Table, depth: int = 0) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats in every grid column it spans
                continue
            seen.add(id(cell._tc))
            parts: list[str] = []
            for block in cell.iter_inner_content():
                if isinstance(block, Paragraph):
                    parts.append(block.text)
                elif depth < _MAX_TABLE_DEPTH:
                    parts.extend(_table_lines(block, depth + 1))
            cells.append(" ".join(" ".join(parts).split()))
        if any(cells):
            yield "\t".join(cells)


def _body_lines(document: Any) -> Iterator[str]:
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield from _table_lines(block)


def _properties(document: Any) -> tuple[Metadata, str | None, datetime.date | None]:
    core = document.core_properties
    metadata: Metadata = {}
    for name in _PROPERTIES:
        value = getattr(core, name, None)
        if isinstance(value, str) and (text := clean_text(value)):
            metadata[name] = text
    published = None
    for name in ("created", "modified"):
        moment = getattr(core, name, None)
        if isinstance(moment, datetime.datetime):
            metadata[name] = moment.isoformat()
            if name == "created":
                published = moment.date()
    language = core.language.strip() if isinstance(core.language, str) else ""
    return metadata, language or None, published


class DocxParser(Parser):
    """Word 2007+ documents (.docx)."""

    extensions = (".docx",)
    mime_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def parse(self, content: bytes, filename: str) -> ParsedDocument:
        _check_package(content, filename)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                document = docx.Document(io.BytesIO(content))
                text = clean_text("\n".join(_body_lines(document)))
                metadata, language, published = _properties(document)
            except Exception as exc:  # python-docx raises many kinds on damage
                reason = f"{type(exc).__name__}: {exc}"[:200]
                raise IngestError(
                    f"{filename} is a damaged or unsupported .docx ({reason}); open it in "
                    "Word or LibreOffice and save it again"
                ) from exc
        title = metadata.get("title")
        return ParsedDocument(
            text=text,
            title=title if isinstance(title, str) else None,
            mime_type=self.mime_type,
            metadata=metadata,
            language_hint=language,
            published=published,
        )
