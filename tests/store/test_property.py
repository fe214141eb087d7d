"""Property-based: random agencies, people, labels, grants and statements, on both backends.

For every person, each read path (entity listing with and without a schema filter, one
entity, and the counts) must return exactly what the reference rule allows: the
statements of the documents they may see, and nothing else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enlace.clock import utcnow
from enlace.exceptions import NotFound
from enlace.model.entity import Entity
from enlace.model.markings import Label, combine
from enlace.model.statement import Statement, statement_id
from enlace.sharing.policy import Grant, decide
from enlace.store import NewDocument, Store
from enlace.store.resolver import POSITIVE, add_judgement

AGENCIES = {"ALFA": "MX", "BRAVO": "US", "CHARLIE": "MX", "DELTA": "CO"}
COMPARTMENTS = ["SOURCES", "FININT", "OP-X"]
ENTITIES = {"e1": "Person", "e2": "Person", "e3": "Organization", "e4": "LegalEntity",
            "e5": "Company", "e6": "BankAccount"}
PROPS = {"Person": ["name", "nationality", "alias"], "Organization": ["name", "country"],
         "LegalEntity": ["name", "country"], "Company": ["name", "jurisdiction"],
         "BankAccount": ["accountNumber", "country"]}
VALUES = ["mx", "us", "Rigoberto Salas", "Los Marlines", "El Bagre", "012180001234567897"]

subsets = st.lists(st.sampled_from(COMPARTMENTS), unique=True, max_size=2)


@st.composite
def worlds(draw: st.DrawFn) -> dict:
    codes = draw(st.lists(st.sampled_from(sorted(AGENCIES)), min_size=1, max_size=4,
                          unique=True))
    targets = codes + sorted({AGENCIES[c] for c in codes}) + ["US"]
    users = draw(st.lists(st.fixed_dictionaries({
        "agencies": st.lists(st.sampled_from(codes), min_size=1, unique=True),
        "clearance": st.integers(0, 3),
        "compartments": subsets,
    }), min_size=1, max_size=4))
    documents = draw(st.lists(st.fixed_dictionaries({
        "owner": st.sampled_from(codes),
        "level": st.integers(0, 3),
        "compartments": subsets,
        "release": st.lists(st.sampled_from(targets), unique=True, max_size=2),
        "grants": st.lists(st.tuples(st.sampled_from(["user", "agency"]),
                                     st.integers(0, 3), st.sampled_from(codes),
                                     st.sampled_from(["active", "expired", "revoked"])),
                           max_size=2),
    }), min_size=1, max_size=6))
    statements = draw(st.lists(st.tuples(
        st.integers(0, len(documents) - 1), st.sampled_from(sorted(ENTITIES)),
        st.integers(0, 2), st.sampled_from(VALUES)), max_size=25))
    return {"codes": codes, "users": users, "documents": documents, "statements": statements}


def build(store: Store, world: dict) -> tuple[dict[str, Label], dict[str, list[Grant]],
                                               list[Statement]]:
    now = utcnow()
    with store.writer() as w:
        for code in world["codes"]:
            w.add_agency(code, f"Agency {code}", AGENCIES[code])
        levels = [lv.name for lv in store.scheme.levels]
        for i, user in enumerate(world["users"]):
            w.add_user(f"u{i}", user["agencies"], levels[user["clearance"]], user["compartments"])
        w.add_user("root", world["codes"], "SECRET", COMPARTMENTS)
    root = store.principal("root")
    user_ids = [store.principal(f"u{i}").id for i in range(len(world["users"]))]
    labels: dict[str, Label] = {}
    grants: dict[str, list[Grant]] = defaultdict(list)
    rows: list[Statement] = []
    with store.writer() as w:
        for i, doc in enumerate(world["documents"]):
            doc_id = f"d{i}"
            labels[doc_id] = Label(doc["level"], frozenset(doc["compartments"]),
                                   frozenset(doc["release"]), doc["owner"])
            w.add_document(NewDocument(doc_id, doc_id, labels[doc_id], "AMBER"), root)
            for kind, user_index, code, state in doc["grants"]:
                grantee = str(user_ids[user_index % len(user_ids)]) if kind == "user" else code
                expires = now - timedelta(hours=1) if state == "expired" else None
                gid = w.grant(doc_id, kind, grantee, root, expires_at=expires)
                revoked = None
                if state == "revoked":
                    w.revoke(gid, root)
                    revoked = now
                grants[doc_id].append(Grant(kind, grantee, expires, revoked))
        seen = set()
        for doc_index, entity_id, prop_index, value in world["statements"]:
            schema = ENTITIES[entity_id]
            prop = PROPS[schema][prop_index % len(PROPS[schema])]
            doc_id = f"d{doc_index}"
            sid = statement_id(doc_id, entity_id, prop, value)
            if sid in seen:
                continue
            seen.add(sid)
            rows.append(Statement(sid, entity_id, schema, prop, value, doc_id, "test", now, now))
        w.add_statements([{k: v for k, v in s.to_dict().items()
                           if k not in ("first_seen", "last_seen")} for s in rows])
    return labels, grants, rows


@pytest.mark.slow
@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(world=worlds())
def test_every_read_path_returns_exactly_what_the_rule_allows(
        store: Store, reset: Callable[[], Store], world: dict) -> None:
    reset()
    labels, grants, rows = build(store, world)
    now = utcnow()
    for i in range(len(world["users"])):
        who = store.principal(f"u{i}")
        view = store.view(who, now)
        allowed = {d for d, label in labels.items() if decide(who, label, grants[d], now)}
        visible = [s for s in rows if s.document_id in allowed]
        by_entity: dict[str, list[Statement]] = defaultdict(list)
        for s in visible:
            by_entity[s.entity_id].append(s)
        expected = {eid: Entity.from_statements(eid, stmts).to_dict()
                    for eid, stmts in by_entity.items()}

        assert {e.id: e.to_dict() for e in view.entities()} == expected
        assert view.count_entities() == len(expected)
        assert view.count_statements() == len(visible)
        assert view.count_documents() == len(allowed)
        assert {d.id for d in view.documents()} == allowed
        people = {eid for eid, e in expected.items() if e["schema"] == "Person"}
        assert {e.id for e in view.entities("Person")} == people
        assert view.count_entities("Person") == len(people)
        for entity_id in ENTITIES:
            if entity_id in expected:
                assert view.entity(entity_id).to_dict() == expected[entity_id]
                assert {s.id for s in view.statements(entity_id)} == {
                    s.id for s in by_entity[entity_id]}
            else:
                with pytest.raises(NotFound):
                    view.entity(entity_id)
        for doc_id in labels:
            if doc_id not in allowed:
                with pytest.raises(NotFound):
                    view.document(doc_id)


MERGEABLE = [("e1", "e2"), ("e3", "e4"), ("e4", "e5")]


def find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        x = parent[x]
    return x


@pytest.mark.slow
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(world=worlds(), merges=st.lists(st.sampled_from(MERGEABLE), unique=True, max_size=3))
def test_merges_show_only_to_who_may_see_their_sources(
        store: Store, reset: Callable[[], Store], world: dict,
        merges: list[tuple[str, str]]) -> None:
    reset()
    labels, grants, rows = build(store, world)
    root = store.principal("root")
    judged: list[tuple[str, str, Label]] = []
    with store.writer() as w:
        for left, right in merges:
            inputs = sorted({s.document_id for s in rows if s.entity_id in (left, right)})
            if inputs:
                add_judgement(w, root, left, right, POSITIVE, "test", "same", inputs)
                judged.append((left, right, combine([labels[d] for d in inputs], AGENCIES)))
    now = utcnow()
    for i in range(len(world["users"])):
        who = store.principal(f"u{i}")
        view = store.view(who, now)
        allowed = {d for d, label in labels.items() if decide(who, label, grants[d], now)}
        parent: dict[str, str] = {e: e for e in ENTITIES}
        for left, right, label in judged:
            if decide(who, label, (), now):
                a, b = find(parent, left), find(parent, right)
                parent[max(a, b)] = min(a, b)
        grouped: dict[str, list[Statement]] = defaultdict(list)
        for s in rows:
            if s.document_id in allowed:
                grouped[find(parent, s.entity_id)].append(s)
        expected = {cid: Entity.from_statements(cid, stmts).to_dict()
                    for cid, stmts in grouped.items()}
        assert {e.id: e.to_dict() for e in view.entities()} == expected
        assert view.count_entities() == len(expected)
        for entity_id in ENTITIES:
            if find(parent, entity_id) in expected:
                assert view.entity(entity_id).to_dict() == expected[find(parent, entity_id)]
            else:
                with pytest.raises(NotFound):
                    view.entity(entity_id)
