"""``enlace graph``: JSON lines for listings, lineage as a tree, exports on disk."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from enlace.cli import app
from enlace.store import Store

from .lineage_world import lineage_world
from .world import cell

runner = CliRunner()


def run(store: Store, *args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, ["graph", *args, "--db", store.url])
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result.stdout, result.stderr


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_neighbours(store: Store) -> None:
    cell(store)
    out, _ = run(store, "neighbours", "p-lieutenant", "--as", "mike", "--hops", "2")
    found = lines(out)
    nodes = [f for f in found if f["type"] == "node"]
    assert nodes[0] == {"type": "node", "id": "p-lieutenant", "schema": "Person",
                        "caption": "Lucio Teniente", "hops": 0}
    assert [n["hops"] for n in nodes] == sorted(n["hops"] for n in nodes)
    assert {n["id"] for n in nodes} == {"p-lieutenant", "p-boss", "ev-meeting", "o-cell",
                                        "arr-boss"}
    assert all(f["source"] != "p-secret" and f["target"] != "p-secret"
               for f in found if f["type"] == "link")
    _, err = run(store, "neighbours", "p-secret", "--as", "mike", code=1)
    assert "not found" in err


def test_path(store: Store) -> None:
    cell(store)
    out, err = run(store, "path", "p-lieutenant", "p-courier", "--as", "mike")
    assert out == "" and "No path" in err
    out, _ = run(store, "path", "p-lieutenant", "p-courier", "--as", "ana")
    (found,) = lines(out)
    assert found["length"] == 2 and found["nodes"][1]["id"] == "p-secret"


def test_central_and_communities(store: Store) -> None:
    cell(store)
    out, _ = run(store, "central", "--as", "mike", "--measure", "pagerank", "--limit", "2")
    found = lines(out)
    assert [f["rank"] for f in found] == [1, 2] and found[0]["id"] == "p-boss"
    assert found[0]["measure"] == "pagerank"
    _, err = run(store, "central", "--as", "mike", "--measure", "nope", code=1)
    assert "unknown measure" in err
    out, _ = run(store, "communities", "--as", "ana")
    members = [m["id"] for c in lines(out) for m in c["members"]]
    assert "p-boss" in members and len(members) == len(set(members))


def test_lineage(store: Store) -> None:
    lineage_world(store)
    out, _ = run(store, "lineage", "o-cdn", "--as", "mike", "--json")
    found = json.loads(out)
    assert found["tree"][0]["id"] == "o-zetas"
    out, _ = run(store, "lineage", "o-blo", "--as", "mike")
    assert "Beltrán Leyva Organization" in out and "Cártel del Pacífico Sur" in out
    assert "after 2 leader fall(s)" in out and "Killing" in out and "Timeline" in out
    assert "Facción Reservada" not in out


def test_export(store: Store, tmp_path: Path) -> None:
    cell(store)
    _, err = run(store, "export", "--as", "mike", "--format", "csv", "--output",
                 str(tmp_path / "gephi"))
    assert "nodes" in err and (tmp_path / "gephi" / "edges.csv").is_file()
    run(store, "export", "--as", "mike", "--output", str(tmp_path / "g.graphml"))
    assert "p-secret" not in (tmp_path / "g.graphml").read_text(encoding="utf-8")
    _, err = run(store, "export", "--as", "mike", "--format", "pdf", "--output",
                 str(tmp_path / "x"), code=1)
    assert "unknown format" in err
