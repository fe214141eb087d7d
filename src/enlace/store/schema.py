"""Every table of every area on one MetaData: what migrations and their tests compare with.

The store's own tables live in ``enlace.store.tables``; each other area that needs tables
keeps them in its own ``enlace.<area>.tables`` module on the same ``metadata``. This module
imports them all, so Alembic sees the whole schema.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

import enlace
from enlace.store.tables import metadata

for _area in pkgutil.iter_modules(enlace.__path__):
    if _area.ispkg and importlib.util.find_spec(f"enlace.{_area.name}.tables") is not None:
        importlib.import_module(f"enlace.{_area.name}.tables")



def include_name(name: str | None, type_: str, parents: object) -> bool:
    """What Alembic compares: everything but the backend-specific full-text structures
    (FTS5 tables and their shadow tables, tsvector columns, GIN indexes), all named fts_*,
    which migration 0003 makes with raw SQL."""
    return not (name or "").startswith("fts_")


__all__ = ["include_name", "metadata"]
