"""The compiled access rule agrees with the reference rule on every combination.

A grid of labels (every level, compartment set, owner and releasability) and of people
(every clearance, compartment set and agency set), with grants that are active, expired,
revoked, personal, for an agency or for a sharing group: for each person, the documents the SQL rule returns
must be exactly those :func:`enlace.sharing.policy.decide` allows.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest

from enlace.clock import utcnow
from enlace.model.markings import Label
from enlace.sharing.policy import Grant, decide
from enlace.sharing.tables import sharing_group, sharing_group_member
from enlace.store import NewDocument, Store, Writer, access
from enlace.store.tables import access_grant

LEVELS = ["PUBLIC", "RESTRICTED", "CONFIDENTIAL", "SECRET"]
COMPARTMENTS = [(), ("SOURCES",), ("FININT",), ("SOURCES", "FININT")]
RELEASES = [(), ("ALFA",), ("MX",), ("US",), ("ALFA", "US")]
AGENCY_SETS = [("ALFA",), ("BRAVO",), ("CHARLIE",), ("ALFA", "CHARLIE")]


@pytest.fixture
def grid(store: Store) -> tuple[Store, dict[str, Label], dict[str, list[Grant]]]:
    now = utcnow()
    with store.writer() as w:
        w.add_agency("ALFA", "Agencia Alfa", "MX")
        w.add_agency("BRAVO", "Bravo Agency", "US")
        w.add_agency("CHARLIE", "Agencia Charlie", "CO")
        for i, (level, comps, agencies) in enumerate(
                itertools.product(LEVELS, COMPARTMENTS, AGENCY_SETS)):
            w.add_user(f"u{i}", agencies, level, comps)
        owner_id = w.add_user("owner", ["ALFA", "BRAVO"], "SECRET", ["SOURCES", "FININT"])
    owner = store.principal("owner")
    assert owner.id == owner_id
    labels: dict[str, Label] = {}
    grants: dict[str, list[Grant]] = {}
    members = frozenset(store.principal(f"u{i}").id for i in range(0, 64, 3))
    with store.writer() as w:
        w.conn.execute(sharing_group.insert().values(name="joint", owner_id=owner.id,
                                                     created_at=now))
        w.conn.execute(sharing_group.insert().values(name="empty", owner_id=owner.id,
                                                     created_at=now))
        w.conn.execute(sharing_group_member.insert(), [
            {"group_name": "joint", "user_id": m, "added_by": owner.id, "added_at": now}
            for m in sorted(members)])
        for i, (rank, comps, owner_code, release) in enumerate(itertools.product(
                range(4), COMPARTMENTS, ["ALFA", "BRAVO"], RELEASES)):
            doc = f"d{i:03d}"
            label = Label(rank, frozenset(comps), frozenset(release), owner_code)
            labels[doc] = label
            w.add_document(NewDocument(doc, doc, label, "AMBER"), owner)
            grants[doc] = []
            if i % 7 == 0:
                w.grant(doc, "agency", "CHARLIE", owner)
                grants[doc].append(Grant("agency", "CHARLIE"))
            if i % 11 == 0:
                w.grant(doc, "agency", "CHARLIE", owner, expires_at=now - timedelta(days=1))
                grants[doc].append(Grant("agency", "CHARLIE", expires_at=now - timedelta(days=1)))
            if i % 13 == 0:
                user = store.principal(f"u{i % 64}")
                w.grant(doc, "user", str(user.id), owner)
                grants[doc].append(Grant("user", str(user.id)))
            if i % 3 == 0:
                group = "joint" if i % 2 else "empty"
                expires = now - timedelta(days=1) if i % 9 == 0 else None
                _group_grant(w, doc, group, owner.id, expires)
                grants[doc].append(Grant("group", group, expires_at=expires,
                                         members=members if group == "joint" else frozenset()))
            if i % 5 == 0:
                gid = w.grant(doc, "agency", "BRAVO", owner)
                w.revoke(gid, owner)
                grants[doc].append(Grant("agency", "BRAVO", revoked_at=now))
    return store, labels, grants


def _group_grant(w: Writer, doc: str, group: str, by: int, expires: datetime | None) -> None:
    w.conn.execute(access_grant.insert().values(
        document_id=doc, grantee_kind="group", grantee=group, granted_by=by,
        created_at=utcnow(), expires_at=expires))


def test_sql_rule_matches_reference_rule(grid: tuple[Store, dict[str, Label],
                                                     dict[str, list[Grant]]]) -> None:
    store, labels, grants = grid
    now = utcnow()
    checked = 0
    for i in range(len(LEVELS) * len(COMPARTMENTS) * len(AGENCY_SETS)):
        who = store.principal(f"u{i}")
        view = store.view(who, now)
        expected = {d for d, label in labels.items() if decide(who, label, grants[d], now)}
        assert {d.id for d in view.documents()} == expected, who
        assert view.count_documents() == len(expected)
        checked += len(labels)
    assert checked == 64 * 160


@pytest.mark.parametrize("listed", [access.MAX_LISTED, 0])
def test_resolved_rule_matches_reference_rule(
        grid: tuple[Store, dict[str, Label], dict[str, list[Grant]]], listed: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule resolved into id lists (or, past ``MAX_LISTED``, kept as subqueries)
    admits exactly what the reference rule does."""
    monkeypatch.setattr(access, "MAX_LISTED", listed)
    store, labels, grants = grid
    now = utcnow()
    for i in range(len(LEVELS) * len(COMPARTMENTS) * len(AGENCY_SETS)):
        who = store.principal(f"u{i}")
        expected = {d for d, label in labels.items() if decide(who, label, grants[d], now)}
        with store.engine.connect() as conn:
            scope = access.resolve_visible_documents(conn, who, now)
            assert {row.id for row in conn.execute(scope)} == expected, who


def test_every_branch_of_the_rule_is_exercised(grid: tuple[Store, dict[str, Label],
                                                           dict[str, list[Grant]]]) -> None:
    store, labels, grants = grid
    now = utcnow()
    reasons: set[str] = set()
    for i in range(64):
        who = store.principal(f"u{i}")
        for d, label in labels.items():
            reasons.add(decide(who, label, grants[d], now).reason.split(" ")[0])
    assert reasons >= {"clearance", "missing", "member", "releasable", "shared", "not"}


def test_group_grants_are_exercised(grid: tuple[Store, dict[str, Label],
                                                dict[str, list[Grant]]]) -> None:
    store, labels, grants = grid
    now = utcnow()
    via_group = 0
    for i in range(64):
        who = store.principal(f"u{i}")
        for d, label in labels.items():
            via_group += "group joint" in decide(who, label, grants[d], now).reason
    assert via_group > 0


def test_explain_names_the_reason(grid: tuple[Store, dict[str, Label],
                                              dict[str, list[Grant]]]) -> None:
    store, labels, _ = grid
    low = store.principal("u0")  # PUBLIC, no compartments, ALFA
    secret = next(d for d, lb in labels.items() if lb.level == 3)
    assert "below" in store.explain(low, secret).reason
    own = next(d for d, lb in labels.items()
               if lb.level == 0 and not lb.compartments and lb.owner == "ALFA")
    decision = store.view(low).explain(own)
    assert decision.allow and "owner agency ALFA" in decision.reason
