"""Scoped search against unscoped search and a raw FTS query, on one index, in one run.

For each query shape (common term, rare term, AND, phrase, prefix, accent) it times, in
interleaved rounds: the raw engine query (top 20 by rank, no joins), the unscoped search
(same code as a reader's, without the access filter) and the scoped search of an analyst
(``View.visible_documents``). A search here is the page of 20 plus the exact total.
Prints p50/p95 in ms and the ratios scoped/unscoped and scoped/raw (goals: 1.3 and 2).

    python bench/search/run.py --db URL [--rounds 15] [--user analyst]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from enlace.search.model import Filters, Page
from enlace.search.query import parse
from enlace.search.service import Searcher
from enlace.store import Store

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


def runners(store: Store, scoped: Searcher, unscoped: Searcher,
            text: str) -> tuple[Callable[[], object], ...]:
    """The raw engine query (top 20 and count), the unscoped and the scoped search."""
    compiled = scoped.backend.compile(parse(text))
    top, count = scoped.backend.raw(compiled, 20), scoped.backend.raw_count(compiled)

    def raw() -> object:
        with store.engine.connect() as conn:
            return conn.execute(top).all(), conn.execute(count).scalar()

    def unscoped_run() -> object:
        return unscoped.run(text, Filters(kind="document"), False, Page(), aliases=False)

    def scoped_run() -> object:
        return scoped.run(text, Filters(kind="document"), False, Page(), aliases=False)

    return raw, unscoped_run, scoped_run


def bench(store: Store, user: str, rounds: int) -> None:
    view = store.view(user)
    scoped = Searcher(store, view.visible_documents())
    unscoped = Searcher(store, None)
    with store.engine.connect() as conn:
        total = conn.exec_driver_sql("SELECT count(*) FROM search_document").scalar_one()
    print(f"{store.backend}: {total:,} indexed documents; user {user}")
    print(f"{'query':8} {'hits→visible':>16} {'raw p50/p95':>14} {'unscoped p50/p95':>18} "
          f"{'scoped p50/p95':>16} {'s/u':>5} {'s/raw':>6}")
    for shape, text in QUERIES.items():

        raw, unscoped_run, scoped_run = runners(store, scoped, unscoped, text)

        times: dict[str, list[float]] = {"raw": [], "unscoped": [], "scoped": []}
        for _ in range(2):  # warm
            raw(), unscoped_run(), scoped_run()
        for _ in range(rounds):
            times["raw"].append(timed(raw))
            times["unscoped"].append(timed(unscoped_run))
            times["scoped"].append(timed(scoped_run))
        hits = unscoped.run(text, Filters(kind="document"), False, Page(1), False).total
        seen = scoped.run(text, Filters(kind="document"), False, Page(1), False).total
        med = {k: statistics.median(v) for k, v in times.items()}
        print(f"{shape:8} {f'{hits:,}→{seen:,}':>16} "
              f"{med['raw']:7.1f}/{p95(times['raw']):<6.1f} "
              f"{med['unscoped']:9.1f}/{p95(times['unscoped']):<8.1f} "
              f"{med['scoped']:8.1f}/{p95(times['scoped']):<7.1f} "
              f"{med['scoped'] / med['unscoped']:5.2f} {med['scoped'] / med['raw']:6.2f}")


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
