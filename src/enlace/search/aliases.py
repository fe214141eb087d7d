"""Alias expansion: a name in a query also finds the other names of the same thing.

Two sources: the gazetteer (criminal groups' names and aliases, agencies' names and
acronyms) and the ``name``/``alias`` statements of entities the reader may see. A quoted
phrase, or a run of plain words in the query, whose folded form equals a known name is
replaced by ``(the words OR "other name" OR ...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from enlace.extract.gazetteer import get_gazetteer
from enlace.extract.text import fold
from enlace.search.query import And, Node, Not, Or, Phrase, Term, words

MAX_NAMES = 24

#: Given the folded words of a span, other names of the same thing (or nothing).
Lookup = Callable[[tuple[str, ...]], list[str]]


def key(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(fold(t) for t in tokens)


@lru_cache(maxsize=1)
def gazetteer_names() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Folded name -> every name of its group or agency (strong names only)."""
    gazetteer = get_gazetteer()
    families: list[tuple[str, ...]] = [(g.name, *g.aliases) for g in gazetteer.groups.values()]
    families += [(a.name, *a.names, *a.acronyms) for a in gazetteer.agencies.values()]
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for family in families:
        for name in family:
            table.setdefault(key(words(name)), tuple(family))
    return table


def gazetteer_lookup(tokens: tuple[str, ...]) -> list[str]:
    return list(gazetteer_names().get(tokens, ()))


def _node(tokens: list[str]) -> Node:
    return Term(tokens[0]) if len(tokens) == 1 else Phrase(tuple(tokens))


def _alternatives(original: Node, tokens: tuple[str, ...], names: list[str]) -> Node:
    seen = {tokens}
    parts = [original]
    for name in names:
        found = words(name)
        if found and key(found) not in seen and len(parts) <= MAX_NAMES:
            seen.add(key(found))
            parts.append(_node(found))
    return original if len(parts) == 1 else Or(tuple(parts))


def _expand_run(run: list[Term], lookups: list[Lookup], whole: bool) -> list[Node]:
    out: list[Node] = []
    i = 0
    while i < len(run):
        for j in range(len(run), i, -1):
            span = key(t.text for t in run[i:j])
            use = lookups if (whole and i == 0 and j == len(run)) else lookups[:1]
            names = [n for lookup in use for n in lookup(span)]
            if names:
                original: Node = run[i] if j == i + 1 else And(tuple(run[i:j]))
                out.append(_alternatives(original, span, names))
                i = j
                break
        else:
            out.append(run[i])
            i += 1
    return out


def expand(tree: Node, lookups: list[Lookup]) -> Node:
    """``tree`` with known names widened to their aliases.

    The first lookup (the gazetteer) is tried on every span of plain words; the others
    (database queries) only on whole phrases and whole runs, to keep queries few."""
    if isinstance(tree, Phrase):
        names = [n for lookup in lookups for n in lookup(key(tree.words))]
        return _alternatives(tree, key(tree.words), names)
    if isinstance(tree, Term):
        return _expand_run([tree], lookups, True)[0]
    if isinstance(tree, Or):
        return Or(tuple(expand(p, lookups) for p in tree.parts))
    if isinstance(tree, Not):
        return Not(expand(tree.part, lookups))
    if isinstance(tree, And):
        parts: list[Node] = []
        run: list[Term] = []
        plain = all(isinstance(p, Term) for p in tree.parts)
        for part in [*tree.parts, None]:
            if isinstance(part, Term):
                run.append(part)
                continue
            if run:
                parts.extend(_expand_run(run, lookups, plain))
                run = []
            if part is not None:
                parts.append(expand(part, lookups))
        return parts[0] if len(parts) == 1 else And(tuple(parts))
    return tree
