"""Scoped against unscoped entity listing over a million statements, in one run.

Loads N statements (default 1,000,000: 100,000 entities of 10 statements) spread over
10,000 documents with varied labels, then lists every entity three ways in interleaved
rounds: with no access filter (the baseline, same assembly code), as a person who may
see everything (the filter's full cost with nothing removed), and as a typical analyst
who sees about a third. Prints medians and ratios against the baseline.

    python bench/store/listing.py [--statements N] [--backend sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from enlace import settings
from enlace.model.markings import Label
from enlace.model.statement import statement_id
from enlace.store import NewDocument, Store
from enlace.store.engine import make_engine
from enlace.store.tables import statement
from enlace.store.view import STATEMENT_COLUMNS, stream_entities

console = Console()
AGENCIES = {"FGR": "MX", "SEMAR": "MX", "UIF": "MX", "CNI": "MX", "DEA": "US", "HSI": "US"}
SCHEMATA = [("Person", ["name", "alias", "nationality", "birthDate", "notes"]),
            ("Organization", ["name", "alias", "country", "topics", "notes"]),
            ("BankAccount", ["accountNumber", "bankName", "country", "notes", "iban"])]
VALUES = {"nationality": ["mx", "us", "co", "gt"], "country": ["mx", "us", "co", "gt"],
          "birthDate": ["1970-01-02", "1985-06-30", "1991-11-11"],
          "topics": ["crime.traffick.drug", "crime.fin"]}


def populate(store: Store, n_statements: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with store.writer() as w:
        for code, cc in AGENCIES.items():
            w.add_agency(code, f"Agency {code}", cc)
        w.add_user("loader", list(AGENCIES), "SECRET", ["SOURCES", "FININT", "OP-A"])
        w.add_user("everything", list(AGENCIES), "SECRET", ["SOURCES", "FININT", "OP-A"])
        w.add_user("analyst", ["SEMAR"], "CONFIDENTIAL", ["FININT"])
    loader = store.principal("loader")
    n_docs = 10_000
    with store.writer() as w:
        for i in range(n_docs):
            owner = rng.choice(list(AGENCIES))
            comps = rng.choice([(), (), (), ("FININT",), ("SOURCES",), ("OP-A",)])
            release = rng.choice([(), ("MX",), ("US",), ("MX", "US"), ("FGR",), ("DEA", "UIF")])
            label = Label(rng.choice([0, 1, 1, 2, 2, 3]), frozenset(comps), frozenset(release),
                          owner)
            w.add_document(NewDocument(f"doc{i:05d}", f"h{i}", label, "AMBER"), loader)
    n_entities = n_statements // 10

    def rows():  # type: ignore[no-untyped-def]
        for e in range(n_entities):
            schema, props = SCHEMATA[e % 3]
            entity_id = f"ent{e:07d}"
            for k in range(10):
                doc = f"doc{rng.randrange(n_docs):05d}"
                prop = props[k % 5]
                value = rng.choice(VALUES.get(prop, [f"{prop} {e} {k}"]))
                yield {"id": statement_id(doc, entity_id, prop, f"{value}#{k}"),
                       "entity_id": entity_id, "schema": schema, "prop": prop, "value": value,
                       "document_id": doc, "origin": "bench"}

    with store.writer() as w:
        w.add_statements(rows())
    if store.backend == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    else:
        with store.engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))


def count_entities(listing: Callable[[], object]) -> tuple[float, int]:
    start = time.perf_counter()
    n = sum(1 for _ in listing())  # type: ignore[attr-defined]
    return time.perf_counter() - start, n


def measure(store: Store, rounds: int) -> dict[str, tuple[float, int]]:
    unscoped = sa.select(*STATEMENT_COLUMNS).order_by(statement.c.entity_id)
    variants: dict[str, Callable[[], object]] = {
        "unscoped (baseline)": lambda: stream_entities(store, unscoped),
        "scoped, sees everything": lambda: store.view("everything").entities(),
        "scoped, typical analyst": lambda: store.view("analyst").entities(),
    }
    times: dict[str, list[float]] = {k: [] for k in variants}
    counts: dict[str, int] = {}
    for _ in range(rounds):
        for name, listing in variants.items():
            seconds, n = count_entities(listing)
            times[name].append(seconds)
            counts[name] = n
    return {k: (statistics.median(v), counts[k]) for k, v in times.items()}


def run(backend: str, n_statements: int, rounds: int) -> None:
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="enlace-bench-"))
        url, cleanup = f"sqlite:///{folder / 'enlace.db'}", None
    else:
        admin = make_engine(settings.test_pg_url())
        name = f"enlace_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = admin.url.set(database=name).render_as_string(hide_password=False)

        def cleanup() -> None:
            with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    store = Store.create(url)
    try:
        with console.status(f"[{backend}] loading {n_statements:,} statements..."):
            start = time.perf_counter()
            populate(store, n_statements)
            load_s = time.perf_counter() - start
        with console.status(f"[{backend}] listing, {rounds} interleaved rounds..."):
            results = measure(store, rounds)
    finally:
        store.close()
        if cleanup:
            cleanup()
    base = results["unscoped (baseline)"][0]
    table = Table(title=f"{backend}: {n_statements:,} statements loaded in {load_s:.1f} s "
                        f"({n_statements / load_s:,.0f}/s)", title_justify="left")
    for col in ("listing", "entities", "median s", "ratio to unscoped"):
        table.add_column(col, justify="left" if col == "listing" else "right")
    for name, (seconds, n) in results.items():
        table.add_row(name, f"{n:,}", f"{seconds:.2f}", f"{seconds / base:.2f}x")
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    for backend in (["sqlite", "postgresql"] if args.backend == "both" else [args.backend]):
        run(backend, args.statements, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
