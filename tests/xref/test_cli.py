"""The ``enlace xref`` and ``enlace requests`` commands, end to end on a store."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from enlace.cli import app
from enlace.store import Store

runner = CliRunner()


def lines(output: str) -> list[dict]:
    return [json.loads(x) for x in output.splitlines() if x.startswith("{")]


def test_run_ask_list_grant(world, store: Store, tmp_path: Path) -> None:
    world.document("dea-1", "DEA")
    world.entity("dea-1", "dea-e1", "Person", name="Rafael Caro Quintero")
    world.document("fgr-1", "FGR")
    world.entity("fgr-1", "fgr-e1", "Person", name="Caro Quintero, Rafael")
    upload = tmp_path / "people.jsonl"
    upload.write_text(json.dumps({"id": "mine", "schema": "Person",
                                  "properties": {"name": ["Rafael Caro Quintero"]}}) + "\n")
    db = ["--db", store.url]

    result = runner.invoke(app, ["xref", "run", "--file", str(upload), "--as", "ana", *db])
    assert result.exit_code == 0, result.output
    found = lines(result.stdout)
    assert [x.get("entity") for x in found if x["match"] == "visible"] == ["fgr-e1"]
    hidden = [x for x in found if x["match"] == "a record exists"]
    assert [x["agency"] for x in hidden] == ["DEA"] and "dea-e1" not in result.output

    by_agency = runner.invoke(app, ["xref", "run", "--agency", "FGR", "--as", "ana", *db])
    assert [(x["query"], x["agency"]) for x in lines(by_agency.stdout)] == [("fgr-e1", "DEA")]
    status = lines(runner.invoke(app, ["xref", "status", *db]).stdout)[0]
    assert status["entities"] == 2 and not status["running"]

    asked = runner.invoke(app, ["requests", "ask", hidden[0]["ref"], "--as", "ana",
                                "--why", "same target", *db])
    request_id = lines(asked.stdout)[0]["request"]
    listed = lines(runner.invoke(app, ["requests", "list", "--as", "bob", *db]).stdout)
    assert listed[0]["documents"] == ["dea-1"]
    granted = runner.invoke(app, ["requests", "grant", str(request_id), "--as", "bob", *db])
    assert lines(granted.stdout)[0]["status"] == "granted"
    again = runner.invoke(app, ["xref", "run", "--file", str(upload), "--as", "ana", *db])
    assert {x.get("entity") for x in lines(again.stdout)} == {"fgr-e1", "dea-e1"}


def test_errors_are_one_line(world, store: Store) -> None:
    both = runner.invoke(app, ["xref", "run", "--as", "ana", "--db", store.url])
    assert both.exit_code == 1 and "exactly one collection" in both.output
    refuse = runner.invoke(app, ["requests", "refuse", "7", "--as", "bob", "--why", "no",
                                 "--db", store.url])
    assert refuse.exit_code == 1 and "no request 7" in refuse.output
