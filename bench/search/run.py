"""Scoped search against unscoped search and a raw FTS query, on one index, in one run.

For each query shape (common term, rare term, AND, phrase, prefix, accent) it times, in
interleaved rounds: the raw engine query (top 20 by rank, no joins), the unscoped search
(same code as a reader's, without the access filter), the scoped search of an analyst as
a reader runs it (``search(view, ...)``: the rule resolved for the request, then tested
per hit against label and grant lists), the scoped ranking alone (the same rule and
query, returning what the raw query returns: the page's ids and the total, without
titles, snippets or the audit entry) and, for comparison, the same search with the
rule evaluated for each hit (``View.visible_documents``). A search here is the page of
20 plus the exact total. Prints p50/p95 in ms and the ratios scoped/unscoped and
scoped/raw (goals: 1.3 and 2), scoped ranking/raw, and per-hit rule/scoped.

    python bench/search/run.py --db URL [--rounds 15] [--user analyst]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from enlace.search.model import Filters, Page
from enlace.search.query import parse
from enlace.search.service import Searcher, search
from enlace.store import Store, View

QUERIES = {
    "common": "cartel",
    "rare": "babeba",
    "AND": "cocaine tijuana",
    "phrase": '"san pedro sula"',
    "prefix": "extor*",
    "accent": '"cartel jalisco"',
}


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def runners(store: Store, view: View, per_hit: Searcher, unscoped: Searcher,
            text: str) -> dict[str, Callable[[], object]]:
    """The raw engine query (top 20 and count), the unscoped search, the reader's search,
    the reader's ranking alone and the search with the rule evaluated per hit."""
    ranking = Searcher(store, view.resolved_rule, view.clusters())
    compiled = unscoped.backend.compile(parse(text))
    top, count = unscoped.backend.raw(compiled, 20), unscoped.backend.raw_count(compiled)

    def raw() -> object:
        with store.engine.connect() as conn:
            return conn.execute(top).all(), conn.execute(count).scalar()

    return {
        "raw": raw,
        "unscoped": lambda: unscoped.run(text, Filters(kind="document"), False, Page(),
                                         aliases=False),
        "scoped": lambda: search(view, text, Filters(kind="document"), False, Page(),
                                 aliases=False),
        "ranking": lambda: ranking.ranked(text, Filters(kind="document"), Page(),
                                          aliases=False),
        "per-hit": lambda: per_hit.run(text, Filters(kind="document"), False, Page(),
                                       aliases=False),
    }


def bench(store: Store, user: str, rounds: int) -> None:
    view = store.view(user)
    per_hit = Searcher(store, view.visible_documents())
    unscoped = Searcher(store, None)
    with store.engine.connect() as conn:
        total = conn.exec_driver_sql("SELECT count(*) FROM search_document").scalar_one()
    print(f"{store.backend}: {total:,} indexed documents; user {user}")
    print(f"{'query':8} {'hits→visible':>16} {'raw p50/p95':>14} {'unscoped p50/p95':>18} "
          f"{'scoped p50/p95':>16} {'ranking p50/p95':>17} {'per-hit p50/p95':>17} "
          f"{'s/u':>5} {'s/raw':>6} {'r/raw':>6} {'ph/s':>5}")
    for shape, text in QUERIES.items():
        runs = runners(store, view, per_hit, unscoped, text)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(2):  # warm
            for run in runs.values():
                run()
        for _ in range(rounds):
            for name, run in runs.items():
                times[name].append(timed(run))
        hits = unscoped.run(text, Filters(kind="document"), False, Page(1), False).total
        seen = search(view, text, Filters(kind="document"), False, Page(1), False).total
        med = {k: statistics.median(v) for k, v in times.items()}
        cells = " ".join(f"{med[k]:8.1f}/{p95(times[k]):<8.1f}" for k in runs)
        print(f"{shape:8} {f'{hits:,}→{seen:,}':>16} {cells} "
              f"{med['scoped'] / med['unscoped']:5.2f} {med['scoped'] / med['raw']:6.2f} "
              f"{med['ranking'] / med['raw']:6.2f} {med['per-hit'] / med['scoped']:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--user", default="analyst")
    args = parser.parse_args()
    store = Store.open(args.db)
    try:
        bench(store, args.user, args.rounds)
    finally:
        store.close()


if __name__ == "__main__":
    main()
