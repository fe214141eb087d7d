"""Source protection: protected statements never reach a recipient without the compartment.

Every read path a recipient has is checked: the copy's statements through
``view.entities()`` and ``view.entity()``, the copy's text through ``view.document_text``,
and the recipient's exports in all three formats.
"""

from __future__ import annotations

import json

import pytest
from tests.sharing.conftest import Case

from enlace.exceptions import NotFound, PolicyError
from enlace.model.markings import Label
from enlace.model.statement import Statement
from enlace.sharing.dissemination import Request, prepare, send
from enlace.sharing.export import write
from enlace.sharing.material import statements_of_documents
from enlace.sharing.pseudonym import pseudonym, pseudonym_id
from enlace.sharing.redaction import protecting, redact_text
from enlace.sharing.secret import instance_secret, set_protected_compartments
from enlace.sharing.targets import parse
from enlace.sharing.trace import INVISIBLE_RE

REPORT = ("Según la fuente CORAL, Marisol Tena Urquidi vio a Rigoberto Salas Medina en la "
          "bodega el 2025-04-05. MARISOL TENA URQUIDI confirmó que el cargamento saldrá a "
          "finales de abril; Marisol Tena Urquidi no sabe quién paga.")


def _protected_values(case: Case) -> set[str]:
    """Values stated only by documents in the SOURCES compartment."""
    view = case.store.view("tomas.arce")
    docs = view.documents()
    hidden = {s.value for s in statements_of_documents(
        view, [d.id for d in docs if "SOURCES" in d.label.compartments])}
    open_ = {s.value for s in statements_of_documents(
        view, [d.id for d in docs if "SOURCES" not in d.label.compartments])}
    return {v for v in hidden - open_ if len(v) > 3}


def _share(case: Case, kind: str, to: str, subject: str | None = None, **kw: object) -> str:
    store = case.store
    view = store.view("tomas.arce")
    request = Request(kind, parse(to), "AMBER", subject=subject, **kw)  # type: ignore[arg-type]
    return send(store, view, prepare(store, view, request)).documents[0]


def _secret(case: Case) -> bytes:
    with case.store.engine.begin() as conn:
        return instance_secret(conn)


def test_entity_share_redacts_every_statement_path(case: Case) -> None:
    protected = _protected_values(case)
    assert "Marisol Tena Urquidi" in protected
    _share(case, "entity", "user:cni.officer", "p-source-coral")
    _share(case, "entity", "user:cni.officer", "p-yesenia-olvera")
    _share(case, "entity", "user:cni.officer", "p-rigoberto-salas")
    view = case.store.view("cni.officer")
    seen = {s.value for e in view.entities() for s in e.statements}
    assert not seen & protected
    alias = pseudonym(_secret(case), "p-source-coral")
    masked = view.entity(pseudonym_id(_secret(case), "p-source-coral"))
    assert masked.properties["name"] == [alias]
    assert not {s.value for s in view.entity("p-yesenia-olvera").statements} & protected
    assert "El Capi" in view.entity("p-rigoberto-salas").properties["alias"]


def test_references_to_a_protected_entity_point_to_its_pseudonym(case: Case) -> None:
    copy = _share(case, "entity", "user:cni.officer", "ul-coral-reunion")
    link = case.store.view("cni.officer").statements("ul-coral-reunion")
    secret = _secret(case)
    subjects = {s.value for s in link if s.prop == "subject" and s.document_id == copy}
    assert subjects == {pseudonym_id(secret, "p-source-coral")}


def test_a_recipient_holding_the_compartment_gets_everything(case: Case) -> None:
    copy = _share(case, "entity", "user:cni.handler", "p-source-coral")
    statements = case.store.view("cni.handler").statements("p-source-coral")
    assert "Marisol Tena Urquidi" in {s.value for s in statements if s.document_id == copy}


def test_report_text_carries_pseudonyms_not_names(case: Case) -> None:
    copy = _share(case, "report", "user:cni.officer", text=REPORT,
                  sources=(case.source_report, case.sanitized))
    text = INVISIBLE_RE.sub("", case.store.view("cni.officer").document_text(copy))
    alias = pseudonym(_secret(case), "p-source-coral")
    assert "marisol" not in text.lower() and "coral" not in text.lower()
    assert text.count(alias) == 4
    assert "Rigoberto Salas Medina" in text


def test_the_lowering_is_recorded_with_a_reason(case: Case) -> None:
    copy = _share(case, "entity", "user:cni.officer", "p-yesenia-olvera")
    history = case.store.view("cni.officer").label_history(copy)
    assert [h["direction"] for h in history] == ["lower", "raise"]
    assert "redacted for the recipient" in history[0]["reason"]
    assert "SOURCES" in history[0]["from"] and "SOURCES" not in history[0]["to"]
    assert "REL TO" not in history[1]["to"] and "recipient alone" in history[1]["reason"]


def test_no_lowering_when_nothing_is_redacted(case: Case) -> None:
    copy = _share(case, "entity", "user:cni.handler", "p-yesenia-olvera")
    history = case.store.view("cni.handler").label_history(copy)
    assert [h["direction"] for h in history] == ["raise"]
    assert "SOURCES" in history[0]["to"]


@pytest.mark.parametrize("fmt", ["ftm", "csv", "stix"])
def test_exports_of_a_recipient_hold_no_protected_value(case: Case, fmt: str) -> None:
    _share(case, "entity", "user:cni.officer", "p-source-coral")
    _share(case, "entity", "user:cni.officer", "ul-coral-reunion")
    _share(case, "report", "user:cni.officer", text=REPORT, sources=(case.source_report,))
    store = case.store
    _, body = write(store, store.view("cni.officer"), fmt)
    for value in _protected_values(case):
        assert value not in body
    assert pseudonym(_secret(case), "p-source-coral") in body


def test_pseudonyms_are_stable_and_keyed(case: Case) -> None:
    _share(case, "entity", "user:cni.officer", "p-source-coral")
    _share(case, "entity", "user:cni.officer", "ul-coral-reunion")
    view = case.store.view("cni.officer")
    secret = _secret(case)
    ids = {s.entity_id for s in view.statements() if s.entity_id.startswith("source-")}
    assert ids == {pseudonym_id(secret, "p-source-coral")}
    assert pseudonym(secret, "p-source-coral") == pseudonym(_secret(case), "p-source-coral")
    assert pseudonym(secret, "p-source-coral") != pseudonym(secret, "p-source-cs-0419")
    assert pseudonym(b"another instance", "p-source-coral") != pseudonym(secret,
                                                                        "p-source-coral")
    assert pseudonym(secret, "x").startswith("SOURCE-") and len(pseudonym(secret, "x")) == 13


def test_preview_counts_without_content(case: Case) -> None:
    store = case.store
    view = store.view("tomas.arce")
    plan = prepare(store, view, Request("entity", parse("agency:CNI"), "AMBER",
                                        subject="p-source-coral"))
    preview = plan.preview()
    assert preview["recipients"] == 4 and preview["redacted_copies"] == 3  # not cni.handler
    assert pseudonym(_secret(case), "p-source-coral") in preview["redaction"]["pseudonyms"]
    assert preview["redaction"]["compartments"] == ["SOURCES"]
    dumped = json.dumps(preview)
    assert not any(v in dumped for v in _protected_values(case))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM dissemination").scalar() == 0


def test_a_protected_document_is_never_sent_as_is(case: Case) -> None:
    with pytest.raises(PolicyError, match="protected document"):
        _share(case, "document", "user:cni.officer", case.source_report)


def test_a_recipient_who_cannot_read_the_copy_is_refused(case: Case) -> None:
    with pytest.raises(PolicyError, match="clearance"):
        _share(case, "report", "user:sofia.galindo", text=REPORT,
               sources=(case.source_report,))


def test_nothing_left_after_redaction(case: Case) -> None:
    with pytest.raises(PolicyError, match="nothing left"):
        _share(case, "entity", "user:cni.officer", "fam-coral-olvera")


def test_unknown_subject_is_not_found(case: Case) -> None:
    with pytest.raises(NotFound):
        _share(case, "entity", "user:cni.officer", "p-nobody")


def test_the_protected_list_is_configurable(case: Case) -> None:
    with case.store.writer() as w:
        assert set_protected_compartments(w.conn, ["op-marlin"]) == {"OP-MARLIN"}
    copy = _share(case, "entity", "user:cni.handler", "p-source-coral")
    values = {s.value for s in case.store.view("cni.handler").statements("p-source-coral")
              if s.document_id == copy}
    assert "Marisol Tena Urquidi" in values


def _stmt(doc: str, prop: str, value: str, schema: str = "Person") -> Statement:
    from datetime import datetime
    now = datetime(2025, 1, 1)
    return Statement(f"{doc}{prop}{value}", "e1", schema, prop, value, doc, "test", now, now)


def test_protecting_rule() -> None:
    labels = {"open": Label(0), "src": Label(0, frozenset({"SOURCES"}))}
    protected = frozenset({"SOURCES"})
    both = [_stmt("src", "name", "Ana"), _stmt("open", "name", "Ana")]
    assert protecting(both, labels, protected) == frozenset()
    only = [_stmt("src", "name", "Ana"), _stmt("open", "name", "CORAL")]
    assert protecting(only, labels, protected) == {"SOURCES"}
    assert protecting([_stmt("src", "name", "Gaviota", "Vessel")], labels, protected) == set()
    assert protecting([], labels, protected) == frozenset()


def test_redact_text_any_case_and_accents() -> None:
    text, count = redact_text("Vio a José Pérez y a JOSE PEREZ; Josefina no.",
                              {"José Pérez": "SOURCE-1"})
    assert text == "Vio a SOURCE-1 y a SOURCE-1; Josefina no." and count == 2
    assert redact_text("nada", {}) == ("nada", 0)
