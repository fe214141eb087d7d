"""A small fictional world for cross-reference tests: three agencies, their people and files."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from enlace.model.markings import Label
from enlace.model.statement import statement_id
from enlace.store import NewDocument, Store


class World:
    """Agencies FGR (MX), DEA (US) and UIF (MX), one analyst in each, and helpers."""

    def __init__(self, store: Store):
        self.store = store
        with store.writer() as w:
            w.add_agency("FGR", "Fiscalía General de la República", "MX")
            w.add_agency("DEA", "Drug Enforcement Administration", "US")
            w.add_agency("UIF", "Unidad de Inteligencia Financiera", "MX")
            w.add_user("ana", ["FGR"], "SECRET")
            w.add_user("bob", ["DEA"], "SECRET")
            w.add_user("uli", ["UIF"], "SECRET")
            w.add_user("low", ["DEA"], "PUBLIC")

    def document(self, doc_id: str, owner: str, level: int = 1,
                 release: Iterable[str] = ()) -> str:
        creator = self.store.principal({"FGR": "ana", "DEA": "bob", "UIF": "uli"}[owner])
        with self.store.writer() as w:
            w.add_document(NewDocument(doc_id, doc_id, Label(
                level, frozenset(), frozenset(release), owner), "AMBER"), creator)
        return doc_id

    def entity(self, doc_id: str, entity_id: str, schema: str, **props: Any) -> None:
        rows = []
        for prop, values in props.items():
            for value in values if isinstance(values, list) else [values]:
                rows.append({"id": statement_id(doc_id, entity_id, prop, value),
                             "entity_id": entity_id, "schema": schema, "prop": prop,
                             "value": value, "document_id": doc_id, "origin": "test"})
        with self.store.writer() as w:
            w.add_statements(rows)


@pytest.fixture
def world(store: Store) -> World:
    return World(store)
