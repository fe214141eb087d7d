"""FtM prefix dates (``2023``, ``2023-05``, ``2023-05-14``): precision, order, comparison.

A date's precision is its length: four characters are a year, seven a month, ten or
more a day. Prefix dates sort as text, a year before its months.
"""

from __future__ import annotations

from collections.abc import Iterable

PRECISION = {4: "year", 7: "month", 10: "day"}


def precision(value: str | None) -> str | None:
    """"year", "month" or "day" (a time of day counts as day), None when undated."""
    if not value:
        return None
    return "day" if len(value) >= 10 else PRECISION.get(len(value))


def sort_key(value: str | None) -> tuple[int, str]:
    """Dated things first, in date order; undated ones last."""
    return (0, value) if value else (1, "")


def earliest(values: Iterable[str]) -> str | None:
    found = sorted(v for v in values if v)
    return found[0] if found else None


def compare(first: str, second: str) -> str:
    """"before", "same period" or "after", at the coarser of the two precisions."""
    size = min(len(first), len(second), 10)
    a, b = first[:size], second[:size]
    if a < b:
        return "before"
    return "same period" if a == b else "after"
