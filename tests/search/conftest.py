"""A small fictional world to search: two agencies, three people, six documents."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert

from enlace.model.markings import Label
from enlace.model.statement import statement_id
from enlace.search import index_document, index_statements
from enlace.store import NewDocument, Store
from enlace.store.tables import document_text

#: id: (owner, level, language, published, mime type, country, title, text)
DOCUMENTS: dict[str, tuple[str, int, str, str, str, str, str, str]] = {
    "d-fgr-1": ("FGR", 0, "es", "2024-03-01", "text/plain", "MX", "Detención en Jalisco",
                "El Cártel Jalisco Nueva Generación extorsiona a comerciantes en Guadalajara. "
                "Rigoberto Salas fue detenido por la policía."),
    "d-fgr-2": ("FGR", 2, "es", "2025-01-10", "application/pdf", "MX", "Lavado en Manzanillo",
                "Informe sobre lavado de dinero del cártel en Manzanillo; extorsión a "
                "transportistas del puerto."),
    "d-fgr-3": ("FGR", 0, "es", "2024-07-15", "text/plain", "MX", "Banda portuaria",
                "La Banda del Puerto opera en Lázaro Cárdenas con <script>alert(1)</script>."),
    "d-dea-1": ("DEA", 0, "en", "2023-06-01", "text/plain", "US", "Houston cell",
                "The CJNG cell in Houston laundered cocaine proceeds. Extortion rackets in "
                "San Pedro Sula."),
    "d-dea-2": ("DEA", 3, "en", "2024-11-11", "message/rfc822", "US", "Source CORAL",
                "Source CORAL reports the Jalisco cartel moved fentanyl through Tijuana. "
                "Zephyrine shipment expected."),
    "d-dea-3": ("DEA", 1, "en", "2022-02-02", "text/plain", "US", "Pedro and Sula",
                "Pedro met the broker; later Sula San was mentioned. Cocaine not found."),
}

#: (document, entity, schema, prop, value)
STATEMENTS = [
    ("d-fgr-1", "p-salas", "Person", "name", "Rigoberto Salas Medina"),
    ("d-fgr-1", "p-salas", "Person", "nationality", "mx"),
    ("d-dea-2", "p-salas", "Person", "alias", "El Capi"),
    ("d-dea-2", "p-hidden", "Person", "name", "Zephyrine Walker"),
    ("d-fgr-1", "o-marlines", "Organization", "name", "Los Marlines"),
    ("d-fgr-2", "o-marlines", "Organization", "alias", "La Banda del Puerto"),
    ("d-dea-1", "o-cjng", "Organization", "name", "CJNG"),
    ("d-dea-1", "o-cjng", "Organization", "country", "mx"),
    ("d-dea-2", "o-cjng", "Organization", "weakAlias", "Las Cuatro Letras"),
]


def build_world(store: Store) -> None:
    with store.writer() as w:
        w.add_agency("FGR", "Fiscalía General de la República", "MX")
        w.add_agency("DEA", "Drug Enforcement Administration", "US")
        w.add_user("ana", ["FGR"], "SECRET")
        w.add_user("bob", ["DEA"], "SECRET")
        w.add_user("carla", ["FGR"], "PUBLIC")
        w.add_user("root", ["FGR", "DEA"], "SECRET")
    root = store.principal("root")
    with store.writer() as w:
        for doc_id, (owner, level, lang, day, mime, country, title, _) in DOCUMENTS.items():
            w.add_document(NewDocument(doc_id, doc_id, Label(level, frozenset(), frozenset(),
                                                             owner), "AMBER", title=title,
                                       mime_type=mime, language=lang, obtained_in=country,
                                       published=day), root)
        w.conn.execute(insert(document_text), [{"document_id": d, "text": v[-1]}
                                               for d, v in DOCUMENTS.items()])
        rows: list[dict[str, Any]] = [
            {"id": statement_id(d, e, p, v), "entity_id": e, "schema": s, "prop": p,
             "value": v, "document_id": d, "origin": "test"}
            for d, e, s, p, v in STATEMENTS]
        w.add_statements(rows)
        for doc_id in DOCUMENTS:
            index_document(w.conn, doc_id)
        index_statements(w.conn, [r["id"] for r in rows])


@pytest.fixture
def world(store: Store) -> Store:
    build_world(store)
    return store
