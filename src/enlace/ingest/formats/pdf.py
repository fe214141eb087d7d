"""PDF files: the text layer of each page by pypdf, and the document information.

Pages are joined with a form feed (\\f), so `text.split("\\f")` gives one string per page,
empty pages included. A PDF encrypted with an empty user password is decrypted; any other
password is refused. AES encryption also needs the `cryptography` package, which enlace
does not install. A PDF without a text layer (a scan) is refused as needing OCR, which
enlace does not do. pypdf reports damage through many exception types and through Python
warnings: every one becomes an `IngestError`, and no warning leaves this module (pypdf's
own log messages still go to the `pypdf` logger). `published` is the creation date of the
document information, the only date a PDF usually carries.
"""

from __future__ import annotations

import datetime
import io
import logging
import warnings
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError

from enlace.exceptions import IngestError
from enlace.ingest.formats.base import Metadata, ParsedDocument, Parser
from enlace.ingest.formats.text import clean_text

log = logging.getLogger(__name__)
# pypdf logs every repair it makes to a damaged file; the IngestError we raise says enough.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_INFO_FIELDS = ("title", "author", "subject", "creator", "producer", "keywords")
PAGE_BREAK = "\f"


def _info(reader: PdfReader) -> tuple[Metadata, datetime.date | None]:
    """Document information fields, each read on its own so one bad field costs only itself."""
    metadata: Metadata = {}
    try:
        info = reader.metadata
    except Exception:  # damaged info dictionary: keep the text anyway
        log.debug("unreadable PDF document information", exc_info=True)
        return metadata, None
    if info is None:
        return metadata, None
    for name in _INFO_FIELDS:
        try:
            value = info.get(f"/{name.capitalize()}")
        except Exception:
            continue
        if value is not None and (text := clean_text(str(value))):
            metadata[name] = text
    published = None
    for name, attribute in (("created", "creation_date"), ("modified", "modification_date")):
        try:
            moment = getattr(info, attribute)
        except Exception:  # malformed date string
            continue
        if isinstance(moment, datetime.datetime):
            metadata[name] = moment.isoformat()
            if name == "created":
                published = moment.date()
    return metadata, published


def _language(reader: PdfReader) -> str | None:
    try:
        value: Any = reader.root_object.get("/Lang")
    except Exception:
        return None
    return str(value).strip() or None if value is not None else None


class PdfParser(Parser):
    """PDF documents (.pdf) with a text layer."""

    extensions = (".pdf",)
    mime_type = "application/pdf"

    def parse(self, content: bytes, filename: str) -> ParsedDocument:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return self._parse(content, filename)
            except IngestError:
                raise
            except Exception as exc:  # pypdf raises many kinds on damage
                reason = f"{type(exc).__name__}: {exc}"[:200]
                raise IngestError(
                    f"{filename} is a damaged or unsupported PDF ({reason}); if it opens in "
                    "a PDF viewer, print it to a new PDF and ingest that"
                ) from exc

    def _parse(self, content: bytes, filename: str) -> ParsedDocument:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            self._decrypt(reader, filename)
        pages: list[str] = []
        unreadable = 0
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(clean_text(page.extract_text()))
            except Exception:  # keep the other pages
                log.debug("%s: page %d has no readable text", filename, number, exc_info=True)
                pages.append("")
                unreadable += 1
        if not pages:
            raise IngestError(f"{filename} is a PDF without any page; there is nothing to ingest")
        if unreadable == len(pages):
            raise IngestError(
                f"{filename} is a damaged PDF: none of its {len(pages)} pages could be read; "
                "if it opens in a PDF viewer, print it to a new PDF and ingest that"
            )
        if not any(pages):
            raise IngestError(
                f"{filename} has no text layer, so it is probably a scan and needs OCR, which "
                "enlace does not do; run it through OCR (for example ocrmypdf) and ingest "
                "the result"
            )
        metadata, published = _info(reader)
        metadata["pages"] = str(len(pages))
        if unreadable:
            metadata["unreadable_pages"] = str(unreadable)
        title = metadata.get("title")
        return ParsedDocument(
            text=PAGE_BREAK.join(pages),
            title=title if isinstance(title, str) else None,
            mime_type=self.mime_type,
            metadata=metadata,
            language_hint=_language(reader),
            published=published,
        )

    @staticmethod
    def _decrypt(reader: PdfReader, filename: str) -> None:
        try:
            decrypted = reader.decrypt("")
        except DependencyError as exc:
            raise IngestError(
                f"{filename} is encrypted with AES, which needs the 'cryptography' package "
                "that enlace does not install; decrypt it first (for example with "
                "qpdf --decrypt) and ingest the result"
            ) from exc
        if not decrypted:
            raise IngestError(
                f"{filename} is protected by a password; remove the password (for example "
                "with qpdf --decrypt --password=...) and ingest the result"
            )
