"""Property: a person's xref output never reveals anything outside their scope.

Random agencies, people, labels, grants and statements, on both backends. Whatever a person
uploads or picks as a collection, every line they get is a visible match built only from
statements they may see (by the reference rule), a hidden match made only of an agency code
that owns a hidden document and an opaque reference, or their own capped keys. No id, name,
value, document id or score of anything outside their scope appears anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enlace.clock import utcnow
from enlace.model.entity import Entity
from enlace.model.markings import Label
from enlace.model.statement import Statement, statement_id
from enlace.sharing.policy import Grant, decide
from enlace.store import NewDocument, Store
from enlace.xref import index, match
from enlace.xref.record import Record, record_from_entity
from enlace.xref.scoring import score_pair

AGENCIES = {"ALFA": "MX", "BRAVO": "US", "CHARLIE": "CO"}
SCHEMA = {"ent-p1": "Person", "ent-p2": "Person", "ent-p3": "Person", "ent-o1": "Organization",
          "ent-o2": "Company", "ent-a1": "BankAccount"}
VALUES = {
    "Person": [("name", "Rigoberto Salas Peña"), ("name", "SALAS PEÑA, Rigoberto"),
               ("name", "Rigoberto Salas"), ("name", "Dámaso Ibarra Félix"),
               ("alias", "El Bagre"), ("birthDate", "1971-04-09"), ("birthDate", "1980-01-02"),
               ("nationality", "mx"), ("idNumber", "SAPR710409HSLLXG05")],
    "Organization": [("name", "Cártel de los Marlines"), ("name", "Marlines Cartel"),
                     ("name", "Los Marlines")],
    "Company": [("name", "Transportes Marlín S.A. de C.V."), ("name", "Marlin Transport LLC")],
    "BankAccount": [("accountNumber", "012180001234567897"), ("iban", "0121 8000 1234 5678 97")],
}
QUERIES = [
    {"schema": "Person", "properties": {"name": ["Rigoberto Salas Pena"]}},
    {"schema": "Person", "properties": {"name": ["Damaso Ibarra"], "birthDate": ["1980-01-02"]}},
    {"schema": "Organization", "properties": {"name": ["Marlines Cartel"]}},
    {"schema": "Company", "properties": {"name": ["Transportes Marlin"]}},
    {"schema": "BankAccount", "properties": {"accountNumber": ["012-180-00123456789-7"]}},
]
HIDDEN_KEYS = {"query", "match", "agency", "request", "ref"}
VISIBLE_KEYS = {"query", "match", "entity", "schema", "names", "score", "documents"}


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, Any]:
    codes = draw(st.lists(st.sampled_from(sorted(AGENCIES)), min_size=2, max_size=3,
                          unique=True))
    users = draw(st.lists(st.fixed_dictionaries({
        "agencies": st.lists(st.sampled_from(codes), min_size=1, unique=True),
        "clearance": st.integers(0, 3)}), min_size=1, max_size=3))
    documents = draw(st.lists(st.fixed_dictionaries({
        "owner": st.sampled_from(codes), "level": st.integers(0, 3),
        "release": st.lists(st.sampled_from(codes), unique=True, max_size=1),
        "grant": st.sampled_from([None, 0, 1, 2])}), min_size=1, max_size=5))
    statements = draw(st.lists(st.tuples(
        st.integers(0, len(documents) - 1), st.sampled_from(sorted(SCHEMA)), st.integers(0, 8)),
        min_size=1, max_size=20))
    queries = draw(st.lists(st.sampled_from(range(len(QUERIES))), min_size=1, max_size=3,
                            unique=True))
    return {"codes": codes, "users": users, "documents": documents, "statements": statements,
            "queries": queries}


def build(store: Store, world: dict[str, Any]) -> tuple[dict[str, Label], dict[str, list[Grant]],
                                                         list[Statement]]:
    now = utcnow()
    with store.writer() as w:
        for code in world["codes"]:
            w.add_agency(code, f"Agency {code}", AGENCIES[code])
        levels = [lv.name for lv in store.scheme.levels]
        for i, user in enumerate(world["users"]):
            w.add_user(f"u{i}", user["agencies"], levels[user["clearance"]])
        w.add_user("root", world["codes"], "SECRET")
    root = store.principal("root")
    labels: dict[str, Label] = {}
    grants: dict[str, list[Grant]] = {}
    rows: list[Statement] = []
    with store.writer() as w:
        for i, doc in enumerate(world["documents"]):
            doc_id = f"doc-{i}"
            labels[doc_id] = Label(doc["level"], frozenset(), frozenset(doc["release"]),
                                   doc["owner"])
            w.add_document(NewDocument(doc_id, doc_id, labels[doc_id], "AMBER"), root)
            grants[doc_id] = []
            if doc["grant"] is not None and doc["grant"] < len(world["users"]):
                grantee = str(store.principal(f"u{doc['grant']}").id)
                w.grant(doc_id, "user", grantee, root)
                grants[doc_id].append(Grant("user", grantee))
        seen = set()
        for doc_index, entity_id, value_index in world["statements"]:
            schema = SCHEMA[entity_id]
            prop, value = VALUES[schema][value_index % len(VALUES[schema])]
            doc_id = f"doc-{doc_index}"
            sid = statement_id(doc_id, entity_id, prop, value)
            if sid not in seen:
                seen.add(sid)
                rows.append(Statement(sid, entity_id, schema, prop, value, doc_id, "t", now, now))
        w.add_statements([{k: v for k, v in s.to_dict().items()
                           if k not in ("first_seen", "last_seen")} for s in rows])
    return labels, grants, rows


def strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)


def check(lines: list[dict[str, Any]], rows: list[Statement], allowed: set[str],
          owners: dict[str, str | None], queries: dict[str, Record], supplied: set[str]) -> None:
    visible = [s for s in rows if s.document_id in allowed]
    hidden = [s for s in rows if s.document_id not in allowed]
    seen_values = {s.value for s in visible} | supplied
    secrets = ({s.entity_id for s in hidden} - {s.entity_id for s in visible}) \
        | {s.document_id for s in hidden} | ({s.value for s in hidden} - seen_values)
    hidden_owners = {owners[s.document_id] for s in hidden}
    for line in lines:
        assert not secrets & set(strings(line)), line
        if "capped" in line:
            assert set(line) == {"query", "capped"}
        elif line["match"] == "a record exists":
            assert set(line) == HIDDEN_KEYS and line["agency"] in hidden_owners
            assert line["request"] == "request access" and line["query"] in queries
        else:
            assert set(line) == VISIBLE_KEYS and line["match"] == "visible"
            mine = [s for s in visible if s.entity_id == line["entity"]]
            assert mine and set(line["documents"]) == {s.document_id for s in mine}
            record = record_from_entity(Entity.from_statements(line["entity"], mine))
            query = queries[line["query"]]
            assert record is not None and line["score"] == round(score_pair(query, record), 3)


@pytest.mark.slow
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(world=worlds())
def test_xref_output_never_leaves_the_persons_scope(
        store: Store, reset: Callable[[], Store], world: dict[str, Any]) -> None:
    reset()
    labels, grants, rows = build(store, world)
    index.update(store)
    owners = {d: label.owner for d, label in labels.items()}
    queries = [dict(QUERIES[i], id=f"q-{i}") for i in world["queries"]]
    supplied = set(strings(queries))
    now = utcnow()
    for i in range(len(world["users"])):
        who = store.principal(f"u{i}")
        allowed = {d for d, label in labels.items() if decide(who, label, grants[d], now)}
        view = store.view(who, now)
        uploaded = match.file_collection(json.dumps(q) for q in queries)
        check(list(match.run(view, uploaded)), rows, allowed, owners,
              {r.id: r for r in uploaded}, supplied)
        for code in world["codes"]:
            records = match.agency_collection(view, code)
            lines = list(match.run(view, records, exclude=[r.id for r in records]))
            check(lines, rows, allowed, owners, {r.id: r for r in records}, supplied)
