"""Exports: labelled, watermarked, audited, and a STIX bundle that parses back."""

from __future__ import annotations

import csv
import io
import json

import pytest
import stix2
from tests.sharing.conftest import Case

from enlace.exceptions import InvalidData
from enlace.model.ftm import ftm_model
from enlace.sharing.export import write
from enlace.sharing.leak import trace_leak
from enlace.sharing.stix import stix_id
from enlace.sharing.trace import INVISIBLE_RE


def test_stix_bundle_parses_back_with_markings(case: Case) -> None:
    store = case.store
    snap, body = write(store, store.view("ana.ruiz"), "stix")
    bundle = stix2.parse(body, allow_custom=False)
    by_type: dict[str, list[object]] = {}
    for obj in bundle.objects:
        by_type.setdefault(obj.type, []).append(obj)
    tlp = {o.id for o in by_type["marking-definition"] if o.definition_type == "tlp"}
    assert tlp <= {stix2.TLP_WHITE.id, stix2.TLP_GREEN.id, stix2.TLP_AMBER.id, stix2.TLP_RED.id}
    assert stix2.TLP_RED.id in tlp
    banner = [o for o in by_type["marking-definition"] if o.definition_type == "statement"]
    assert banner[0].definition.statement.startswith(snap.banner)
    for obj in bundle.objects:
        if obj.type != "marking-definition":
            assert set(obj.object_marking_refs) & tlp and banner[0].id in obj.object_marking_refs
    actor = next(o for o in by_type["threat-actor"] if o.name == "Los Marlines")
    assert actor.threat_actor_types == ["crime-syndicate"]
    marlines = next(e for e in snap.entities if e.caption == "Los Marlines")
    assert actor.id == stix_id("threat-actor", marlines.id)
    people = {o.name: o for o in by_type["identity"]}
    assert people["Rigoberto Salas Medina"].identity_class == "individual"
    assert people["FGR"].identity_class == "organization"
    kinds = {o.relationship_type for o in by_type["relationship"]}
    assert "membership" in kinds
    ids = {o.id for o in bundle.objects}
    assert all(r.source_ref in ids and r.target_ref in ids for r in by_type["relationship"])
    assert by_type["report"] and all(set(r.object_refs) <= ids for r in by_type["report"])
    note = by_type["note"][0]
    assert "AMBER+STRICT" in note.content and "Not represented" in note.content


def test_ftm_export_is_labelled_and_readable(case: Case) -> None:
    store = case.store
    snap, body = write(store, store.view("sofia.galindo"), "ftm")
    lines = [json.loads(line) for line in body.splitlines()]
    assert len(lines) == len(snap.entities) > 0
    assert {line["banner"] for line in lines} == {snap.banner}
    assert snap.banner.startswith("CONFIDENTIAL")
    for line in lines:
        proxy = ftm_model().get_proxy({k: line[k] for k in ("id", "schema", "properties")})
        assert proxy.id == line["id"]


def test_csv_export_has_the_banner_on_every_row(case: Case) -> None:
    store = case.store
    snap, body = write(store, store.view("sofia.galindo"), "csv")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and {r["banner"] for r in rows} == {snap.banner}
    assert {r["tlp"] for r in rows} <= {"CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"}


def test_exports_are_recorded_audited_and_traceable(case: Case) -> None:
    store = case.store
    first, body = write(store, store.view("sofia.galindo"), "ftm")
    second, _ = write(store, store.view("cni.officer"), "ftm")
    assert first.canonical == second.canonical and first.canonical
    assert set(first.texts.values()) != set(second.texts.values())
    leaked = INVISIBLE_RE.sub("", "\n".join(
        v for line in body.splitlines() for vs in json.loads(line)["properties"].values()
        for v in vs))
    finding = trace_leak(store, store.principal("cni.compliance"), leaked)
    assert finding.to_dict()["recipient"] == "sofia.galindo"
    with store.engine.connect() as conn:
        actions = [r[0] for r in conn.exec_driver_sql(
            "SELECT action FROM audit_event WHERE action IN ('export', 'leak.trace')")]
        kinds = [r[0] for r in conn.exec_driver_sql("SELECT kind FROM dissemination")]
    assert actions.count("export") == 2 and actions.count("leak.trace") == 1
    assert kinds == ["export", "export"]


def test_unknown_format(case: Case) -> None:
    with pytest.raises(InvalidData, match="format"):
        write(case.store, case.store.view("sofia.galindo"), "xml")
