"""Choosing the parser for a file: by extension, checked against the content's magic bytes.

A file whose content contradicts its extension (a .pdf that is not a PDF, a .docx that is
not a zip, a .txt that is a PDF) is refused with an `IngestError` naming both. A file with
an unknown extension is read as plain text if its content is text, and refused otherwise
with the list of supported formats. FollowTheMoney .jsonl files are not documents and are
not handled here: their own loader reads them.
"""

from __future__ import annotations

from pathlib import PurePath

from enlace.exceptions import IngestError
from enlace.ingest.formats.base import Parser
from enlace.ingest.formats.docx import DocxParser
from enlace.ingest.formats.email import EmailParser
from enlace.ingest.formats.html import HtmlParser
from enlace.ingest.formats.mbox import MboxParser
from enlace.ingest.formats.pdf import PdfParser
from enlace.ingest.formats.text import MarkdownParser, TextParser, looks_like_text

PARSERS: tuple[Parser, ...] = (
    TextParser(),
    MarkdownParser(),
    HtmlParser(),
    PdfParser(),
    EmailParser(),
    MboxParser(),
    DocxParser(),
)
_BY_EXTENSION: dict[str, Parser] = {ext: parser for parser in PARSERS for ext in parser.extensions}
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(sorted(_BY_EXTENSION))

# Magic bytes of formats people often mislabel, with the name used in messages.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a zip archive (such as .docx, .xlsx or .zip)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc, .xls or .msg)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"MZ", "a Windows program"),
)
_PDF_HEADER_WINDOW = 1024  # PDF readers accept junk before %PDF- in the first kilobyte


def sniff(content: bytes, pdf_anywhere_in_header: bool = False) -> str | None:
    """What the magic bytes at the start of `content` say it is, in words, or None.

    With `pdf_anywhere_in_header`, "%PDF-" counts anywhere in the first kilobyte, as PDF
    readers allow; otherwise a text that merely mentions "%PDF-" would be mistaken for one.
    """
    if pdf_anywhere_in_header and b"%PDF-" in content[:_PDF_HEADER_WINDOW]:
        return "a PDF"
    if content.startswith(b"MZ") and b"PE\0\0" not in content[:1024]:
        return None  # "MZ" alone may just be text; a Windows program has a PE header
    for magic, name in _MAGIC:
        if content.startswith(magic):
            return name
    return None


def _mismatch(filename: str, extension: str, found: str) -> IngestError:
    return IngestError(
        f"{filename} is named {extension} but its content is {found}; rename it with the "
        "right extension or check that it is the file you meant"
    )


def _unsupported(filename: str, found: str | None) -> IngestError:
    suffix = PurePath(filename).suffix.lower() or "no extension"
    what = f"its content is {found}" if found else "its content is not text"
    return IngestError(
        f"{filename} has {suffix}, which enlace does not read, and {what}; supported formats "
        f"are {', '.join(SUPPORTED_EXTENSIONS)}"
    )


def parser_for(filename: str, content: bytes) -> Parser:
    """The parser for a file named `filename` holding `content`, or `IngestError`."""
    extension = PurePath(filename).suffix.lower()
    parser = _BY_EXTENSION.get(extension)
    found = sniff(content, pdf_anywhere_in_header=isinstance(parser, PdfParser))
    if parser is None:
        if found is None and looks_like_text(content):
            return _BY_EXTENSION[".txt"]
        raise _unsupported(filename, found)
    if isinstance(parser, PdfParser):
        if found != "a PDF":
            raise _mismatch(filename, extension, found or "not a PDF")
    elif isinstance(parser, DocxParser):
        if not content.startswith(b"PK\x03\x04"):
            raise _mismatch(filename, extension, found or "not a zip archive, as a .docx is")
    elif found is not None:
        raise _mismatch(filename, extension, found)
    return parser
