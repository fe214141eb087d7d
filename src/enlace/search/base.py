"""What each database backend supplies to a search: where hits come from and their score."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, Select

from enlace.search.query import Node


@dataclass(frozen=True)
class HitSource:
    """Full-text matches of one kind, ready to join and filter.

    ``rows`` holds the matching rows of ``search_document`` or ``search_name``; ``score``
    grows with relevance (and is only evaluated where a query ranks)."""

    rows: FromClause
    match: ColumnElement[bool]
    score: ColumnElement[Any]


class SearchBackend(ABC):
    """One database's full-text dialect."""

    name: str
    #: Whether correlated access checks need a fence to stay per-row subplans.
    fence_subqueries: bool = False

    @abstractmethod
    def prepare(self, conn: Connection) -> None:
        """Settings for the searches about to run on ``conn`` (until its transaction ends)."""

    @abstractmethod
    def compile(self, tree: Node) -> str:
        """The engine's query text for a parsed query."""

    @abstractmethod
    def documents(self, compiled: str) -> HitSource:
        """Document texts matching ``compiled``."""

    @abstractmethod
    def names(self, compiled: str, fuzzy: str | None = None) -> HitSource:
        """Name statements matching ``compiled``, or similar to ``fuzzy`` when given."""

    @abstractmethod
    def clusters(self, mapping: str) -> Select[Any]:
        """Rows (member, cluster) from a JSON object of member id -> merged id."""

    @abstractmethod
    def raw(self, compiled: str, limit: int) -> Select[Any]:
        """The engine's own top-``limit`` document query, without joins (a baseline)."""

    @abstractmethod
    def raw_count(self, compiled: str) -> Select[Any]:
        """The engine's own count of matching documents (a baseline)."""
