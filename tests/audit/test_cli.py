"""``enlace audit``: verify, who-saw, export and checkpoint from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import update
from typer.testing import CliRunner

from enlace.audit.tables import audit_event
from enlace.cli import app

from .conftest import World

runner = CliRunner()


def run(*args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    return result.stdout, result.stderr


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_checkpoint_then_verify(world: World) -> None:
    db = world.store.url
    out, _ = run("audit", "checkpoint", "--db", db)
    signed = json.loads(out)
    assert signed["number"] == 1 and signed["seq"] == 2
    out, _ = run("audit", "verify", "--db", db)
    report = json.loads(out)
    assert report["ok"] and report["events"] == 3 and report["keys"] == [signed["key"]]
    run("audit", "verify", "--trust", signed["key"], "--db", db)


def test_verify_names_the_first_bad_event_and_exits_1(world: World) -> None:
    with world.store.engine.begin() as conn:
        conn.execute(update(audit_event).where(audit_event.c.seq == 1).values(actor="mallory"))
    out, err = run("audit", "verify", "--db", world.store.url, code=1)
    assert json.loads(out)["ok"] is False
    assert "event 1 was altered: its content does not match its hash" in err


def test_checkpoint_of_an_empty_log(store_url: str) -> None:
    run("init", "--db", store_url)
    out, err = run("audit", "checkpoint", "--db", store_url)
    assert out == "" and "nothing to sign" in err


def test_who_saw(world: World) -> None:
    db = world.store.url
    run("entity", "p-salas", "--as", "mike", "--db", db)
    out, _ = run("audit", "who-saw", world.people, "--as", "ana", "--db", db)
    seen = lines(out)
    assert [(s["who"], s["action"]) for s in seen] == [
        ("ana", "document.load"), ("mike", "read.entity"), ("mike", "read.document")]
    _, err = run("audit", "who-saw", world.people, "--as", "mike", "--db", db, code=1)
    assert "owner agency" in err
    _, err = run("audit", "who-saw", world.informant, "--as", "mike", "--db", db, code=1)
    assert "not found" in err


def test_export_to_a_file_and_since(world: World, tmp_path: Path) -> None:
    db = world.store.url
    target = tmp_path / "audit.jsonl"
    run("audit", "export", "--output", str(target), "--db", db)
    exported = lines(target.read_text())
    assert [e["seq"] for e in exported] == [1, 2]
    assert exported[1]["prev_hash"] == exported[0]["hash"]
    assert exported[0]["subjects"] == [f"document:{world.people}"]
    out, _ = run("audit", "export", "--since", "2", "--db", db)
    assert [(e["seq"], e["action"]) for e in lines(out)] == [(3, "audit.export")]
