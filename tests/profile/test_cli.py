"""``enlace profile``: Rich by default, JSON with --json, one line and exit 1 when hidden."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import CliRunner

from enlace.cli import app
from enlace.store import Store

runner = CliRunner()


def test_json_profile(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    result = runner.invoke(app, ["profile", "p-boss", "--as", "mike", "--json",
                                 "--db", store.url])
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["id"] == "p-boss" and found["caption"] == "Arturo Bravo"
    assert "Clave Coral" not in result.stdout and "o-hidden" not in result.stdout


def test_rich_profile(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    result = runner.invoke(app, ["profile", "p-boss", "--as", "ana", "--db", store.url,
                                 "--related", "1"])
    assert result.exit_code == 0, result.stderr
    assert "Names and aliases" in result.stdout and "Clave Coral" in result.stdout
    assert "Relations" in result.stdout and "Timeline" in result.stdout


def test_hidden_entity_is_not_found(store: Store, case: Callable[[Store], None]) -> None:
    case(store)
    hidden = runner.invoke(app, ["profile", "p-secret", "--as", "mike", "--db", store.url])
    missing = runner.invoke(app, ["profile", "p-nobody", "--as", "mike", "--db", store.url])
    assert hidden.exit_code == missing.exit_code == 1
    assert "not found" in hidden.stderr and hidden.stdout == ""
    assert hidden.stderr.replace("p-secret", "X") == missing.stderr.replace("p-nobody", "X")
