"""The sharing commands end to end: share (with --preview), grant, revoke, group, leak
trace and export, on the demo case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import stix2
from tests.sharing.conftest import Case
from typer.testing import CliRunner

from enlace.cli import app
from enlace.cli.share import expiry
from enlace.exceptions import InvalidData

runner = CliRunner()


def run(db: str, *args: str, ok: bool = True) -> str:
    result = runner.invoke(app, [*args, "--db", db])
    if ok:
        assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    else:
        assert result.exit_code == 1, (result.stdout, result.stderr, result.exception)
        return result.stderr
    return result.stdout


@pytest.fixture
def db(case: Case) -> str:
    return case.store.url


def test_share_preview_send_and_revoke(db: str) -> None:
    preview = json.loads(run(db, "share", "p-source-coral", "--as", "tomas.arce", "--to",
                             "agency:CNI", "--tlp", "amber", "--preview"))
    assert preview["redacted_copies"] == 3 and preview["redaction"]["pseudonyms"]
    sent = json.loads(run(db, "share", "p-source-coral", "--as", "tomas.arce", "--to",
                          "user:cni.officer", "--tlp", "AMBER", "--expires", "2099-12-31"))
    assert sent["copies"] == 1
    out = run(db, "revoke", sent["dissemination"], "--as", "tomas.arce")
    assert "1 grant ended" in out
    assert "no active grant" in run(db, "revoke", sent["dissemination"], "--as", "tomas.arce",
                                    ok=False)


def test_share_report_and_trace(db: str, case: Case, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Según la fuente CORAL, Salas, Quezada y Bautista se reunieron en la "
                      "bodega el 2025-04-03. Trasladaron 1250 kilogramos en tres lanchas.",
                      encoding="utf-8")
    sent = json.loads(run(db, "share", "report", str(report), "--as", "tomas.arce",
                          "--sources", case.sanitized, "--to", "agency:CNI", "--tlp", "GREEN"))
    assert sent["copies"] == 4
    copy = f"{sent['dissemination']}-{case.store.principal('cni.officer').id}"
    leak = tmp_path / "leak.txt"
    leak.write_text(case.store.view("cni.officer").document_text(copy), encoding="utf-8")
    found = json.loads(run(db, "leak", "trace", str(leak), "--as", "cni.compliance",
                           "--document", sent["dissemination"]))
    assert found["recipient"] == "cni.officer"
    assert "compliance" in run(db, "leak", "trace", str(leak), "--as", "cni.officer", ok=False)
    assert "--sources" in run(db, "share", "report", str(report), "--as", "tomas.arce",
                              "--to", "agency:CNI", "--tlp", "GREEN", ok=False)
    assert "FILE" in run(db, "share", "report", "--as", "tomas.arce", "--to", "agency:CNI",
                         "--tlp", "GREEN", ok=False)


def test_grant_and_groups(db: str, case: Case) -> None:
    assert "created" in run(db, "group", "add", "joint", "--as", "tomas.arce")
    run(db, "group", "join", "joint", "--as", "tomas.arce", "--user", "dana.whitfield")
    members = [json.loads(x) for x in run(db, "group", "members", "joint", "--as",
                                          "tomas.arce").splitlines()]
    assert members == [{"group": "joint", "member": "dana.whitfield"}]
    assert "no group" in run(db, "group", "members", "joint", "--as", "dana.whitfield",
                             ok=False)
    assert json.loads(run(db, "group", "list", "--as", "dana.whitfield")) == {"group": "joint"}
    assert "Grant" in run(db, "grant", case.sanitized, "--as", "tomas.arce", "--to",
                          "group:joint", "--tlp", "GREEN")
    assert case.store.view("dana.whitfield").document(case.sanitized)


def test_export_writes_a_labelled_file(db: str, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    runner.invoke(app, ["export", "--as", "sofia.galindo", "--format", "stix", "--output",
                        str(target), "--db", db])
    bundle = stix2.parse(target.read_text(encoding="utf-8"), allow_custom=False)
    assert bundle.type == "bundle"
    lines = run(db, "export", "--as", "sofia.galindo", "--format", "ftm").splitlines()
    assert all(json.loads(x)["banner"] for x in lines)
    assert "format" in run(db, "export", "--as", "sofia.galindo", "--format", "xml", ok=False)


def test_expiry_dates() -> None:
    assert expiry(None) is None
    assert expiry("2026-01-31").isoformat() == "2026-02-01T00:00:00"  # type: ignore[union-attr]
    with pytest.raises(InvalidData):
        expiry("31/01/2026")
