"""Turning files into text documents: one parser per format, chosen by extension and content.

    parse_path(path)               -> ParsedDocument   size checked by stat before reading
    parse_bytes(content, filename) -> ParsedDocument
    parser_for(filename, content)  -> Parser

Formats: plain text and Markdown, HTML, PDF (text layer only, no OCR), email (.eml),
mailboxes (.mbox) and Word (.docx). Every failure is an `enlace.exceptions.IngestError`
whose message names the file and says what to do. Storage and jobs live elsewhere.
"""

from __future__ import annotations

from enlace.ingest.formats.base import Attachment, ParsedDocument, Parser
from enlace.ingest.formats.detect import SUPPORTED_EXTENSIONS, parser_for
from enlace.ingest.formats.parse import parse_bytes, parse_path

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "Attachment",
    "ParsedDocument",
    "Parser",
    "parse_bytes",
    "parse_path",
    "parser_for",
]
