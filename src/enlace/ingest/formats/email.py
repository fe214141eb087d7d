"""Email messages (.eml): headers into metadata, the body as text, attachments as children.

The message is read by the stdlib `email` package with `policy.default`. The body is the
text/plain part if it has any text, else the text/html part run through the HTML
extractor. Attachments (including forwarded messages, as .eml) become `Attachment`
children with a safe, unique file name (no directories; `attachment-N` plus an extension
guessed from the type when the message gives none; `-2`, `-3` added to repeated names).
Headers that do not parse are kept raw, and messages that crash the modern stdlib parser
are read again with `policy.compat32`. `published` is the date of the Date header.
"""

from __future__ import annotations

import base64
import email.message
import email.utils
import logging
import mimetypes
import quopri
import re
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import PurePosixPath
from typing import cast

from enlace.exceptions import IngestError
from enlace.ingest.formats.base import Attachment, Metadata, ParsedDocument, Parser
from enlace.ingest.formats.html import extract_html
from enlace.ingest.formats.text import clean_text, decode_text

log = logging.getLogger(__name__)

_SINGLE = ("Subject", "From", "Sender", "Reply-To", "Date", "Message-ID", "In-Reply-To")
_LISTS = ("To", "Cc", "Bcc")
_EXPECTED = ("From", "To", "Subject", "Date", "Message-ID", "Received", "Return-Path")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:]")


def read_message(content: bytes, headers_only: bool = False, legacy: bool = False) -> EmailMessage:
    """The message for `content`, parsed with `policy.default`.

    The stdlib's modern header parser crashes on some malformed headers; then, or when
    `legacy` is set, the message is parsed with `policy.compat32`, which keeps headers raw.
    """
    if not legacy:
        try:
            parser = BytesParser(_class=EmailMessage, policy=policy.default)
            return parser.parsebytes(content, headersonly=headers_only)
        except Exception:
            log.debug("modern email parser failed; using compat32", exc_info=True)
    legacy_parser = BytesParser(_class=EmailMessage, policy=policy.compat32)
    return cast(EmailMessage, legacy_parser.parsebytes(content, headersonly=headers_only))


def _decode_words(raw: str) -> str:
    try:
        return str(make_header(decode_header(raw)))
    except Exception:  # malformed encoded words: keep them as written
        return raw


def header(message: email.message.Message, name: str) -> str | None:
    """A header as text; the raw value when it does not parse; None when absent."""
    try:
        value = message.get(name)
    except Exception:  # the stdlib header parser fails on some junk
        value = next((raw for key, raw in message.raw_items() if key.lower() == name.lower()), None)
    if value is None:
        return None
    if type(value) is str:  # compat32 or a raw value: RFC 2047 words still encoded
        value = _decode_words(value)
    text = clean_text(" ".join(str(value).split()))
    return text or None


def _addresses(message: EmailMessage, name: str) -> list[str]:
    values: list[str] = []
    try:
        for item in message.get_all(name) or []:
            values.extend(str(address) for address in getattr(item, "addresses", ()) or ())
    except Exception:
        values = []
    if not values and (raw := header(message, name)):
        values = [str(part).strip() for part in raw.split(",") if part.strip()]
    return [clean_text(value) for value in values]


def _part_text(part: email.message.Message) -> str:
    """Decoded text of a leaf part, even when its declared charset is wrong or unknown.

    When decoding by the declared charset leaves replacement characters (a cp1252 body
    labelled UTF-8 is common), the bytes are decoded again by the text decoder.
    """
    declared = ""
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            declared = content
    except Exception:  # unknown charset, broken transfer encoding
        pass
    if declared and "\ufffd" not in declared:
        return declared
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return declared
    try:
        guessed = decode_text(payload, "body")
    except IngestError:
        return declared or payload.decode("utf-8", errors="replace")
    if declared and guessed.count("\ufffd") >= declared.count("\ufffd"):
        return declared
    return guessed


def _body(message: EmailMessage) -> str:
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None and (text := clean_text(_part_text(plain))):
        return text
    html = message.get_body(preferencelist=("html",))
    if html is not None:
        markup = _part_text(html)
        if markup.strip():
            try:
                return extract_html(markup, "the HTML body").text
            except IngestError:
                return ""
    return ""


def _safe_name(raw: str | None, number: int, mime_type: str | None) -> str:
    name = PurePosixPath((raw or "").replace("\\", "/")).name
    name = _UNSAFE_NAME.sub("_", clean_text(name)).strip(" .")
    if name:
        return name[:200]
    extension = ".eml" if mime_type == "message/rfc822" else None
    extension = extension or mimetypes.guess_extension(mime_type or "") or ".bin"
    return f"attachment-{number}{extension}"


def _attached_message(part: email.message.Message) -> bytes:
    """The bytes of a forwarded message, also when a mailer base64-encoded it against RFC 2046."""
    inner = part.get_payload()
    inner = inner[0] if isinstance(inner, list) and inner else inner
    if not isinstance(inner, email.message.Message):
        return b""
    raw = inner.as_bytes(policy=policy.default)
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding == "base64":
        return base64.b64decode(b"".join(raw.split()), validate=False)
    if encoding == "quoted-printable":
        return quopri.decodestring(raw)
    return raw


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or `name-2.ext`, `name-3.ext`... if an earlier attachment has it."""
    stem, dot, extension = name.rpartition(".")
    if not stem:
        stem, dot, extension = name, "", ""
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem}-{number}{dot}{extension}"
    taken.add(candidate.lower())
    return candidate


def _attachments(message: EmailMessage) -> tuple[Attachment, ...]:
    children: list[Attachment] = []
    taken: set[str] = set()
    parts = list(message.iter_attachments())
    if not message.is_multipart() and message.get_content_maintype() not in ("text", "message"):
        parts = [message]  # a message that is nothing but one file
    for number, part in enumerate(parts, start=1):
        mime_type = part.get_content_type()
        if part.is_multipart() or mime_type == "message/rfc822":
            content = _attached_message(part)
            mime_type = "message/rfc822"
        else:
            payload = part.get_payload(decode=True)
            content = payload if isinstance(payload, bytes) else b""
        try:
            raw_name = part.get_filename()
        except Exception:
            raw_name = None
        filename = _unique(_safe_name(raw_name, number, mime_type), taken)
        children.append(Attachment(filename=filename, content=content, mime_type=mime_type))
    return tuple(children)


def headers_metadata(message: EmailMessage) -> Metadata:
    """From, To, Cc, Date, Subject, Message-ID and the like, as metadata."""
    metadata: Metadata = {}
    for name in _SINGLE:
        if (value := header(message, name)) is not None:
            metadata[name.lower()] = value
    for name in _LISTS:
        if values := _addresses(message, name):
            metadata[name.lower()] = values
    return metadata


class EmailParser(Parser):
    """Single email messages (.eml)."""

    extensions = (".eml",)
    mime_type = "message/rfc822"

    def parse(self, content: bytes, filename: str) -> ParsedDocument:
        try:
            return self._parse(read_message(content), filename)
        except IngestError:
            raise
        except Exception:  # retry with the lenient parser below
            log.debug("%s: modern email parsing failed", filename, exc_info=True)
        try:
            return self._parse(read_message(content, legacy=True), filename)
        except IngestError:
            raise
        except Exception as exc:  # malformed MIME structure
            reason = f"{type(exc).__name__}: {exc}"[:200]
            raise IngestError(
                f"{filename} is an email whose MIME structure could not be read ({reason})"
            ) from exc

    def _parse(self, message: EmailMessage, filename: str) -> ParsedDocument:
        if not any(name in message for name in _EXPECTED):
            raise IngestError(
                f"{filename} does not look like an email: it has none of the usual headers "
                "(From, To, Subject, Date); check that it is a saved .eml message"
            )
        body = _body(message)
        children = _attachments(message)
        metadata = headers_metadata(message)
        published = None
        date = metadata.get("date")
        if isinstance(date, str):
            try:
                published = email.utils.parsedate_to_datetime(date).date()
            except (TypeError, ValueError, IndexError):
                published = None
        subject = metadata.get("subject")
        return ParsedDocument(
            text=body,
            title=subject if isinstance(subject, str) else None,
            mime_type=self.mime_type,
            metadata=metadata,
            language_hint=header(message, "Content-Language"),
            published=published,
            children=children,
        )
