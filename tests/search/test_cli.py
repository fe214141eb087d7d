"""``enlace search``: JSON lines out, facets and total last, one-line errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from enlace.cli import app
from enlace.store import Store

runner = CliRunner()


def lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_search_prints_hits_then_facets(world: Store) -> None:
    result = runner.invoke(app, ["search", "cartel OR extor* OR capi", "--as", "bob",
                                 "--db", world.url, "--facets", "--limit", "2"])
    assert result.exit_code == 0, result.output
    *hits, last = lines(result.stdout)
    assert len(hits) == 2
    for hit in hits:
        assert {"id", "kind", "title", "schema", "score", "snippet"} <= set(hit)
        assert hit["kind"] in ("document", "entity")
    assert last["total"] == 3
    assert last["facets"]["kind"] == {"document": 2, "entity": 1}  # type: ignore[index]


def test_search_filters_and_offset(world: Store) -> None:
    args = ["search", "--as", "root", "--db", world.url, "cartel OR cártel", "--kind",
            "document", "--owner", "FGR", "--from", "2024", "--to", "2024-12-31"]
    assert [h["id"] for h in lines(runner.invoke(app, args).stdout)] == ["d-fgr-1"]
    paged = runner.invoke(app, [*args[:6], "--offset", "1", "--limit", "1", "--facets"])
    hit, last = lines(paged.stdout)
    assert hit["kind"] == "document"
    assert last["total"] == 3


def test_bad_query_is_one_line_and_exit_1(world: Store) -> None:
    result = runner.invoke(app, ["search", '"open', "--as", "ana", "--db", world.url])
    assert result.exit_code == 1
    assert "closing quote" in result.output
    unknown = runner.invoke(app, ["search", "x", "--as", "nobody", "--db", world.url])
    assert unknown.exit_code == 1


def test_reindex(world: Store) -> None:
    result = runner.invoke(app, ["search", "reindex", "--db", world.url])
    assert result.exit_code == 0, result.output
    assert lines(result.stdout) == [{"documents": 6, "names": 7}]
