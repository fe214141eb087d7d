"""An entity assembled from the statements a person may see.

The entity's schema is the most specific one its statements agree on, and its properties
are the union of their values; nothing else about it exists for that person.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from followthemoney.exc import InvalidData as FtMInvalidData
from followthemoney.schema import Schema

from enlace.model.ftm import ftm_model
from enlace.model.statement import BASE_PROP, Statement

log = logging.getLogger(__name__)


def common_schema(names: Iterable[str]) -> Schema:
    """The narrowest schema all ``names`` fit; on a conflict, the first one seen wins."""
    return _common_schema(tuple(dict.fromkeys(names)))


@lru_cache(maxsize=4096)
def _common_schema(names: tuple[str, ...]) -> Schema:
    model = ftm_model()
    result: Schema | None = None
    for name in names:
        schema = model.get(name)
        if schema is None:
            continue
        if result is None:
            result = schema
            continue
        try:
            result = model.common_schema(result, schema)
        except FtMInvalidData:
            log.warning("conflicting schemata %s and %s on one entity", result.name, name)
    if result is None:
        raise ValueError("an entity needs at least one statement with a known schema")
    return result


@dataclass(frozen=True)
class Entity:
    """An entity and the statements it is made of."""

    id: str
    schema: Schema
    statements: tuple[Statement, ...]

    @classmethod
    def from_statements(cls, entity_id: str, statements: Iterable[Statement]) -> Entity:
        items = tuple(statements)
        return cls(entity_id, common_schema(s.schema for s in items), items)

    @property
    def properties(self) -> dict[str, list[str]]:
        """Values per property, each value once, sorted (statements come in any order)."""
        values: dict[str, set[str]] = {}
        for stmt in self.statements:
            if stmt.prop == BASE_PROP or stmt.prop not in self.schema.properties:
                continue
            values.setdefault(stmt.prop, set()).add(stmt.value)
        return {prop: sorted(values[prop]) for prop in sorted(values)}

    @property
    def caption(self) -> str:
        proxy = ftm_model().make_entity(self.schema)
        proxy.id = self.id
        for prop, values in self.properties.items():
            proxy.add(prop, values, cleaned=True, quiet=True)
        return proxy.caption

    @property
    def document_ids(self) -> list[str]:
        return sorted({s.document_id for s in self.statements})

    def to_dict(self) -> dict[str, Any]:
        """The FtM form: ``id``, ``schema``, ``properties`` (plus a caption)."""
        return {
            "id": self.id,
            "schema": self.schema.name,
            "caption": self.caption,
            "properties": self.properties,
        }
