"""Statements kept per query shape run with each reader's own scope, on both backends."""

from __future__ import annotations

import pytest

from enlace.search import Filters, Page, Results
from enlace.search import search as run_search
from enlace.search.statements import STATEMENTS, StatementCache
from enlace.store import Store, access

#: (reader, query, filters) -> the hits that reader may see.
EXPECTED = {
    ("ana", "extor*", "document"): {"d-fgr-1", "d-fgr-2"},
    ("bob", "extor*", "document"): {"d-dea-1"},
    ("carla", "extor*", "document"): {"d-fgr-1"},
    ("ana", "capi OR marlines", None): {"o-marlines"},
    ("bob", "capi OR marlines", None): {"p-salas"},
    ("carla", "capi OR marlines", None): {"o-marlines"},
}


def find(store: Store, who: str, query: str, kind: str | None) -> Results:
    return run_search(store.view(who), query, Filters(kind=kind), True, Page(limit=50),
                      aliases=True)


def owners(results: Results) -> set[str]:
    return set(results.facets["owner"]) if results.facets else set()


def test_readers_of_one_shape_share_statements_but_not_scopes(world: Store) -> None:
    STATEMENTS.clear()
    for _ in range(2):  # the second round runs only statements built in the first
        misses = STATEMENTS.misses
        for (who, query, kind), expected in EXPECTED.items():
            found = find(world, who, query, kind)
            assert {hit.id for hit in found.hits} == expected, who
            assert found.total == len(expected)
            assert owners(found) <= ({"DEA"} if who == "bob" else {"FGR"})
    assert STATEMENTS.misses == misses
    assert STATEMENTS.hits > 0


def test_a_rule_too_long_to_list_is_built_for_its_request_alone(
        world: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(access, "MAX_LISTED", 0)  # every list becomes a subquery
    before = STATEMENTS.hits, STATEMENTS.misses
    for (who, query, kind), expected in EXPECTED.items():
        assert {hit.id for hit in find(world, who, query, kind).hits} == expected, who
    assert (STATEMENTS.hits, STATEMENTS.misses) == before


def test_the_least_recently_used_statement_goes_first() -> None:
    cache = StatementCache(size=2)
    cache.get("a", lambda: "A")
    cache.get("b", lambda: "B")
    assert cache.get("a", lambda: "rebuilt") == "A"
    cache.get("c", lambda: "C")  # drops b, used longest ago
    assert cache.get("b", lambda: "B again") == "B again"
    assert cache.get("a", lambda: "rebuilt") == "rebuilt"  # dropped for b
    assert cache.get(None, lambda: "X") == "X"
    assert (cache.hits, cache.misses) == (1, 5)
