"""The shapes every format parser shares: the parsed document, its attachments, the base class.

A parser turns the bytes of one file into one `ParsedDocument`: plain text for search and
extraction, a title, string metadata, and any files found inside it (email attachments,
messages of an mbox) as `Attachment` children that the caller may feed back to `parse_bytes`.
Parsers never touch storage, and they signal every failure with `enlace.exceptions.IngestError`.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

Metadata = dict[str, str | list[str]]


@dataclass(frozen=True)
class Attachment:
    """A file found inside another one, still as raw bytes."""

    filename: str
    content: bytes
    mime_type: str | None

    def __repr__(self) -> str:
        return (
            f"Attachment(filename={self.filename!r}, mime_type={self.mime_type!r}, "
            f"size={len(self.content)})"
        )


@dataclass(frozen=True)
class ParsedDocument:
    """The text of one file, with what we could learn about it."""

    text: str
    title: str | None
    mime_type: str
    metadata: Metadata = field(default_factory=dict)
    language_hint: str | None = None
    published: datetime.date | None = None
    children: tuple[Attachment, ...] = ()


class Parser(ABC):
    """Turns the bytes of one format into a `ParsedDocument`.

    Subclasses set `extensions` (lower case, with the dot) and `mime_type`, and raise
    `IngestError` with a message naming the file and the reason when they cannot parse it.
    """

    extensions: tuple[str, ...] = ()
    mime_type: str = "application/octet-stream"

    @abstractmethod
    def parse(self, content: bytes, filename: str) -> ParsedDocument:
        """Parse `content`, the whole file called `filename` (used in messages only)."""
