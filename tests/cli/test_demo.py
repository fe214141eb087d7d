"""`enlace demo`: the README's main command builds the case, shows each agency's view,
gives each demo user a known password and serves the web UI (``--no-serve`` only prints)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.demo.test_demo_data import may_see
from typer.testing import CliRunner

from enlace.api.passwords import check_password
from enlace.cli import app
from enlace.demo.case import CASE_DIR, Case
from enlace.store import Store

PEOPLE = ("ana.ruiz", "carlos.navarro", "rachel.kim", "tomas.arce")


def test_demo_builds_the_case_and_is_idempotent(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--dir", str(tmp_path), "--no-serve"],
                          env={"COLUMNS": "160"})
    assert first.exit_code == 0, first.output
    case = yaml.safe_load((CASE_DIR / "case.yml").read_text(encoding="utf-8"))
    labelled = case["documents"] + case["texts"]
    assert f"{len(labelled)} new documents" in first.output
    for person in ("ana.ruiz", "michael.brennan", "tomas.arce", "carlos.navarro"):
        assert person in first.output
        assert f"demo-{person}" in first.output  # the demo logins are printed
    assert "nothing: not found" in first.output  # SEMAR sees nothing of the focus person
    second = runner.invoke(app, ["demo", "--dir", str(tmp_path), "--no-serve"],
                           env={"COLUMNS": "160"})
    assert second.exit_code == 0 and "0 new documents" in second.output
    store = Store.open(f"sqlite:///{tmp_path / 'enlace.db'}")
    try:
        for name in PEOPLE:
            sources = [d for d in store.view(name).documents() if d.kind == "source"]
            user = next(u for u in case["users"] if u["name"] == name)
            assert len(sources) == sum(may_see(case, user, d) for d in labelled), name
            assert check_password(store, store.principal(name), f"demo-{name}")
            assert not check_password(store, store.principal(name), "demo-someone.else")
        texts = {d.file_name: d for d in store.view("ana.ruiz").documents()
                 if d.file_name and d.file_name.endswith(".md")}
        assert texts and all(d.title and d.kind == "source" for d in texts.values())
        obtained = {Path(t["file"]).name for t in case["texts"] if t.get("obtained_in") == "MX"}
        seen = {d.file_name for d in store.view("michael.brennan").documents()
                if d.obtained_in == "MX"}
        assert obtained & seen
    finally:
        store.close()


def test_demo_serves_the_web_ui_unless_told_not_to(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[Any] = []
    monkeypatch.setattr("enlace.cli.serve.run_server",
                        lambda store, host, port: served.append((store.url, host, port)))
    bundled = Case.bundled()
    monkeypatch.setattr(Case, "bundled", classmethod(lambda cls: replace(bundled, texts=())))
    monkeypatch.setattr("enlace.cli.demo.set_passwords", lambda store, case: {})
    result = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path), "--port", "8123"],
                                env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert served == [(f"sqlite:///{tmp_path / 'enlace.db'}", "127.0.0.1", 8123)]
    assert "http://127.0.0.1:8123" in result.output
