"""Read events: what a View hands to whoever watches reads (the audit log does).

A View reports each read after it happened: which person, what kind of read, which entities
and which source documents the answer drew on. Observers are plain callables registered on
the Store; they must not raise for ordinary reads. When the read's own connection is still
open, the event carries it (``conn``), so that an observer may write through it instead of
checking out another; the View closes it afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from enlace.sharing.policy import Principal


@dataclass(frozen=True)
class ReadEvent:
    """One read by one person."""

    principal: Principal
    action: str  # e.g. "entity", "entities", "document", "documents", "search", "profile"
    at: datetime
    entity_ids: tuple[str, ...] = ()
    document_ids: tuple[str, ...] = ()
    detail: dict[str, Any] = field(default_factory=dict)
    conn: Connection | None = field(default=None, compare=False, repr=False)


ReadObserver = Callable[[ReadEvent], None]
