"""A check the resource routes share: ids, names and text a database can hold.

PostgreSQL text cannot hold the NUL character, so every string a route passes on to the
store is checked for it (``Annotated[str, Clean]``, also on optional strings and lists of
them), and refused with a 422 that says why, on both backends alike.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import AfterValidator

Value = TypeVar("Value", str, str | None, list[str], list[str] | None)


def no_nul(value: Value) -> Value:
    """``value`` itself, unless it (or one of its items) holds a NUL character."""
    items = [value] if isinstance(value, str) else value or []
    if any("\x00" in item for item in items):
        raise ValueError("text cannot contain the NUL character")
    return value


Clean = AfterValidator(no_nul)
