"""Revoking grants and disseminations, expiry, and who may revoke."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.sharing.conftest import Case

from enlace.clock import utcnow
from enlace.exceptions import InvalidData, NotFound
from enlace.sharing.dissemination import Request, prepare, send
from enlace.sharing.grants import grant, revoke
from enlace.sharing.targets import parse


def _send(case: Case, to: str, expires_days: int | None = None) -> tuple[str, tuple[str, ...]]:
    store = case.store
    view = store.view("tomas.arce")
    ends = utcnow() + timedelta(days=expires_days) if expires_days is not None else None
    sent = send(store, view, prepare(store, view, Request(
        "entity", parse(to), "AMBER", subject="p-yesenia-olvera", expires_at=ends)))
    return sent.id, sent.documents


def test_revoking_a_dissemination_ends_every_copy(case: Case) -> None:
    dis, copies = _send(case, "agency:CNI")
    assert len(copies) == 4
    assert revoke(case.store, case.store.principal("tomas.arce"), dis) == 4
    for copy in copies:
        with pytest.raises(NotFound):
            case.store.view("cni.officer").document(copy)
    with pytest.raises(NotFound):
        revoke(case.store, case.store.principal("tomas.arce"), dis)


def test_only_the_sender_or_compliance_revokes(case: Case) -> None:
    dis, _ = _send(case, "user:cni.officer")
    with pytest.raises(NotFound):
        revoke(case.store, case.store.principal("cni.officer"), dis)
    assert revoke(case.store, case.store.principal("cni.compliance"), dis) == 1


def test_revoking_a_plain_grant(case: Case) -> None:
    store = case.store
    gid = grant(store, store.view("tomas.arce"), case.sanitized, parse("user:dana.whitfield"),
                "AMBER")
    assert store.view("dana.whitfield").document(case.sanitized)
    with pytest.raises(NotFound):
        revoke(store, store.principal("dana.whitfield"), str(gid))
    assert revoke(store, store.principal("tomas.arce"), str(gid)) == 1
    with pytest.raises(NotFound):
        store.view("dana.whitfield").document(case.sanitized)
    with pytest.raises(NotFound):
        revoke(store, store.principal("tomas.arce"), "999999")


def test_a_share_expires(case: Case) -> None:
    _, copies = _send(case, "user:cni.officer", expires_days=2)
    later = utcnow() + timedelta(days=3)
    assert case.store.view("cni.officer").document(copies[0])
    with pytest.raises(NotFound):
        case.store.view("cni.officer", now=later).document(copies[0])


def test_granting_oneself_is_refused(case: Case) -> None:
    with pytest.raises(InvalidData, match="yourself"):
        grant(case.store, case.store.view("tomas.arce"), case.sanitized,
              parse("user:tomas.arce"), "AMBER")


def test_nobody_to_reach(case: Case) -> None:
    with case.store.writer() as w:
        w.add_agency("EMPTY", "No one", "MX")
    store = case.store
    with pytest.raises(NotFound, match="nobody"):
        prepare(store, store.view("tomas.arce"),
                Request("entity", parse("agency:EMPTY"), "AMBER", subject="p-yesenia-olvera"))
    with pytest.raises(NotFound, match="unknown agency"):
        prepare(store, store.view("tomas.arce"),
                Request("entity", parse("agency:NOPE"), "AMBER", subject="p-yesenia-olvera"))
