"""The key index: incremental runs process only new statements; interrupted runs resume."""

from __future__ import annotations

from sqlalchemy import func, select

from enlace.store import Store
from enlace.xref import index
from enlace.xref.keys import record_keys
from enlace.xref.record import record_from_values
from enlace.xref.tables import xref_entity, xref_key, xref_term

PEOPLE = ["Ismael Zambada García", "Rafael Caro Quintero", "Nemesio Oseguera Cervantes",
          "Joaquín Guzmán Loera", "Ovidio Guzmán López", "Ramón Vázquez Peña"]


def load(world: object, doc: str, start: int, names: list[str]) -> None:
    for i, name in enumerate(names, start):
        world.entity(doc, f"ent-{i:02d}", "Person", name=name)  # type: ignore[attr-defined]


def index_rows(store: Store) -> tuple[set[tuple[str, str]], dict[str, int]]:
    with store.engine.connect() as conn:
        keys = {(k, e) for k, e in conn.execute(select(xref_key.c.key, xref_key.c.entity_id))}
        df = {k: n for k, n in conn.execute(select(xref_term.c.key, xref_term.c.df))}
    return keys, df


def expected(names: dict[str, list[str]]) -> set[tuple[str, str]]:
    rows = set()
    for entity_id, values in names.items():
        record = record_from_values(entity_id, "Person", {"name": values})
        assert record is not None
        rows |= {(k, entity_id) for k in record_keys(record)}
    return rows


def test_a_second_run_processes_only_new_statements(world, store: Store) -> None:
    world.document("fgr-1", "FGR")
    load(world, "fgr-1", 0, PEOPLE[:4])
    first = index.update(store)
    assert (first.entities, first.total, first.resumed) == (4, 4, False)
    assert index.update(store).entities == 0

    world.document("dea-1", "DEA")
    load(world, "dea-1", 4, PEOPLE[4:])
    world.entity("dea-1", "ent-00", "Person", alias="El Mayo Zambada")
    second = index.update(store)
    assert second.entities == 3  # two new entities, one with a new statement
    keys, df = index_rows(store)
    names = {f"ent-{i:02d}": [n] for i, n in enumerate(PEOPLE)}
    names["ent-00"].append("El Mayo Zambada")
    assert keys == expected(names)
    counted: dict[str, int] = {}
    for key, _ in keys:
        counted[key] = counted.get(key, 0) + 1
    assert df == counted
    assert index.status(store)["pending_statements"] == 0


def test_an_interrupted_run_resumes_without_duplicates(world, store: Store) -> None:
    world.document("fgr-1", "FGR")
    load(world, "fgr-1", 0, PEOPLE)
    stopped = index.update(store, chunk=2, stop_after=1)
    assert stopped.entities == 2
    state = index.status(store)
    assert state["running"] and (state["done"], state["total"]) == (2, 6)

    world.document("dea-1", "DEA")
    world.entity("dea-1", "ent-99", "Person", name="Dámaso López Núñez")  # after the target
    resumed = index.update(store, chunk=2)
    assert resumed.resumed and resumed.entities == 4 and resumed.total == 6
    keys, _ = index_rows(store)
    assert keys == expected({f"ent-{i:02d}": [n] for i, n in enumerate(PEOPLE)})
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(xref_entity)).scalar_one() == 6

    later = index.update(store)  # the statement added during the run comes next time
    assert (later.entities, later.resumed) == (1, False)
    assert not index.status(store)["running"]


def test_status_of_an_empty_store(store: Store) -> None:
    assert index.update(store).entities == 0
    state = index.status(store)
    assert state["entities"] == 0 and state["mark"] is None and not state["running"]
