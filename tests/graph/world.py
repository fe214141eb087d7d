"""Small hand-made worlds for the graph tests, and a Source over plain statements.

``MemorySource`` answers the :class:`enlace.graph.source.Source` questions from a list of
statements in Python; the tests give it the statements of the documents a person may see
(as the reference rule decides) and compare its answers with the store's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from enlace.graph.source import Mention, entity_props
from enlace.ingest.entities import check_entity, statement_rows
from enlace.model.entity import Entity
from enlace.model.markings import Label
from enlace.model.statement import Statement
from enlace.store import DocumentInfo, NewDocument, Store


def write(store: Store, doc_id: str, label: Label, entities: list[dict[str, Any]],
          by: str = "root", title: str | None = None) -> None:
    """One source document holding ``entities`` (FtM dicts), stored as ``by`` would."""
    checked = [check_entity(e, f"{doc_id} #{i}") for i, e in enumerate(entities)]
    with store.writer() as w:
        w.add_document(NewDocument(doc_id, None, label, "AMBER", title or doc_id),
                       store.principal(by))
        w.add_statements(statement_rows(checked, doc_id, "test"))


def setup(store: Store) -> None:
    """Agencies FGR (MX) and DEA (US); ana (FGR, SECRET, SOURCES), mike (DEA, SECRET) and
    root (both agencies, everything)."""
    with store.writer() as w:
        w.add_agency("FGR", "Fiscalía General de la República", "MX")
        w.add_agency("DEA", "Drug Enforcement Administration", "US")
        w.add_user("root", ["FGR", "DEA"], "SECRET", ["SOURCES", "FININT"])
        w.add_user("ana", ["FGR"], "SECRET", ["SOURCES"])
        w.add_user("mike", ["DEA"], "SECRET", [])


SHARED = Label(0, frozenset(), frozenset({"US"}), "FGR")  # PUBLIC, REL TO US: both see it
FGR_ONLY = Label(2, frozenset(), frozenset(), "FGR")  # CONFIDENTIAL, FGR: only ana
SOURCES = Label(3, frozenset({"SOURCES"}), frozenset({"DEA"}), "FGR")  # mike lacks SOURCES


def person(entity_id: str, name: str, **props: list[str]) -> dict[str, Any]:
    return {"id": entity_id, "schema": "Person", "properties": {"name": [name], **props}}


def group(entity_id: str, name: str) -> dict[str, Any]:
    return {"id": entity_id, "schema": "Organization",
            "properties": {"name": [name], "topics": ["crime.traffick.drug"]}}


def edge(entity_id: str, schema: str, **props: list[str]) -> dict[str, Any]:
    return {"id": entity_id, "schema": schema, "properties": props}


def cell(store: Store) -> None:
    """A cell: a leader, his lieutenant, a courier and a link that runs through a person
    only FGR may see; the leader's code name sits in a SOURCES document.

    Shared:    boss -leader of-> cell; boss -associate- lieutenant; arrest of boss;
               boss -member of-> o-hidden (an organization stated only in FGR_ONLY);
               courier (no link a DEA reader can see)
    FGR_ONLY:  lieutenant -unknown link- p-secret -associate- courier; o-hidden
    SOURCES:   boss alias "Clave Coral"
    """
    setup(store)
    write(store, "d-shared", SHARED, [
        person("p-boss", "Arturo Bravo", alias=["El Jefe"], nationality=["mx"]),
        group("o-cell", "Los Marlines"),
        edge("mem-boss", "Membership", member=["p-boss"], organization=["o-cell"],
             role=["leader"], startDate=["2019"]),
        person("p-lieutenant", "Lucio Teniente"),
        edge("assoc-boss-lt", "Associate", person=["p-boss"], associate=["p-lieutenant"],
             relationship=["lieutenant"]),
        {"id": "arr-boss", "schema": "Arrest", "properties": {
            "name": ["Detención de Arturo Bravo"], "date": ["2024-05-14"],
            "detained": ["p-boss"], "location": ["Lázaro Cárdenas, Michoacán"]}},
        {"id": "ev-meeting", "schema": "Event", "properties": {
            "name": ["Reunión en el puerto"], "date": ["2023-11"],
            "involved": ["p-boss", "p-lieutenant", "p-secret"]}},
        edge("mem-boss-hidden", "Membership", member=["p-boss"], organization=["o-hidden"]),
        person("p-courier", "Carlos Correo"),
    ], title="Comunicado público")
    write(store, "d-fgr", FGR_ONLY, [
        person("p-secret", "Sergio Secreto"),
        group("o-hidden", "Organización Oculta"),
        edge("ul-lt-secret", "UnknownLink", subject=["p-lieutenant"], object=["p-secret"]),
        edge("assoc-secret-courier", "Associate", person=["p-secret"],
             associate=["p-courier"]),
    ], title="Carpeta FGR")
    write(store, "d-sources", SOURCES, [
        person("p-boss", "Arturo Bravo", alias=["Clave Coral"]),
    ], title="Reporte de fuente")


class MemorySource:
    """A Source over given statements and documents, answered in Python."""

    def __init__(self, statements: Iterable[Statement], documents: dict[str, DocumentInfo]):
        self.by_entity: dict[str, list[Statement]] = defaultdict(list)
        for stmt in statements:
            self.by_entity[stmt.entity_id].append(stmt)
        self.docs = documents

    def entities(self, ids: Iterable[str]) -> dict[str, Entity]:
        return {i: Entity.from_statements(i, sorted(self.by_entity[i], key=lambda s: s.id))
                for i in set(ids) if self.by_entity.get(i)}

    def referrers(self, ids: Iterable[str]) -> set[str]:
        wanted, pairs = set(ids), entity_props()
        return {s.entity_id for stmts in self.by_entity.values() for s in stmts
                if s.value in wanted and (s.schema, s.prop) in pairs}

    def everything(self) -> Iterator[Entity]:
        return iter(self.entities(list(self.by_entity)).values())

    def documents(self, ids: Iterable[str]) -> dict[str, DocumentInfo]:
        return {i: self.docs[i] for i in set(ids) if i in self.docs}

    def mentions(self, document_ids: Iterable[str]) -> list[Mention]:
        wanted = set(document_ids)
        schemata: dict[str, set[str]] = defaultdict(set)
        docs: dict[str, set[str]] = defaultdict(set)
        for stmts in self.by_entity.values():
            for s in stmts:
                if s.document_id in wanted and s.document_id in self.docs:
                    schemata[s.entity_id].add(s.schema)
                    docs[s.entity_id].add(s.document_id)
        return [Mention(e, frozenset(schemata[e]), frozenset(docs[e])) for e in sorted(docs)]
