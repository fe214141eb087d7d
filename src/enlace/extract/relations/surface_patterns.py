"""Compiled surface relation patterns, read from ``data/relation_patterns.yml``.

A pattern relates two entity mentions of one sentence by the accent-folded text between
them (and optionally just before or after them).  ``{macro}`` references expand to the
file's macros; the role words of ``titles.yml`` (leader and member roles) extend them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from enlace.extract.data_files import load_yaml
from enlace.extract.model import RELATION_TYPES

__all__ = ["RelationPattern", "expand_macros", "load_patterns", "macros", "pattern_entries"]

PATTERN_FILE = "relation_patterns.yml"


@dataclass(frozen=True)
class RelationPattern:
    """One compiled relation pattern (``between`` is None for reciprocal list patterns)."""

    name: str
    relation: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    order: str
    between: re.Pattern[str] | None
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None


def pattern_entries(section: str) -> list[Any]:
    """The raw entries of one list section of the pattern file ("patterns", "anaphoric",
    "cooccurrence"); a missing file or section reads as none."""
    return (load_yaml(PATTERN_FILE) or {}).get(section) or []


def _alt(words: tuple[str, ...]) -> str:
    ws = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(ws) + ")" if ws else "(?!)"


def expand_macros(rx: str, table: dict[str, str]) -> str:
    """``rx`` with its ``{name}`` references replaced from ``table`` (nested up to 4 deep)."""
    for _ in range(4):
        new = re.sub(r"\{(\w+)\}", lambda m: table.get(m.group(1), m.group(0)), rx)
        if new == rx:
            break
        rx = new
    return rx


@lru_cache(maxsize=1)
def macros() -> dict[str, str]:
    """The macros of the pattern file, with ``leader`` and ``member`` from ``titles.yml``."""
    from enlace.extract.gazetteer import get_gazetteer

    raw = load_yaml(PATTERN_FILE) or {}
    table = {str(k): str(v) for k, v in (raw.get("macros") or {}).items()}
    titles = get_gazetteer().titles
    table["leader"] = (
        "(?:" + _alt(titles.words("leader")) + "|" + table.get("leader_extra", "(?!)") + ")"
    )
    table["member"] = _alt(titles.words("member"))
    return table


def _compiled(value: object) -> re.Pattern[str] | None:
    return re.compile(expand_macros(str(value), macros())) if value else None


@lru_cache(maxsize=1)
def load_patterns() -> tuple[RelationPattern, ...]:
    """The compiled relation patterns, in file order."""
    out: list[RelationPattern] = []
    for p in pattern_entries("patterns"):
        rel = str(p["relation"])
        if rel not in RELATION_TYPES:
            continue
        out.append(
            RelationPattern(
                name=str(p.get("name", rel)),
                relation=rel,
                source=tuple(p.get("source") or ()),
                target=tuple(p.get("target") or ()),
                order=str(p.get("order", "st")),
                between=_compiled(p.get("between")),
                before=_compiled(p.get("before")),
                after=_compiled(p.get("after")),
            )
        )
    return tuple(out)
