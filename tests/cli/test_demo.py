"""`enlace demo`: the README's main command builds the case and shows each agency's view."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from enlace.cli import app
from enlace.store import Store


def test_demo_builds_the_case_and_is_idempotent(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--dir", str(tmp_path)], env={"COLUMNS": "160"})
    assert first.exit_code == 0, first.output
    assert "15 new documents" in first.output
    for person in ("ana.ruiz", "michael.brennan", "tomas.arce", "carlos.navarro"):
        assert person in first.output
    assert "nothing: not found" in first.output  # SEMAR sees nothing of the focus person
    second = runner.invoke(app, ["demo", "--dir", str(tmp_path)], env={"COLUMNS": "160"})
    assert second.exit_code == 0 and "0 new documents" in second.output
    store = Store.open(f"sqlite:///{tmp_path / 'enlace.db'}")
    try:
        counts = {name: store.view(name).count_documents()
                  for name in ("ana.ruiz", "carlos.navarro", "rachel.kim")}
    finally:
        store.close()
    assert counts == {"ana.ruiz": 9, "carlos.navarro": 4, "rachel.kim": 5}
