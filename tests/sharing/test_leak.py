"""Tracing a leaked report copy in a store: 24 recipients, every attack, both backends."""

from __future__ import annotations

import pytest
from tests.sharing.conftest import Case

from enlace.exceptions import AccessDenied, NotFound
from enlace.sharing.dissemination import Request, prepare, send
from enlace.sharing.leak import trace_leak
from enlace.sharing.targets import parse
from enlace.sharing.trace import INVISIBLE_RE

TEXT = ("On 2025-04-03 Salas, Quezada and Bautista met near the warehouse on Cormorant Street. "
        "The source reported that approximately 1250 kilograms were transported in three boats. "
        "However, the source did not say who paid for the shipment. Olvera frequently collects "
        "cash at the warehouse every Friday and delivers it to four bank branches. The "
        "organization currently uses two boats registered to a front company.")


@pytest.fixture
def sent(case: Case) -> tuple[Case, str, dict[str, str]]:
    store = case.store
    with store.writer() as w:
        for i in range(20):
            w.add_user(f"agent{i:02d}", ["CNI"], "SECRET")
    view = store.view("tomas.arce")
    plan = prepare(store, view, Request("report", parse("agency:CNI"), "AMBER", text=TEXT,
                                        sources=(case.sanitized,)))
    result = send(store, view, plan)
    copies = {}
    for doc in result.documents:
        uid = int(doc.rsplit("-", 1)[1])
        name = next(n for n in [f"agent{i:02d}" for i in range(20)]
                    + ["sofia.galindo", "cni.officer", "cni.handler", "cni.compliance"]
                    if store.principal(n).id == uid)
        copies[name] = store.view(name).document_text(doc)
    assert len(copies) == 24
    return case, result.id, copies


def parse_to(text: str):
    from enlace.sharing.targets import parse
    return parse(text)


def _trace(case: Case, leaked: str, document: str | None = None) -> dict[str, object]:
    return trace_leak(case.store, case.store.principal("cni.compliance"), leaked,
                      document).to_dict()


def test_retyped_excerpt_names_the_recipient(sent: tuple[Case, str, dict[str, str]]) -> None:
    case, dis, copies = sent
    parts = INVISIBLE_RE.sub("", copies["agent07"]).split(". ")
    leaked = ". ".join([parts[0], parts[2], parts[4]]).upper().replace(" ", "  ")
    found = _trace(case, leaked, dis)
    assert found["recipient"] == "agent07" and found["candidates"] == 24
    assert 0 < found["observed_choices"] < found["choices"]  # type: ignore[operator]


def test_verbatim_copy_with_marks(sent: tuple[Case, str, dict[str, str]]) -> None:
    case, _, copies = sent
    found = _trace(case, copies["agent13"])
    assert found["recipient"] == "agent13" and found["invisible_tags"] == 1
    assert float(found["confidence"]) > 0.999  # type: ignore[arg-type]


def test_two_colluders_one_is_named(sent: tuple[Case, str, dict[str, str]]) -> None:
    case, _, copies = sent
    a = INVISIBLE_RE.sub("", copies["agent01"]).split(". ")
    b = INVISIBLE_RE.sub("", copies["agent02"]).split(". ")
    leaked = ". ".join(a[i] if i % 2 == 0 else b[i] for i in range(len(a)))
    assert _trace(case, leaked)["recipient"] in {"agent01", "agent02"}


def test_tracing_is_for_compliance(sent: tuple[Case, str, dict[str, str]]) -> None:
    case, _, copies = sent
    with pytest.raises(AccessDenied):
        trace_leak(case.store, case.store.principal("agent01"), copies["agent01"])
    with pytest.raises(NotFound):
        _trace(case, copies["agent01"], "no-such-document")
    found = _trace(case, "Nothing to do with any report.")
    assert found["recipient"] is None and found["dissemination"] is None
