"""Per-recipient watermarks: every copy of a text is worded a little differently.

Two layers, both keyed with the instance secret, the dissemination and the recipient:

1. at every :class:`~enlace.sharing.variation.Choice` point the copy takes one of the
   equivalent forms (synonym, number or date format, list order, serial comma), so the
   wording itself says who received the copy and survives retyping and excerpts;
2. after each sentence an invisible tag (zero-width characters encoding 24 bits), which
   names the recipient outright when a leaker forgets to strip it.

:func:`enlace.sharing.trace.trace` reads them back.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from enlace.sharing.variation import Choice, language, segment

ZERO, ONE, MARK = "\u200b", "\u200c", "\u2060"  # zero-width space, non-joiner, word joiner
TAG_BITS = 24
TAG_RE = re.compile(f"{MARK}([{ZERO}{ONE}]{{{TAG_BITS}}}){MARK}")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])(?=\s+\S)")


def _number(secret: bytes, *parts: str) -> int:
    digest = hmac.new(secret, "\x1f".join(parts).encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big")


def pick(secret: bytes, dissemination: str, recipient: str, index: int, choice: Choice) -> int:
    """Which form of choice ``index`` the recipient's copy takes."""
    return _number(secret, "wm", dissemination, recipient, str(index)) % len(choice.forms)


def tag(secret: bytes, dissemination: str, recipient: str) -> int:
    """The recipient's invisible tag for this dissemination."""
    return _number(secret, "zw", dissemination, recipient) % (1 << TAG_BITS)


def encode_tag(value: int) -> str:
    bits = format(value, f"0{TAG_BITS}b")
    return MARK + "".join(ONE if b == "1" else ZERO for b in bits) + MARK


def decode_tags(text: str) -> set[int]:
    """Every invisible tag in ``text``."""
    return {int(m.group(1).replace(ZERO, "0").replace(ONE, "1"), 2)
            for m in TAG_RE.finditer(text)}


def render(text: str, secret: bytes, dissemination: str, recipient: str,
           lang: str | None = None, invisible: bool = True) -> str:
    """The recipient's copy of ``text``."""
    parts: list[str] = []
    index = 0
    for piece in segment(text, language(text, lang)):
        if isinstance(piece, Choice):
            parts.append(piece.forms[pick(secret, dissemination, recipient, index, piece)])
            index += 1
        else:
            parts.append(piece)
    copy = "".join(parts)
    if not invisible:
        return copy
    mark = encode_tag(tag(secret, dissemination, recipient))
    return mark + SENTENCE_END_RE.sub(mark, copy)
