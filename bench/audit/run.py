"""Audit log benchmarks, each against a baseline measured in the same run.

1. Append rate: one event per transaction (``record``), and batched (``append_many``).
2. Verification of a log of N events (default 1,000,000; goal: under 10 s).
3. Audited against unaudited reads: ``view.entity`` and ``view.entities`` with the audit
   observer on and off, in interleaved rounds (goal: audited at 0.8x or better).

    python bench/audit/run.py [--events N] [--reads N] [--backend sqlite|postgresql|both]

Each figure is given in wall time and in this process's CPU time: on a shared machine the
wall clock also counts other people's work.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from enlace import settings
from enlace.audit import append_many, entry, record
from enlace.audit.verify import verify
from enlace.exceptions import NotFound
from enlace.model.markings import Label
from enlace.model.statement import statement_id
from enlace.store import NewDocument, Store
from enlace.store.engine import make_engine

console = Console()
AGENCIES = {"FGR": "MX", "SEMAR": "MX", "DEA": "US"}


@contextmanager
def fresh_store(backend: str, folder: Path) -> Iterator[Store]:
    """A new, migrated store on ``backend``, dropped afterwards."""
    if backend == "sqlite":
        store = Store.create(f"sqlite:///{folder / f'{uuid.uuid4().hex}.db'}")
        try:
            yield store
        finally:
            store.close()
        return
    admin = make_engine(settings.test_pg_url())
    name = f"enlace_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    store = Store.create(admin.url.set(database=name).render_as_string(hide_password=False))
    try:
        yield store
    finally:
        store.close()
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def populate(store: Store, n_entities: int = 5000, n_docs: int = 500) -> list[str]:
    """Agencies, one reader, and entities of 6 statements spread over labelled documents."""
    rng = random.Random(11)
    with store.writer() as w:
        for code, cc in AGENCIES.items():
            w.add_agency(code, f"Agency {code}", cc)
        w.add_user("reader", ["SEMAR"], "SECRET", ["FININT"])
    reader = store.principal("reader")
    docs = [uuid.UUID(int=rng.getrandbits(128)).hex for _ in range(n_docs)]
    with store.writer() as w:
        for doc in docs:
            owner = rng.choice(list(AGENCIES))
            label = Label(level=rng.choice([0, 1, 2]), owner=owner,
                          releasable_to=frozenset(rng.choice([(), ("MX",), ("SEMAR",)])))
            w.add_document(NewDocument(doc, None, label, "AMBER"), reader)
        rows = []
        ids = [f"e{i:06d}" for i in range(n_entities)]
        for entity_id in ids:
            for prop, value in [("id", entity_id), ("name", f"Name {entity_id}"),
                                ("alias", f"Alias {entity_id}"), ("nationality", "mx"),
                                ("notes", "note"), ("birthDate", "1980-01-01")]:
                doc = rng.choice(docs)
                rows.append({"id": statement_id(doc, entity_id, prop, value),
                             "entity_id": entity_id, "schema": "Person", "prop": prop,
                             "value": value, "document_id": doc, "origin": "bench"})
        w.add_statements(rows)
    return ids


def rate(label: str, count: int, seconds: float, cpu: float) -> tuple[str, str]:
    return label, (f"{count / seconds:,.0f} events/s ({count:,} in {seconds:.2f} s; "
                   f"this process's CPU {cpu:.2f} s)")


class Clock:
    """Wall time and this process's CPU time: on a shared machine the two differ."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def bench_appends(store: Store, singles: int, batched: int) -> list[tuple[str, str]]:
    who = store.principal("reader")
    subjects = ["entity:e000001", "document:" + "a" * 32]
    with Clock() as single:
        for _ in range(singles):
            record(store, who, "read.entity", subjects, {"entities": 1, "documents": 1})
    with Clock() as many:
        for _ in range(0, batched, 1000):
            append_many(store, [entry(who, "read.entity", subjects, {"entities": 1})
                                for _ in range(1000)])
    return [rate("append, one per transaction (record)", singles, single.wall, single.cpu),
            rate("append, batches of 1,000 (append_many)", batched, many.wall, many.cpu)]


def bench_verify(store: Store, total: int) -> list[tuple[str, str]]:
    who = store.principal("reader")
    have = verify(store).events
    batch = [entry(who, "read.search", [f"document:{i:032x}" for i in range(3)],
                   {"query": "lavado de dinero", "entities": 3}) for _ in range(10_000)]
    while have < total:
        append_many(store, batch[:total - have])
        have = min(total, have + 10_000)
    with Clock() as clock:
        report = verify(store)
    assert report.ok, report.first
    return [("verify", f"{report.events:,} events, {report.checkpoints} checkpoints in "
                       f"{clock.wall:.2f} s ({report.events / clock.wall:,.0f} events/s; "
                       f"this process's CPU {clock.cpu:.2f} s)")]


def timed(func: Callable[[], object]) -> tuple[float, float]:
    with Clock() as clock:
        func()
    return clock.wall, clock.cpu


def bench_reads(store: Store, ids: list[str], rounds: int,
                reads: int) -> list[tuple[str, str]]:
    view = store.view("reader")
    observers = list(store.observers)
    sample = random.Random(3).sample(ids, reads)

    def entity() -> None:
        for entity_id in sample:
            with suppress(NotFound):  # hidden from the reader: nothing read, nothing recorded
                view.entity(entity_id)

    def entities() -> None:
        for _ in view.entities():
            pass

    results = []
    for name, func in [("view.entity", entity), ("view.entities", entities)]:
        on: list[tuple[float, float]] = []
        off: list[tuple[float, float]] = []
        for _ in range(rounds):
            store.observers[:] = []
            off.append(timed(func))
            store.observers[:] = observers
            on.append(timed(func))
        base, audited = (statistics.median(w for w, _ in off),
                         statistics.median(w for w, _ in on))
        base_cpu, audited_cpu = (statistics.median(c for _, c in off),
                                 statistics.median(c for _, c in on))
        unit = f"{reads} reads" if name == "view.entity" else f"{len(ids):,} entities"
        results.append((f"{name} ({unit}), audited / unaudited",
                        f"{base / audited:.2f}x wall (unaudited {base * 1000:.0f} ms, "
                        f"audited {audited * 1000:.0f} ms); {base_cpu / audited_cpu:.2f}x "
                        f"this process's CPU; medians of {rounds}"))
    return results


def run(backend: str, events: int, reads: int, folder: Path) -> None:
    table = Table("measure", "result", title=f"audit log on {backend}")
    with fresh_store(backend, folder) as store:
        ids = populate(store)
        for row in bench_reads(store, ids, rounds=5, reads=reads):
            table.add_row(*row)
        for row in bench_appends(store, singles=2000, batched=100_000):
            table.add_row(*row)
        for row in bench_verify(store, events):
            table.add_row(*row)
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--reads", type=int, default=500, help="view.entity calls per round")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ENLACE_AUDIT_KEY"] = str(Path(folder) / "audit-ed25519.pem")
        for backend in ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]:
            run(backend, args.events, args.reads, Path(folder))


if __name__ == "__main__":
    main()
