"""The bundled case: a DEA reader's profile of the focus person holds nothing that only
SOURCES documents state, while a DEA source handler sees the source's reporting."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from enlace.demo.case import load_case
from enlace.profile import profile
from enlace.store import Store
from enlace.store.tables import document, label_compartment, statement

FOCUS = "p-rigoberto-salas"


def leaves(data: Any) -> set[str]:
    if isinstance(data, dict):
        return set().union(set(), *(leaves(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(set(), *(leaves(v) for v in data))
    return {data} if isinstance(data, str) else set()


def sources_only(store: Store, user: str) -> set[str]:
    """Values, entity ids and document ids stated only in SOURCES documents the user
    cannot see."""
    seen = {d.id for d in store.view(user).documents()}
    with store.engine.connect() as conn:
        protected = set(conn.execute(
            select(document.c.id).join(label_compartment,
                                       label_compartment.c.label_id == document.c.label_id)
            .where(label_compartment.c.compartment == "SOURCES")).scalars())
        rows = list(conn.execute(select(statement.c.entity_id, statement.c.value,
                                        statement.c.document_id)))
    hidden = {t for r in rows if r.document_id in protected - seen
              for t in (r.entity_id, r.value, r.document_id)}
    visible = {t for r in rows if r.document_id in seen for t in (r.entity_id, r.value)}
    return hidden - visible - seen


def test_dea_liaison_never_sees_a_sources_only_value(store: Store) -> None:
    load_case(store)
    hidden = sources_only(store, "michael.brennan")
    assert {"Rubén Ochoa Treviño", "fam-salas-cazares"} <= hidden  # a name, a relation
    found = profile(store.view("michael.brennan"), FOCUS)
    assert leaves(found) & hidden == set()
    text = json.dumps(found, ensure_ascii=False)
    assert "Rubén Ochoa Treviño" not in text and "fam-salas-cazares" not in text
    assert all("SOURCES" not in d["label"] for d in found["documents"])
    assert found["caption"] == "Rigoberto Salas Medina"


def test_dea_source_handler_sees_the_debrief(store: Store) -> None:
    load_case(store)
    found = profile(store.view("rachel.kim"), FOCUS)
    labels = {d["label"] for d in found["documents"]}
    assert "SECRET//SOURCES//REL TO DEA" in labels
    liaison = profile(store.view("michael.brennan"), FOCUS)
    assert len(found["documents"]) != len(liaison["documents"]) or found != liaison
