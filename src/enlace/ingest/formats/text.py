"""Plain text and Markdown files, decoded robustly and cleaned.

Decoding, in order: a byte-order mark (UTF-8, UTF-16, UTF-32); BOM-less UTF-16 that is
mostly ASCII; strict UTF-8; UTF-8 with a few broken bytes; Windows-1252 when its non-ASCII
characters look like Spanish, Portuguese or other Western text; otherwise whatever
charset_normalizer finds. Content with NUL bytes or too many control characters is refused
as binary. The text is then normalised: newlines to \\n, Unicode to NFC, and control
characters other than \\n and \\t removed.

Markdown is kept as text. The only syntax removed is the `#` markers of ATX headings, and
the first heading becomes the title; emphasis, links and tables are left as written.
"""

from __future__ import annotations

import re
import unicodedata

import charset_normalizer

from enlace.exceptions import IngestError
from enlace.ingest.formats.base import ParsedDocument, Parser

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Non-ASCII characters that Windows-1252 text in Western languages is made of.
_WESTERN = frozenset(
    "áéíóúýàèìòùâêîôûäëïöüÿãõñçåæøœšžß"
    "ÁÉÍÓÚÝÀÈÌÒÙÂÊÎÔÛÄËÏÖÜŸÃÕÑÇÅÆØŒŠŽ"
    "¿¡«»“”‘’„‚–—…•·°ºª€£¥¢©®™§¶±×÷¼½¾¹²³ \u00ad"
)
_MIN_PRINTABLE = 0.95
_SAMPLE = 1 << 20
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)


def _binary(filename: str, reason: str) -> IngestError:
    return IngestError(
        f"{filename} does not look like text ({reason}); if it is a document in another "
        "format, give it the right extension, otherwise leave it out"
    )


def _bom_encoding(content: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return encoding, 0 if encoding == "utf-8-sig" else len(bom)
    return None


def _bomless_utf16(content: bytes) -> str | None:
    """Guess UTF-16 without a BOM from the NUL bytes that ASCII characters leave."""
    sample = content[: _SAMPLE - _SAMPLE % 2]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) // 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) // 2)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(content: bytes) -> str | None:
    """UTF-8 with a few broken bytes, such as a file cut in the middle of a character."""
    sample = content[:_SAMPLE].decode("utf-8", errors="replace")
    broken = sample.count("\ufffd")
    valid = sum(1 for char in sample if ord(char) > 127 and char != "\ufffd")
    if not valid or valid < 4 * broken:
        return None
    return content.decode("utf-8", errors="replace")


def _western(content: bytes) -> str | None:
    """Windows-1252, if every byte is defined and the result looks like Western text."""
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:_SAMPLE]
    non_ascii = [char for char in sample if ord(char) > 127]
    if not non_ascii:
        return text
    plausible = sum(1 for char in non_ascii if char in _WESTERN)
    letters = sum(1 for char in sample if char.isalpha())
    accented = sum(1 for char in non_ascii if char.isalpha())
    # Western text is mostly ASCII letters; Cyrillic or Greek read as cp1252 is not.
    mostly_ascii = letters < 20 or accented / letters <= 0.3
    return text if plausible / len(non_ascii) >= 0.8 and mostly_ascii else None


def _detected(content: bytes) -> str | None:
    best = charset_normalizer.from_bytes(content[:_SAMPLE]).best()
    if best is None or best.encoding is None:
        return None
    try:
        return content.decode(best.encoding, errors="replace")
    except LookupError:
        return None


def decode_text(content: bytes, filename: str) -> str:
    """Decode the bytes of a text file to `str`, or raise `IngestError` if they are binary."""
    bom = _bom_encoding(content)
    if bom is not None:
        encoding, skip = bom
        text: str | None = content[skip:].decode(encoding, errors="replace")
    elif (guess := _bomless_utf16(content)) is not None:
        text = content.decode(guess, errors="replace")
    elif b"\x00" in content:
        raise _binary(filename, "it contains NUL bytes")
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            text = _mostly_utf8(content) or _western(content) or _detected(content)
    if text is None:
        raise _binary(filename, "no character encoding fits it")
    sample = text[:_SAMPLE]
    if sample:
        printable = sum(1 for char in sample if char.isprintable() or char in "\n\r\t\f")
        if printable / len(sample) < _MIN_PRINTABLE:
            raise _binary(filename, "too many of its bytes are control characters")
    return text


def looks_like_text(content: bytes) -> bool:
    """Whether `content` would decode as text."""
    try:
        decode_text(content[:_SAMPLE], "content")
    except IngestError:
        return False
    return True


def clean_text(text: str) -> str:
    """Normalise newlines and Unicode (NFC), drop control characters but \\n and \\t."""
    text = _NEWLINES.sub("\n", text)
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub("", text).strip()


class TextParser(Parser):
    """Plain text (.txt)."""

    extensions = (".txt",)
    mime_type = "text/plain"

    def parse(self, content: bytes, filename: str) -> ParsedDocument:
        text = clean_text(decode_text(content, filename))
        return ParsedDocument(text=text, title=None, mime_type=self.mime_type)


class MarkdownParser(Parser):
    """Markdown (.md), kept as text minus heading markers; the first heading is the title."""

    extensions = (".md", ".markdown")
    mime_type = "text/markdown"

    def parse(self, content: bytes, filename: str) -> ParsedDocument:
        text = clean_text(decode_text(content, filename))
        first = _ATX_HEADING.search(text)
        title = first.group(2).strip() or None if first else None
        text = _ATX_HEADING.sub(lambda match: match.group(2), text)
        return ParsedDocument(text=text, title=title, mime_type=self.mime_type)
