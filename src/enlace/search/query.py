"""The search query language, parsed into a small tree of our own.

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*          terms side by side mean AND
    unary   := "NOT" unary | "-" primary | primary
    primary := "(" or ")" | '"a phrase"' | word | word*

Operators are upper case (``and``/``or`` in lower case are words). A word is cut into
letter-and-digit tokens the way the index cuts text, so ``narco-túnel`` is the phrase
``narco túnel``; punctuation alone is dropped. Bad syntax raises :class:`InvalidData`
with a message that says what to change. The tree compiles to FTS5 and to ``to_tsquery``
in :mod:`enlace.search.compile`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from enlace.exceptions import InvalidData

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
MIN_PREFIX = 2

#: Letters and digits: what both indexes treat as a word (underscore separates).
WORD_RE = re.compile(r"[^\W_]+")
_LEXER = re.compile(r'\s+|(?P<open>\()|(?P<close>\))|(?P<quote>"[^"]*"?)|(?P<word>[^\s()"]+)')


@dataclass(frozen=True)
class Term:
    """One token, matched exactly (after case and accent folding)."""

    text: str


@dataclass(frozen=True)
class Prefix:
    """Tokens starting with ``text`` (``extor*``)."""

    text: str


@dataclass(frozen=True)
class Phrase:
    """Tokens next to each other, in order."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Term | Prefix | Phrase | And | Or | Not


def words(text: str) -> list[str]:
    """The index tokens of ``text``."""
    return WORD_RE.findall(text)


def _leaf(raw: str) -> Node | None:
    star = raw.endswith("*")
    tokens = words(raw)
    if star and raw.strip("*") == "":
        raise InvalidData("'*' needs a beginning of a word before it, e.g. extor*")
    if not tokens:
        return None
    if star:
        if len(tokens[-1]) < MIN_PREFIX:
            raise InvalidData(f"a prefix needs at least {MIN_PREFIX} letters before '*' "
                              f"({raw!r})")
        if len(tokens) > 1:
            return And((Phrase(tuple(tokens[:-1])), Prefix(tokens[-1])))
        return Prefix(tokens[0])
    return Term(tokens[0]) if len(tokens) == 1 else Phrase(tuple(tokens))


def _lex(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for match in _LEXER.finditer(text):
        kind = match.lastgroup
        value = match.group()
        if kind is None:
            continue
        if kind == "quote":
            if len(value) < 2 or not value.endswith('"'):
                raise InvalidData('a phrase is missing its closing quote (")')
            out.append(("phrase", value[1:-1]))
        elif kind == "word" and value in ("AND", "OR", "NOT"):
            out.append((value, value))
        elif kind == "word" and value.startswith("-") and len(value) > 1:
            out.append(("NOT", "-"))
            out.append(("word", value[1:]))
        else:
            out.append((kind, value))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse_or(self) -> Node | None:
        parts = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.parse_and())
        kept = [p for p in parts if p is not None]
        if len(parts) > 1 and len(kept) < len(parts):
            raise InvalidData("OR needs something to search on each side")
        return kept[0] if len(kept) == 1 else (Or(tuple(kept)) if kept else None)

    def parse_and(self) -> Node | None:
        parts: list[Node] = []
        while self.peek() not in (None, "OR", "close"):
            if self.peek() == "AND":
                self.take()
                if not parts or self.peek() in (None, "OR", "close", "AND"):
                    raise InvalidData("AND needs something to search on each side")
                continue
            part = self.parse_unary()
            if part is not None:
                parts.append(part)
        if not parts:
            if self.peek() == "OR" or (self.pos > 0 and self.tokens[self.pos - 1][0] == "OR"):
                raise InvalidData("OR needs something to search on each side")
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_unary(self) -> Node | None:
        if self.peek() == "NOT":
            self.take()
            if self.peek() in (None, "OR", "AND", "close"):
                raise InvalidData("NOT (or '-') needs something after it to exclude")
            inner = self.parse_unary()
            return None if inner is None else Not(inner)
        return self.parse_primary()

    def parse_primary(self) -> Node | None:
        kind, value = self.take()
        if kind == "open":
            inner = self.parse_or()
            if self.peek() != "close":
                raise InvalidData("a '(' has no matching ')'")
            self.take()
            return inner
        if kind == "close":
            raise InvalidData("a ')' has no matching '('")
        if kind == "phrase":
            tokens = words(value)
            if not tokens:
                return None
            return Term(tokens[0]) if len(tokens) == 1 else Phrase(tuple(tokens))
        return _leaf(value)


def _count(node: Node) -> int:
    if isinstance(node, (Term, Prefix)):
        return 1
    if isinstance(node, Phrase):
        return len(node.words)
    if isinstance(node, Not):
        return _count(node.part)
    return sum(_count(p) for p in node.parts)


def is_positive(node: Node) -> bool:
    """Whether ``node`` can match on its own (not only exclude)."""
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(is_positive(p) for p in node.parts)
    if isinstance(node, Or):
        return all(is_positive(p) for p in node.parts)
    return True


def _check(node: Node) -> None:
    if isinstance(node, Not):
        _check(node.part)
        if not is_positive(node.part):
            raise InvalidData("NOT of a NOT cannot be searched; say what you want instead")
    elif isinstance(node, (And, Or)):
        for part in node.parts:
            _check(part)
        if isinstance(node, Or) and not is_positive(node):
            raise InvalidData("each side of OR must match something on its own: put NOT "
                              "(or '-') next to a term it excludes from, e.g. a -b")
        if isinstance(node, And) and not is_positive(node):
            raise InvalidData("a query cannot only exclude: add a term to search for")


def parse(text: str) -> Node:
    """Parse a query; raise InvalidData when it is empty, too long or malformed."""
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidData(f"the query is too long ({len(text)} characters; at most "
                          f"{MAX_QUERY_CHARS})")
    parser = _Parser(_lex(text))
    tree = parser.parse_or()
    if parser.peek() is not None:
        raise InvalidData("a ')' has no matching '('")
    if tree is None:
        raise InvalidData("nothing to search for: give at least one word")
    if _count(tree) > MAX_TERMS:
        raise InvalidData(f"the query has too many words (at most {MAX_TERMS})")
    _check(tree)
    if not is_positive(tree):
        raise InvalidData("a query cannot only exclude: add a term to search for")
    return tree
