"""The bundled case: the DEA liaison's graph, paths and exports hold nothing that only
SOURCES documents state."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from enlace.demo.case import load_case
from enlace.graph import central, export_network, neighbours, paths, visible_network
from enlace.store import Store
from enlace.store.tables import document, label_compartment, statement

FOCUS = "p-rigoberto-salas"


def sources_only(store: Store, user: str) -> set[str]:
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


def test_liaison_graph_holds_no_sources_only_entity(store: Store, tmp_path: Path) -> None:
    load_case(store)
    hidden = sources_only(store, "michael.brennan")
    assert {"ul-cs-0419-holloway", "fam-salas-cazares", "p-source-coral"} <= hidden
    view = store.view("michael.brennan")
    whole = visible_network(view)
    assert not (set(whole.nodes) | {link.via for link in whole.links}) & hidden
    network, distance = neighbours(view, FOCUS, 2)
    assert distance[FOCUS] == 0 and len(network.nodes) > 1
    assert not (set(network.nodes) | {link.via for link in network.links}) & hidden
    assert not {s.node.id for s in central(view, "betweenness", None)} & hidden
    _, files = export_network(view, "csv", tmp_path)
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert "ul-cs-0419-holloway" not in text and "Rubén Ochoa Treviño" not in text


def test_handler_reaches_the_source_the_liaison_cannot(store: Store) -> None:
    load_case(store)
    handler = store.view("rachel.kim")
    _, distance = neighbours(handler, FOCUS, 2)
    assert "p-source-cs-0419" in distance
    found = paths(handler, FOCUS, "p-source-cs-0419")
    assert found and "ul-cs-0419-holloway" in json.dumps([p.to_dict() for p in found])
    liaison, _ = neighbours(store.view("michael.brennan"), FOCUS, 2)
    assert "ul-cs-0419-holloway" not in {link.via for link in liaison.links}
