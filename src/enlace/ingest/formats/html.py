"""Web pages (.html, .htm): main text by trafilatura, title and date from its metadata.

The page is decoded (byte-order mark, then a declared `<meta charset>`, then the text
decoder), parsed once with lxml without network access, comments or processing
instructions, and metadata are read. Then everything that can hold code or hidden markup
(script, style, iframe, object, template, svg and the like) is cut out of the tree before
any text is taken from it, so script code never reaches the text whatever the extractor
does. trafilatura extracts the main text (comments off, tables on, and favor_recall when
the first pass finds nothing). When it still finds nothing, or when the page is over 4
million characters (trafilatura's time grows faster than the page: 18 MB took a minute),
the text of the cleaned tree is taken block by block, and for such large pages metadata
are read from the <head> only. libxml2 stops at 256 levels of
nesting and drops the rest of the page; for such pages the text is taken instead by the
stdlib's streaming `html.parser`, which has no depth limit and skips the same elements.
"""

from __future__ import annotations

import codecs
import copy
import datetime
import html.parser
import logging
import re
import warnings
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
import trafilatura

from enlace.exceptions import IngestError
from enlace.ingest.formats.base import Metadata, ParsedDocument, Parser
from enlace.ingest.formats.text import clean_text, decode_text

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # lxml refuses these
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_UNSAFE = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "canvas", "link", "base", "meta", "head", "noembed",
    "noframes",
)  # fmt: skip
_VOID = frozenset(("link", "base", "meta", "embed", "frame"))
# For the streaming reader: elements whose content is skipped. <head> is not among them,
# because its end tag may be omitted; the scripts and styles inside it are skipped anyway.
_SKIPPED_CONTENT = frozenset(_UNSAFE) - _VOID - {"head"}
_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "article", "section", "header", "footer", "blockquote", "pre", "dd", "dt", "hr",
    "title", "td", "th", "address", "figcaption", "main", "aside", "nav",
)  # fmt: skip
MAX_MAIN_TEXT_CHARS = 4_000_000  # larger pages skip trafilatura's main-text extraction
_METADATA_FIELDS = ("title", "author", "url", "hostname", "sitename", "description", "date")


@dataclass(frozen=True)
class HtmlContent:
    """What we take from one HTML page or email body."""

    text: str
    title: str | None = None
    metadata: Metadata = field(default_factory=dict)
    language: str | None = None
    published: datetime.date | None = None


def decode_html(content: bytes, filename: str) -> str:
    """Decode HTML bytes, honouring a BOM, then a `<meta charset>`, then guessing."""
    declared = _META_CHARSET.search(content[:4096])
    if declared and not content.startswith(_BOMS):
        name = declared.group(1).decode("ascii").lower()
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            encoding = ""
        # As browsers do: Latin-1 means Windows-1252, a UTF-16 label on bytes we are reading
        # as ASCII cannot be right, and UTF-7 is not honoured at all.
        if encoding in ("latin-1", "iso8859-1", "ascii"):
            encoding = "cp1252"
        if encoding and not encoding.startswith(("utf-16", "utf-32", "utf-7")):
            try:
                return content.decode(encoding, errors="replace")
            except LookupError:  # a codec that is not a text encoding, such as "hex"
                pass
    return decode_text(content, filename)


def _parse_tree(markup: str, filename: str) -> tuple[lxml.html.HtmlElement, bool]:
    """The lxml tree, and whether libxml2 gave up on part of the page (too deeply nested)."""
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    markup = _NOT_XML.sub("", _XML_DECLARATION.sub("", markup, count=1))
    try:
        tree = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise IngestError(f"{filename} could not be read as HTML ({exc})") from exc
    if tree is None:
        raise IngestError(f"{filename} could not be read as HTML (it is empty)")
    limit = lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT
    return tree, any(error.type == limit for error in parser.error_log)


def _head_only(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of the page reduced to its <head>, where the metadata of a large page live."""
    small = lxml.html.document_fromstring("<html><head></head><body><p></p></body></html>")
    head = tree.find("head")
    if head is not None:
        small.replace(small[0], copy.deepcopy(head))
    return small


def _metadata(tree: lxml.html.HtmlElement, large: bool) -> tuple[Metadata, datetime.date | None]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            source = _head_only(tree) if large else copy.deepcopy(tree)
            found = trafilatura.extract_metadata(source)
    except Exception:  # a metadata failure must not lose the text
        log.debug("trafilatura could not read metadata", exc_info=True)
        return {}, None
    metadata: Metadata = {}
    for name in _METADATA_FIELDS:
        value = getattr(found, name, None)
        if isinstance(value, str) and value.strip():
            metadata[name] = clean_text(value)
    for name in ("categories", "tags"):
        values = getattr(found, name, None)
        if isinstance(values, list) and values:
            metadata[name] = [clean_text(str(value)) for value in values]
    published = None
    date = metadata.get("date")
    if isinstance(date, str):
        try:
            published = datetime.date.fromisoformat(date[:10])
        except ValueError:
            published = None
    return metadata, published


def _strip_unsafe(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """Cut out every element that holds code or invisible markup, keeping the tails.

    Attributes (event handlers, javascript: URLs) stay: no attribute ever reaches the text.
    """
    lxml.etree.strip_elements(tree, *_UNSAFE, with_tail=False)
    return tree


def _trafilatura_text(tree: lxml.html.HtmlElement) -> str:
    for favor_recall in (False, True):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                text = trafilatura.extract(
                    copy.deepcopy(tree),
                    include_comments=False,
                    include_tables=True,
                    favor_recall=favor_recall,
                    with_metadata=False,
                )
        except Exception:  # fall back to our own extraction
            log.debug("trafilatura failed", exc_info=True)
            return ""
        if text and text.strip():
            return text
    return ""


def _plain_text(tree: lxml.html.HtmlElement) -> str:
    """Text of the (already cleaned) tree, one line per block element."""
    body = tree.find("body")
    root = body if body is not None else tree
    parts: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        block = element.tag in _BLOCKS
        if event == "start":
            parts.append("\n" if block else "")
            parts.append(element.text or "" if isinstance(element.tag, str) else "")
        else:
            parts.append("\n" if block else "")
            parts.append(element.tail or "" if element is not root else "")
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


class _StreamText(html.parser.HTMLParser):
    """Text of a page read as a stream of tags, for pages too deep for a tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open_unsafe: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_CONTENT:
            self.open_unsafe[tag] = self.open_unsafe.get(tag, 0) + 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.open_unsafe.get(tag):
            self.open_unsafe[tag] -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not any(self.open_unsafe.values()):
            self.parts.append(data)


def _stream_text(markup: str) -> str:
    reader = _StreamText()
    reader.feed(markup)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).splitlines())
    return "\n".join(line for line in lines if line)


def extract_html(markup: str, filename: str) -> HtmlContent:
    """Text, title, metadata, language and date of an already decoded HTML page."""
    tree, too_deep = _parse_tree(markup, filename)
    language = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    large = len(markup) > MAX_MAIN_TEXT_CHARS
    metadata, published = _metadata(tree, large)
    tree = _strip_unsafe(tree)
    if too_deep:
        text = _stream_text(markup)
    elif large:
        text = _plain_text(tree)
    else:
        text = _trafilatura_text(tree) or _plain_text(tree)
    title = metadata.get("title")
    return HtmlContent(
        text=clean_text(text),
        title=title if isinstance(title, str) else None,
        metadata=metadata,
        language=language.strip() or None if language else None,
        published=published,
    )


class HtmlParser(Parser):
    """HTML pages (.html, .htm, and .xhtml read as HTML)."""

    extensions = (".html", ".htm", ".xhtml")
    mime_type = "text/html"

    def parse(self, content: bytes, filename: str) -> ParsedDocument:
        page = extract_html(decode_html(content, filename), filename)
        if not page.text:
            raise IngestError(
                f"{filename} has no readable text: it may be only scripts or images; "
                "save the page as rendered in a browser, or as PDF, and ingest that"
            )
        return ParsedDocument(
            text=page.text,
            title=page.title,
            mime_type=self.mime_type,
            metadata=page.metadata,
            language_hint=page.language,
            published=page.published,
        )
