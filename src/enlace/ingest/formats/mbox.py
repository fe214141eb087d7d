"""Mailboxes (.mbox): each message becomes a child .eml; the text lists them.

A message starts at an envelope line (RFC 4155): "From ", a sender, and a date holding a
time of day, as in "From ana@example.org Tue Mar  5 10:15:00 2024". Requiring that shape
keeps unescaped "From " lines inside bodies from splitting a message. The envelope line is
dropped and one level of ">From " quoting is undone (mboxrd), so each child
`message-0001.eml`, `message-0002.eml`, ... is a plain RFC 5322 message for `EmailParser`.
The mbox's own text is one line per message: number, date, sender and subject.
"""

from __future__ import annotations

import re

from enlace.exceptions import IngestError
from enlace.ingest.formats.base import Attachment, ParsedDocument, Parser
from enlace.ingest.formats.email import header, read_message

_SEPARATOR = re.compile(rb"^From \S+ [^\n]*?\b\d{1,2}:\d{2}\b[^\n]*\n", re.MULTILINE)
_QUOTED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


def split_mbox(content: bytes) -> list[bytes]:
    """The messages of an mbox, without their envelope lines."""
    starts = list(_SEPARATOR.finditer(content))
    messages: list[bytes] = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(content)
        message = _QUOTED_FROM.sub(rb"\1", content[match.end() : end])
        if message.strip():
            messages.append(message)
    return messages


class MboxParser(Parser):
    """Unix mailboxes (.mbox)."""

    extensions = (".mbox",)
    mime_type = "application/mbox"

    def parse(self, content: bytes, filename: str) -> ParsedDocument:
        content = content.lstrip(b"\r\n")
        if not _SEPARATOR.match(content):
            raise IngestError(
                f"{filename} is not an mbox: an mbox starts with an envelope line such as "
                "'From sender@example.org Tue Mar  5 10:15:00 2024'; if it is a single "
                "message, name it .eml"
            )
        messages = split_mbox(content)
        if not messages:
            raise IngestError(f"{filename} is an mbox without any message; nothing to ingest")
        width = max(4, len(str(len(messages))))
        children: list[Attachment] = []
        lines: list[str] = []
        for number, raw in enumerate(messages, start=1):
            name = f"message-{number:0{width}d}.eml"
            children.append(Attachment(filename=name, content=raw, mime_type="message/rfc822"))
            message = read_message(raw, headers_only=True)
            sender = header(message, "From") or "(no sender)"
            subject = header(message, "Subject") or "(no subject)"
            date = header(message, "Date")
            when = f" [{date}]" if date else ""
            lines.append(f"{number:0{width}d}{when} {sender}: {subject}")
        return ParsedDocument(
            text="\n".join(lines),
            title=f"{filename}: {len(messages)} messages",
            mime_type=self.mime_type,
            metadata={"messages": str(len(messages))},
            children=tuple(children),
        )
