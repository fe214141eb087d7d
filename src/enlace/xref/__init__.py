"""Cross-referencing: does another agency already hold something on these entities?

Matching sees the whole store (it is a system process), but what a person learns is scoped:
matches in material they may see come in full, matches in material they may not see reveal
only that a record exists and which agency owns it (see :mod:`enlace.xref.discovery`).
"""

from __future__ import annotations

from enlace.xref.record import Record, record_from_entity, record_from_ftm
from enlace.xref.scoring import score_pair

__all__ = ["Record", "record_from_entity", "record_from_ftm", "score_pair"]
