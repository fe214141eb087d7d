"""A CNI source note (SECRET, SOURCES) on a man DEA also holds a file on, under another id:
DEA's cross-reference learns only that CNI holds a record; CNI's learns the same of DEA."""

from __future__ import annotations

from enlace.model.markings import Label
from enlace.model.statement import statement_id
from enlace.store import NewDocument, Store

HELD_DOCUMENT = "cni-nota-holloway"
HELD_ENTITY = "cni-p-holloway"
HELD_ALIAS = "El Tejano Holloway"
HELD_VALUES = {"name": ["Curtis Wade Holloway"], "alias": [HELD_ALIAS],
               "birthDate": ["1981-08-30"], "nationality": ["us"],
               "phone": ["+17135550147"]}


def add_held_record(store: Store) -> None:
    level = store.scheme.level("SECRET").rank
    label = Label(level, frozenset({"SOURCES"}), frozenset(), "CNI")
    with store.writer() as writer:
        writer.add_document(NewDocument(HELD_DOCUMENT, HELD_DOCUMENT, label, "RED",
                                        title="Nota de fuente: contacto en Houston"),
                            store.principal("tomas.arce"))
        writer.add_statements(
            {"id": statement_id(HELD_DOCUMENT, HELD_ENTITY, prop, value),
             "entity_id": HELD_ENTITY, "schema": "Person", "prop": prop, "value": value,
             "document_id": HELD_DOCUMENT, "origin": "test"}
            for prop, values in HELD_VALUES.items() for value in values)
