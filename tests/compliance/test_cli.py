"""``enlace compliance``: recording each item, status and the monthly report, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from click.testing import CliRunner

from enlace.cli import app

runner = CliRunner()
command = typer.main.get_command(app)  # built once: typer rebuilds it on every invoke


def run(db: str, *args: str, ok: bool = True) -> tuple[int, str, str]:
    result = runner.invoke(command, [*args, "--db", db])
    if ok:
        assert result.exit_code == 0, (args, result.stdout, result.stderr, result.exception)
    return result.exit_code, result.stdout, result.stderr


def fails(db: str, *args: str) -> str:
    code, out, err = run(db, *args, ok=False)
    assert code == 1 and out == "", (out, err)
    assert err.startswith("Error: ") and err.count("\n") == 1, err
    return err


@pytest.fixture
def db(store_url: str) -> str:
    run(store_url, "init")
    for code, name, country in [("SRE", "Relaciones Exteriores", "MX"),
                                ("FGR", "Fiscalía General de la República", "MX"),
                                ("DEA", "Drug Enforcement Administration", "US")]:
        run(store_url, "agency", "add", code, "--name", name, "--country", country)
    run(store_url, "user", "add", "lucy", "--agency", "DEA", "--clearance", "SECRET",
        "--role", "liaison")
    run(store_url, "user", "add", "sara", "--agency", "SRE", "--clearance", "RESTRICTED",
        "--role", "compliance")
    c = ("compliance",)
    run(store_url, *c, "agreement", "add", "MX-US-1999", "--title", "Memorandum de Mérida",
        "--country", "US", "--agency", "DEA", "--authority", "FGR", "--channel", "SSPC",
        "--as", "lucy")
    assert run(store_url, *c, "agent", "add", "John Smith", "--agency", "DEA",
               "--nationality", "US", "--as", "lucy")[1] == "Added agent 1\n"
    run(store_url, *c, "official", "add", "Pedro Ruiz", "--level", "federal", "--body", "SSPC",
        "--as", "sara")
    run(store_url, *c, "official", "add", "Elena Mar", "--level", "federal", "--body", "SRE",
        "--designated", "--as", "sara")
    run(store_url, *c, "accreditation", "request", "1", "--agreement", "MX-US-1999",
        "--territory", "CDMX", "--on", "2027-01-04", "--as", "lucy")
    run(store_url, *c, "accreditation", "review", "1", "--agreed", "SSPC", "--agreed", "SEDENA",
        "--agreed", "SEMAR", "--on", "2027-01-10", "--as", "sara")
    run(store_url, *c, "accreditation", "grant", "1", "--until", "2029-01-31", "--on",
        "2027-02-01", "--as", "sara")
    return store_url


def test_recording_and_status(db: str) -> None:
    c = ("compliance",)
    run(db, *c, "permit", "apply", "1", "--weapon", "revolver", "--calibre", ".38",
        "--site", "CDMX", "--assignment-start", "2028-03-01", "--applicant", "SRE",
        "--on", "2028-02-01", "--as", "lucy")
    out = run(db, *c, "permit", "grant", "1", "--on", "2028-02-20", "--as", "sara")[1]
    assert out == "Permit 1 granted, valid until 2028-08-20\n"
    assert run(db, *c, "permit", "renew", "1", "--on", "2028-08-01", "--as", "sara")[1] == \
        "Permit 1 renewed, valid until 2029-02-20\n"
    run(db, *c, "permit", "notify", "1", "--change", "site", "--site", "Monterrey",
        "--on", "2028-09-01", "--as", "lucy")
    run(db, *c, "meeting", "request", "1", "--official", "1", "--at", "2028-02-10T10:00",
        "--topic", "Rutas", "--purpose", "Intercambio", "--requested", "2028-02-01T09:00",
        "--as", "lucy")
    run(db, *c, "meeting", "approve", "1", "--by", "2", "--urgent", "--sre-official",
        "Marta Ortiz", "--at", "2028-02-09T20:00", "--as", "sara")
    run(db, *c, "contact", "add", "1", "--official", "1", "--kind", "meeting", "--meeting", "1",
        "--at", "2028-02-10T10:00", "--topic", "Rutas", "--purpose", "Intercambio", "--as",
        "lucy")
    run(db, *c, "contact", "add", "1", "--official", "1", "--kind", "call",
        "--at", "2028-02-27T22:00", "--topic", "Rutas", "--purpose", "Aviso", "--as", "lucy")
    assert run(db, *c, "contact", "report", "1", "--filed", "2028-02-11T09:00", "--to", "SRE",
               "--to", "SSPC", "--as", "lucy")[1] == "Recorded report 1 on contact 1\n"
    rows = [json.loads(line) for line in
            run(db, *c, "status", "--today", "2028-03-05", "--json", "--as", "sara")[1]
            .splitlines()]
    due = {(r["rule"], r["subject"]): (r["state"], r["due"]) for r in rows}
    assert due[("contact_report", "contact 2 (call), agent 1, official 1")] == (
        "overdue", "2028-03-01")
    assert due[("monthly_report", "agent 1, 2028-02")] == ("due_soon", "2028-03-10")
    assert due[("monthly_report", "agent 1, 2028-01")] == ("overdue", "2028-02-10")
    table = run(db, *c, "status", "--today", "2028-03-02", "--as", "sara")[1]
    assert "Compliance duties" in table and "By agency" in table and "overdue" in table
    # Without --as the operator sees the registry (no handover obligations).
    assert "LSN 70" in run(db, *c, "status", "--today", "2028-03-02")[1]
    assert json.loads(run(db, *c, "agent", "list", "--as", "lucy")[1])["name"] == "John Smith"
    run(db, *c, "filing", "add", "--month", "2028-02", "--agent", "1", "--filed",
        "2028-03-03T10:00", "--to", "SRE", "--to", "SSPC", "--as", "lucy")
    run(db, *c, "accreditation", "recall", "1", "--reason", "breach of LSN 71-II",
        "--on", "2028-04-01", "--as", "sara")
    assert "is recalled: it cannot become accredited" in fails(
        db, *c, "accreditation", "grant", "1", "--until", "2029-01-31", "--as", "sara")


def test_reports_in_each_format(db: str, tmp_path: Path) -> None:
    c = ("compliance",)
    run(db, *c, "contact", "add", "1", "--official", "1", "--kind", "call",
        "--at", "2028-02-29T23:30", "--topic", "Rutas", "--purpose", "Aviso", "--as", "lucy")
    md = run(db, *c, "report", "--month", "2028-02", "--agent", "1", "--format", "md",
             "--as", "sara")[1]
    assert md.startswith("# Monthly report 2028-02: agent 1") and "| 2028-02-29 | call |" in md
    data = json.loads(run(db, *c, "report", "--month", "2028-02", "--embassy", "US",
                          "--format", "json", "--as", "sara")[1])
    assert data["filer"] == "embassy:US" and data["dealings"] == {"federal": 1}
    target = tmp_path / "feb.pdf"
    run(db, *c, "report", "--month", "2028-02", "--agent", "1", "--format", "pdf",
        "--output", str(target), "--as", "sara")
    assert target.read_bytes().startswith(b"%PDF")
    assert "a PDF goes to a file" in fails(db, *c, "report", "--month", "2028-02", "--agent",
                                           "1", "--format", "pdf", "--as", "sara")
    assert "unknown format" in fails(db, *c, "report", "--month", "2028-02", "--agent", "1",
                                     "--format", "html", "--as", "sara")


@pytest.mark.parametrize(("args", "message"), [
    (("permit", "apply", "1", "--weapon", "semi-automatic pistol", "--calibre", ".45 ACP",
      "--site", "CDMX", "--assignment-start", "2028-03-01", "--applicant", "SRE",
      "--on", "2028-02-01"), "above the .40 limit"),
    (("permit", "apply", "1", "--weapon", "revolver", "--calibre", ".38",
      "--site", "CDMX", "--assignment-start", "2028-03-01", "--applicant", "SRE",
      "--on", "2028-02-20"), "at least 15 days before"),
    (("permit", "apply", "9", "--weapon", "revolver", "--calibre", ".38",
      "--site", "CDMX", "--assignment-start", "2028-03-01", "--applicant", "SRE",
      "--on", "2028-02-01"), "unknown agent 9"),
    (("contact", "add", "1", "--official", "1", "--kind", "meeting", "--at", "2028-02-10T10:00",
      "--topic", "Rutas", "--purpose", "x"), "needs prior approval"),
    (("contact", "add", "1", "--official", "1", "--kind", "call", "--at", "yesterday",
      "--topic", "Rutas", "--purpose", "x"), "invalid --at"),
    (("accreditation", "request", "1", "--agreement", "MX-US-1999", "--territory", "CDMX",
      "--on", "2027-02-30"), "invalid date"),
    (("status", "--today", "2028-02-30"), "invalid --today"),
])
def test_bad_input_is_one_line_and_stores_nothing(db: str, args: tuple[str, ...],
                                                  message: str) -> None:
    before = run(db, "compliance", "status", "--today", "2028-03-02", "--json", "--all",
                 "--as", "sara")[1]
    assert message in fails(db, "compliance", *args, "--as", "lucy")
    after = run(db, "compliance", "status", "--today", "2028-03-02", "--json", "--all",
                "--as", "sara")[1]
    assert after == before


def test_a_report_dated_before_its_contact(db: str) -> None:
    c = ("compliance",)
    run(db, *c, "contact", "add", "1", "--official", "1", "--kind", "call",
        "--at", "2028-02-10T10:00", "--topic", "Rutas", "--purpose", "Aviso", "--as", "lucy")
    assert "cannot be dated before its call" in fails(
        db, *c, "contact", "report", "1", "--filed", "2028-02-10T09:00", "--to", "SRE",
        "--to", "SSPC", "--as", "lucy")
