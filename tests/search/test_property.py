"""Property-based: random agencies, people, labels, grants, texts and names, both backends.

For every person and random query, a scoped search must equal an unscoped search limited
to the documents the reference rule (``decide``) allows: same hits, scores, titles,
snippets, total and facets. Nothing it returns may come from another document, and for
one-word queries the hits must be exactly those a plain Python scan finds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from enlace.clock import utcnow
from enlace.extract.text import fold
from enlace.model.markings import Label
from enlace.model.statement import statement_id
from enlace.search import Filters, Page, Results, index_document, index_statements
from enlace.search.query import words
from enlace.search.service import Searcher
from enlace.sharing.policy import Grant, decide
from enlace.store import NewDocument, Store
from enlace.store.tables import document, document_text

AGENCIES = {"ALFA": "MX", "BRAVO": "US", "CHARLIE": "MX"}
COMPARTMENTS = ["SOURCES", "FININT"]
VOCABULARY = ["cártel", "cartel", "jalisco", "puerto", "lavado", "extorsión", "extorsiona",
              "salas", "marlín", "dinero", "policía", "túnel"]
NAMES = ["Rigoberto Salas", "Los Marlines", "El Capi", "Cártel del Puerto", "Túnel Norte"]
ENTITIES = {"e1": "Person", "e2": "Person", "e3": "Organization"}
NAME_PROPS = ["name", "alias"]

subsets = st.lists(st.sampled_from(COMPARTMENTS), unique=True, max_size=2)
word = st.sampled_from(VOCABULARY)
queries = st.one_of(
    word,
    st.builds(lambda a, b: f"{a} {b}", word, word),
    st.builds(lambda a, b: f"{a} OR {b}", word, word),
    st.builds(lambda a, b: f"{a} -{b}", word, word),
    st.builds(lambda a, b: f'"{a} {b}"', word, word),
    st.builds(lambda a: f"{fold(a)[:3]}*", word),
    st.sampled_from(["Los Marlines", "Cartel de Jalisco", "capi OR salas"]),
)


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, Any]:
    codes = draw(st.lists(st.sampled_from(sorted(AGENCIES)), min_size=1, unique=True))
    targets = codes + sorted({AGENCIES[c] for c in codes})
    users = draw(st.lists(st.fixed_dictionaries({
        "agencies": st.lists(st.sampled_from(codes), min_size=1, unique=True),
        "clearance": st.integers(0, 3), "compartments": subsets}), min_size=1, max_size=3))
    documents = draw(st.lists(st.fixed_dictionaries({
        "owner": st.sampled_from(codes), "level": st.integers(0, 3), "compartments": subsets,
        "release": st.lists(st.sampled_from(targets), unique=True, max_size=2),
        "grants": st.lists(st.tuples(st.sampled_from(["user", "agency"]), st.integers(0, 2),
                                     st.sampled_from(codes),
                                     st.sampled_from(["active", "expired", "revoked"])),
                           max_size=1),
        "text": st.lists(word, min_size=1, max_size=12).map(" ".join),
        "language": st.sampled_from(["es", "en", None]),
    }), min_size=1, max_size=6))
    statements = draw(st.lists(st.tuples(
        st.integers(0, len(documents) - 1), st.sampled_from(sorted(ENTITIES)),
        st.sampled_from(NAME_PROPS), st.sampled_from(NAMES)), max_size=10))
    asked = draw(st.lists(queries, min_size=1, max_size=4))
    return {"codes": codes, "users": users, "documents": documents,
            "statements": statements, "queries": asked}


def build(store: Store, world: dict[str, Any]) -> tuple[dict[str, Label],
                                                        dict[str, list[Grant]]]:
    now = utcnow()
    with store.writer() as w:
        for code in world["codes"]:
            w.add_agency(code, f"Agency {code}", AGENCIES[code])
        levels = [lv.name for lv in store.scheme.levels]
        for i, user in enumerate(world["users"]):
            w.add_user(f"u{i}", user["agencies"], levels[user["clearance"]],
                       user["compartments"])
        w.add_user("root", world["codes"], "SECRET", COMPARTMENTS)
    root = store.principal("root")
    user_ids = [store.principal(f"u{i}").id for i in range(len(world["users"]))]
    labels: dict[str, Label] = {}
    grants: dict[str, list[Grant]] = defaultdict(list)
    with store.writer() as w:
        for i, doc in enumerate(world["documents"]):
            doc_id = f"d{i}"
            labels[doc_id] = Label(doc["level"], frozenset(doc["compartments"]),
                                   frozenset(doc["release"]), doc["owner"])
            w.add_document(NewDocument(doc_id, doc_id, labels[doc_id], "AMBER",
                                       title=f"Informe {i}", language=doc["language"]), root)
            w.conn.execute(insert(document_text).values(document_id=doc_id, text=doc["text"]))
            for kind, user_index, code, state in doc["grants"]:
                grantee = str(user_ids[user_index % len(user_ids)]) if kind == "user" else code
                expires = now - timedelta(hours=1) if state == "expired" else None
                gid = w.grant(doc_id, kind, grantee, root, expires_at=expires)
                if state == "revoked":
                    w.revoke(gid, root)
                grants[doc_id].append(Grant(kind, grantee, expires,
                                            now if state == "revoked" else None))
            index_document(w.conn, doc_id)
        rows = {statement_id(f"d{d}", e, p, v): {
            "id": statement_id(f"d{d}", e, p, v), "entity_id": e, "schema": ENTITIES[e],
            "prop": p, "value": v, "document_id": f"d{d}", "origin": "test"}
            for d, e, p, v in world["statements"]}
        w.add_statements(list(rows.values()))
        index_statements(w.conn, list(rows))
    return labels, grants


def plain_scan(world: dict[str, Any], allowed: set[str], term: str) -> set[str]:
    """Documents and entities whose folded words include ``term``, among ``allowed``."""
    key = fold(term)
    found = {f"d{i}" for i, doc in enumerate(world["documents"])
             if f"d{i}" in allowed and key in {fold(w) for w in words(doc["text"])}}
    found |= {e for d, e, _, v in world["statements"]
              if f"d{d}" in allowed and key in {fold(w) for w in words(v)}}
    return found


def check_contained(results: Results, world: dict[str, Any], allowed: set[str]) -> None:
    visible_names = {v for d, _, _, v in world["statements"] if f"d{d}" in allowed}
    for hit in results.hits:
        assert set(hit.document_ids) <= allowed
        if hit.kind == "document":
            assert hit.id in allowed
        else:
            assert set(hit.extra["names"]) <= visible_names


@pytest.mark.slow
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(world=worlds())
def test_search_never_reveals_what_the_rule_hides(
        store: Store, reset: Callable[[], Store], world: dict[str, Any]) -> None:
    reset()
    labels, grants = build(store, world)
    now = utcnow()
    page = Page(limit=100)
    for i in range(len(world["users"])):
        who = store.principal(f"u{i}")
        view = store.view(who, now)
        allowed = {d for d, label in labels.items() if decide(who, label, grants[d], now)}
        oracle = Searcher(store, select(document.c.id).where(document.c.id.in_(sorted(allowed))))
        scoped = Searcher(store, view.resolved_documents(), view.clusters())
        for query in world["queries"]:
            got = scoped.run(query, Filters(), True, page)
            want = oracle.run(query, Filters(), True, page)
            assert [h.to_dict() for h in got.hits] == [h.to_dict() for h in want.hits]
            assert (got.total, got.facets) == (want.total, want.facets)
            assert got.total == len(got.hits)
            check_contained(got, world, allowed)
            if query in VOCABULARY:
                assert {h.id for h in got.hits} == plain_scan(world, allowed, query)
