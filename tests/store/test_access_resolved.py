"""Property-based: the rule resolved for one request follows grants that change between
requests, on both backends.

A person keeps one :class:`View` for a session while grants on random documents are
revoked, and later requests come after some grants expire. Each request resolves the rule
again (:meth:`View.resolved_documents`, and the search built on it), so what it admits
must always equal what the reference rule (``decide``) allows at that moment: nothing
stays visible through a grant that was revoked or has expired.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from enlace.clock import utcnow
from enlace.model.markings import Label
from enlace.search import Filters, Page, index_document, search
from enlace.sharing.policy import Grant, decide
from enlace.store import NewDocument, Store, View
from enlace.store.tables import document_text

AGENCIES = {"ALFA": "MX", "BRAVO": "US"}
COMPARTMENTS = ["SOURCES", "FININT"]
HOURS = [None, 1, 3]  # a grant's expiry, in hours after the session starts

documents = st.lists(st.fixed_dictionaries({
    "owner": st.sampled_from(sorted(AGENCIES)), "level": st.integers(0, 3),
    "compartments": st.lists(st.sampled_from(COMPARTMENTS), unique=True, max_size=1),
    "release": st.lists(st.sampled_from(["ALFA", "MX", "US"]), unique=True, max_size=1),
    "grants": st.lists(st.tuples(st.sampled_from(["user", "agency"]),
                                 st.sampled_from(HOURS)), max_size=2),
}), min_size=1, max_size=6)
readers = st.fixed_dictionaries({
    "agencies": st.lists(st.sampled_from(sorted(AGENCIES)), min_size=1, unique=True),
    "clearance": st.integers(0, 3),
    "compartments": st.lists(st.sampled_from(COMPARTMENTS), unique=True, max_size=2)})


def build(store: Store, docs: list[dict[str, Any]], reader: dict[str, Any]
          ) -> tuple[dict[str, Label], list[tuple[str, int, Grant]]]:
    """The documents, each with the word "informe", and their grants (to the reader or
    to the reader's first agency)."""
    start = utcnow()
    with store.writer() as w:
        for code, country in AGENCIES.items():
            w.add_agency(code, f"Agency {code}", country)
        levels = [lv.name for lv in store.scheme.levels]
        w.add_user("reader", reader["agencies"], levels[reader["clearance"]],
                   reader["compartments"])
        w.add_user("root", sorted(AGENCIES), "SECRET", COMPARTMENTS)
    root, who = store.principal("root"), store.principal("reader")
    labels: dict[str, Label] = {}
    grants: list[tuple[str, int, Grant]] = []
    with store.writer() as w:
        for i, doc in enumerate(docs):
            doc_id = f"d{i}"
            labels[doc_id] = Label(doc["level"], frozenset(doc["compartments"]),
                                   frozenset(doc["release"]), doc["owner"])
            w.add_document(NewDocument(doc_id, doc_id, labels[doc_id], "AMBER",
                                       title=f"Informe {i}"), root)
            w.conn.execute(insert(document_text).values(document_id=doc_id,
                                                        text=f"informe número {i}"))
            index_document(w.conn, doc_id)
            for kind, hours in doc["grants"]:
                grantee = str(who.id) if kind == "user" else reader["agencies"][0]
                expires = None if hours is None else start + timedelta(hours=hours)
                grant_id = w.grant(doc_id, kind, grantee, root, expires_at=expires)
                grants.append((doc_id, grant_id, Grant(kind, grantee, expires)))
    return labels, grants


def check(view: View, labels: dict[str, Label], grants: list[tuple[str, int, Grant]]
          ) -> None:
    """One request: the resolved rule and a search admit what ``decide`` allows."""
    allowed = {d for d, label in labels.items()
               if decide(view.principal, label, [g for gd, _, g in grants if gd == d],
                         view.now)}
    with view.store.engine.connect() as conn:
        assert {row.id for row in conn.execute(view.resolved_documents())} == allowed
    found = search(view, "informe", Filters(kind="document"), False, Page(limit=50))
    assert {h.id for h in found.hits} == allowed
    assert found.total == len(allowed)


@pytest.mark.slow
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(docs=documents, reader=readers, revoked=st.lists(st.integers(0, 11), max_size=3),
       later=st.sampled_from([2, 4]))
def test_each_request_resolves_grants_again(
        store: Store, reset: Callable[[], Store], docs: list[dict[str, Any]],
        reader: dict[str, Any], revoked: list[int], later: int) -> None:
    reset()
    labels, grants = build(store, docs, reader)
    root = store.principal("root")
    session = store.view("reader")
    check(session, labels, grants)
    for index in revoked:
        if not grants:
            break
        _, grant_id, grant = grants[index % len(grants)]
        if grant.revoked_at is None:
            with store.writer() as w:
                w.revoke(grant_id, root)
            revoked_grant = Grant(grant.grantee_kind, grant.grantee, grant.expires_at,
                                  session.now)
            grants = [(d, g_id, revoked_grant if g_id == grant_id else g)
                      for d, g_id, g in grants]
        check(session, labels, grants)
    check(store.view("reader", session.now + timedelta(hours=later)), labels, grants)


def test_labels_written_between_requests_count_from_the_next_request(store: Store) -> None:
    """The labels a person's markings admit are kept between requests; a label written
    afterwards (by this process or another) must count from the next request on."""
    reader = {"agencies": ["ALFA"], "clearance": 2, "compartments": ["SOURCES"]}
    first = [{"owner": "ALFA", "level": 1, "compartments": [], "release": [], "grants": []}]
    labels, grants = build(store, first, reader)
    session = store.view("reader")
    check(session, labels, grants)
    later = [Label(2, frozenset({"SOURCES"}), frozenset(), "ALFA"),  # admitted
             Label(2, frozenset({"FININT"}), frozenset(), "ALFA"),  # a compartment lacking
             Label(0, frozenset(), frozenset({"MX"}), "BRAVO"),  # released to ALFA's country
             Label(0, frozenset(), frozenset({"US"}), "BRAVO")]  # released elsewhere
    other = Store(store.url)  # another process writing
    try:
        with other.writer() as w:
            for i, value in enumerate(later, start=len(labels)):
                labels[f"d{i}"] = value
                w.add_document(NewDocument(f"d{i}", f"d{i}", value, "AMBER"),
                               other.principal("root"))
                w.conn.execute(insert(document_text).values(document_id=f"d{i}",
                                                            text=f"informe número {i}"))
                index_document(w.conn, f"d{i}")
    finally:
        other.engine.dispose()
    check(session, labels, grants)
    assert {h.id for h in search(session, "informe").hits} == {"d0", "d1", "d3"}
