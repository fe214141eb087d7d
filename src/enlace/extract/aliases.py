"""Alias constructions in English and Spanish.

Finds, with offsets:

* ``X, alias Y`` / ``X alias "Y"`` / ``X (a) Y`` / ``X a.k.a. Y`` / ``X, also known as Y``
  / ``X, nicknamed "Y"`` / ``X, conocido como Y`` / ``X, apodado "Y"`` /
  ``X (alias Y)`` — a person's nickname (``kind="nickname"``);
* ``Ismael "El Mayo" Zambada García`` — a nickname inside a name: the whole span is a
  mention, the name is the span without the nickname (``kind="embedded"``);
* ``Cártel Jalisco Nueva Generación (CJNG)`` — an acronym in brackets right after a
  name (``kind="acronym"``; the owner is whatever entity ends right before it);
* ``"El Mencho"`` / «El Mayo» / “El Chapo” — a quoted nickname on its own
  (``kind="quoted"``: a person mention with no owner yet).

Nicknames are given without their quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AliasLink", "find_aliases"]

_UP = "A-ZÁÉÍÓÚÑÜ"
_LOW = "a-záéíóúñüà-ÿ"
_TOK = rf"(?:[{_UP}][{_LOW}’'-]+(?:-[{_UP}][{_LOW}]+)?|[{_UP}]\.)"
_CONN = r"(?:(?:de|del|de\s+la|de\s+las|de\s+los|y)\s+)"
NAME = rf"{_TOK}(?:\s+{_CONN}?{_TOK}){{0,5}}"
_QOPEN = "\"“«‘'"
_QCLOSE = "\"”»’'"
QUOTED = rf"[{_QOPEN}](?P<q>[^{_QCLOSE}\n]{{2,40}}?)[{_QCLOSE}]"
_ART = r"(?:El|La|Los|Las|Don|Doña|Tío|Tía|Lord|The|Big|Comandante)"
NICK = rf"(?P<n>(?:{_ART}\s+)?[{_UP}0-9][\w’'-]*(?:\s+[{_UP}0-9][\w’'-]*){{0,2}})"
_CUE = (
    r"(?:alias|a\.k\.a\.|aka|also\s+known\s+as|better\s+known\s+as|known\s+as|nicknamed|dubbed"
    r"|mejor\s+conocid[oa]\s+como|conocid[oa]\s+como|apodad[oa]|(?:cuyo\s+)?apodo\s+es"
    r"|alias\s+de|que\s+se\s+hace\s+llamar|also\s+called|(?:better\s+)?known\s+locally\s+as"
    r"|apodad[oa]\s+como|llamad[oa]|tambi[eé]n\s+llamad[oa]|\(a\))"
)

_POST = re.compile(
    rf"(?P<main>{NAME})(?P<cue>\s*,?\s*(?i:{_CUE})\s*:?\s*(?i:(?:el|la)\s+(?=[{_QOPEN}]))?)"
    rf"(?:{QUOTED}|{NICK})"
)
_COMMA_QUOTED = re.compile(
    rf"(?P<main>{NAME})\s*,\s*{QUOTED}(?=\s*[,.;)]|\s+(?:y|and|who|quien|que|fue|was|is|es|se|l[ií]der|leader|jefe|head)\b)"
)
_PAREN = re.compile(
    rf"(?P<main>{NAME})\s*\(\s*(?:(?i:alias|a\.k\.a\.|aka|a)\s+)?(?:{QUOTED}|{NICK})\s*\)"
)
_EMBED = re.compile(
    rf"(?P<first>{_TOK}(?:\s+{_TOK}){{0,2}})\s+{QUOTED}\s+(?P<last>{_TOK}(?:\s+{_CONN}?{_TOK}){{0,3}})"
)
_ACRONYM = re.compile(r"\s*\(\s*(?P<a>[A-Z][A-Za-z0-9&.-]{1,11})\s*\)")
_ACRONYM_ONLY = re.compile(r"[A-Z0-9&.-]+")
_QUOTED_NICK = re.compile(
    rf"[{_QOPEN}](?P<q>{_ART}\s+[{_UP}][\w’'-]+(?:\s+[{_UP}][\w’'-]+)?)[{_QCLOSE}]"
)


@dataclass(frozen=True)
class AliasLink:
    """An alias construction; ``main_start == -1`` when the owner is to be found."""

    kind: str  # "nickname", "embedded", "acronym" or "quoted"
    main_start: int
    main_end: int
    alias_start: int
    alias_end: int
    name: str | None = None  # for "embedded": the name without the nickname


def _nick_span(m: re.Match[str]) -> tuple[int, int]:
    g = "q" if m.group("q") is not None else "n"
    return m.start(g), m.end(g)


def find_aliases(text: str) -> list[AliasLink]:
    """All alias constructions in ``text``."""
    out: list[AliasLink] = []
    taken: list[tuple[int, int]] = []
    for m in _EMBED.finditer(text):
        q = m.group("q").strip()
        if not q or not q[0].isupper() or len(q.split()) > 4:
            continue
        name = f"{m.group('first')} {m.group('last')}"
        out.append(AliasLink("embedded", m.start(), m.end(), m.start("q"), m.end("q"), name))
        taken.append((m.start(), m.end()))
    for rx in (_POST, _PAREN, _COMMA_QUOTED):
        for m in rx.finditer(text):
            a0, a1 = _nick_span(m)
            if any(s <= a0 < e for s, e in taken):
                continue
            alias = text[a0:a1].strip()
            if not alias or not alias[0].isupper():
                continue
            if rx is _COMMA_QUOTED and len(alias.split()) > 4:
                continue
            if (
                rx is _PAREN
                and m.group("q") is None
                and _ACRONYM_ONLY.fullmatch(alias)
                and not re.search(r"\((?i:\s*(?:alias|a\.k\.a\.|aka|a)\s)", m.group())
            ):
                continue
            out.append(AliasLink("nickname", m.start("main"), m.end("main"), a0, a1))
            taken.append((m.start(), m.end()))
    for m in _ACRONYM.finditer(text):
        acr = m.group("a")
        if sum(c.isupper() for c in acr) < 2:
            continue
        if any(s <= m.start("a") < e for s, e in taken):
            continue
        out.append(AliasLink("acronym", -1, m.start(), m.start("a"), m.end("a")))
    for m in _QUOTED_NICK.finditer(text):
        if any(s <= m.start("q") < e for s, e in taken):
            continue
        out.append(AliasLink("quoted", -1, -1, m.start("q"), m.end("q")))
    return out
