"""Compiling a parsed query to FTS5 match syntax and to PostgreSQL ``to_tsquery`` text.

Both compilers only ever write tokens the parser produced (letters and digits), each one
quoted, so no input reaches the engines' own syntax. FTS5 has no unary NOT: an AND's
exclusions are written after its positive part as ``a NOT b``; the parser has already
refused queries that only exclude.
"""

from __future__ import annotations

from enlace.search.query import And, Node, Not, Or, Phrase, Prefix, Term, is_positive


def to_fts5(node: Node) -> str:
    """FTS5 MATCH text for ``node``."""
    if isinstance(node, Term):
        return f'"{node.text}"'
    if isinstance(node, Prefix):
        return f'"{node.text}"*'
    if isinstance(node, Phrase):
        return '"' + " ".join(node.words) + '"'
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(p) for p in node.parts) + ")"
    if isinstance(node, And):
        positive = [p for p in node.parts if is_positive(p)]
        negative = [p.part for p in node.parts if isinstance(p, Not)]
        out = "(" + " AND ".join(to_fts5(p) for p in positive) + ")"
        for part in negative:
            out = f"({out} NOT {to_fts5(part)})"
        return out
    raise ValueError(f"a NOT cannot stand alone here: {node!r}")


def _lexeme(word: str) -> str:
    return "'" + word.replace("'", "''") + "'"


def to_tsquery(node: Node) -> str:
    """``to_tsquery`` text for ``node`` (the ``enlace_search`` configuration folds it)."""
    if isinstance(node, Term):
        return _lexeme(node.text)
    if isinstance(node, Prefix):
        return _lexeme(node.text) + ":*"
    if isinstance(node, Phrase):
        return "(" + " <-> ".join(_lexeme(w) for w in node.words) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(to_tsquery(p) for p in node.parts) + ")"
    if isinstance(node, And):
        return "(" + " & ".join(to_tsquery(p) for p in node.parts) + ")"
    return "!" + to_tsquery(node.part)
