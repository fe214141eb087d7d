"""``enlace user passwd``, ``enlace token create`` and ``enlace serve``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from enlace.api.app import create_app
from enlace.api.passwords import check_password
from enlace.cli import app
from enlace.store import Store


def test_passwd_reads_stdin_and_refuses_short_ones(case_store: Store) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["user", "passwd", "sofia.galindo", "--db", case_store.url],
                         input="a-long-enough-secret\n")
    assert done.exit_code == 0, done.output
    assert check_password(case_store, case_store.principal("sofia.galindo"),
                          "a-long-enough-secret")
    short = runner.invoke(app, ["user", "passwd", "sofia.galindo", "--db", case_store.url],
                          input="short\n")
    assert short.exit_code == 1 and "at least" in short.output
    unknown = runner.invoke(app, ["user", "passwd", "nobody.here", "--db", case_store.url],
                            input="a-long-enough-secret\n")
    assert unknown.exit_code == 1


def test_token_create_prints_a_working_token(case_store: Store) -> None:
    result = CliRunner().invoke(app, ["token", "create", "--as", "tomas.arce",
                                      "--name", "cron", "--db", case_store.url])
    assert result.exit_code == 0, result.output
    token = json.loads(result.output)["token"]
    with TestClient(create_app(case_store)) as client:
        me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["name"] == "tomas.arce"


def test_serve_runs_the_app_on_the_store(case_store: Store, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda application, **kw: served.append(
        (application.state.store.url, kw["host"], kw["port"])))
    result = CliRunner().invoke(app, ["serve", "--port", "8765", "--db", case_store.url])
    assert result.exit_code == 0, result.output
    assert served == [(case_store.url, "127.0.0.1", 8765)]
    missing = CliRunner().invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert missing.exit_code == 1 and "enlace init" in missing.output
