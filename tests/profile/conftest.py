"""Fixtures for the profile tests: a small hand-made case, three documents, three labels.

* ``d-shared`` (PUBLIC, FGR, REL TO US): everyone sees it;
* ``d-fgr`` (CONFIDENTIAL, FGR): only FGR (ana);
* ``d-sources`` (SECRET//SOURCES, FGR, REL TO DEA): ana; mike (DEA) lacks SOURCES.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from enlace.ingest.entities import check_entity, statement_rows
from enlace.model.markings import Label
from enlace.store import NewDocument, Store

SHARED = Label(0, frozenset(), frozenset({"US"}), "FGR")
FGR_ONLY = Label(2, frozenset(), frozenset(), "FGR")
SOURCES = Label(3, frozenset({"SOURCES"}), frozenset({"DEA"}), "FGR")


def write(store: Store, doc_id: str, label: Label, entities: list[dict[str, Any]],
          title: str) -> None:
    checked = [check_entity(e, f"{doc_id} #{i}") for i, e in enumerate(entities)]
    with store.writer() as w:
        w.add_document(NewDocument(doc_id, None, label, "AMBER", title), store.principal("ana"))
        w.add_statements(statement_rows(checked, doc_id, "user:ana"))


def entity(entity_id: str, schema: str, **props: list[str]) -> dict[str, Any]:
    return {"id": entity_id, "schema": schema, "properties": props}


def build_case(store: Store) -> None:
    with store.writer() as w:
        w.add_agency("FGR", "Fiscalía General de la República", "MX")
        w.add_agency("DEA", "Drug Enforcement Administration", "US")
        w.add_user("ana", ["FGR"], "SECRET", ["SOURCES"])
        w.add_user("mike", ["DEA"], "SECRET", [])
    write(store, "d-shared", SHARED, [
        entity("p-boss", "Person", name=["Arturo Bravo"], alias=["El Jefe"],
               nationality=["mx"]),
        entity("o-cell", "Organization", name=["Los Marlines"]),
        entity("mem-boss", "Membership", member=["p-boss"], organization=["o-cell"],
               role=["leader"], startDate=["2019"]),
        entity("p-lieutenant", "Person", name=["Lucio Teniente"]),
        entity("assoc-boss-lt", "Associate", person=["p-boss"], associate=["p-lieutenant"]),
        entity("arr-boss", "Arrest", name=["Detención de Arturo Bravo"], date=["2024-05-14"],
               detained=["p-boss"], location=["Lázaro Cárdenas, Michoacán"]),
        entity("ev-meeting", "Event", name=["Reunión en el puerto"], date=["2023-11"],
               involved=["p-boss", "p-lieutenant", "p-secret"]),
        entity("mem-boss-hidden", "Membership", member=["p-boss"], organization=["o-hidden"]),
        entity("p-courier", "Person", name=["Carlos [bold]Correo[/bold]"]),
    ], "Comunicado público")
    write(store, "d-fgr", FGR_ONLY, [
        entity("p-secret", "Person", name=["Sergio Secreto"]),
        entity("o-hidden", "Organization", name=["Organización Oculta"]),
        entity("ul-lt-secret", "UnknownLink", subject=["p-lieutenant"], object=["p-secret"]),
    ], "Carpeta FGR")
    write(store, "d-sources", SOURCES, [
        entity("p-boss", "Person", name=["Arturo Bravo"], alias=["Clave Coral"],
               birthDate=["1975"]),
    ], "Reporte de fuente")


@pytest.fixture
def case() -> Callable[[Store], None]:
    """Builds the case in a store: ``case(store)``."""
    return build_case
