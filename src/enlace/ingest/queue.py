"""Running ingest jobs: in this process, or on PostgreSQL through procrastinate workers.

On SQLite the command that enqueues a batch also runs it. On PostgreSQL the jobs are also
deferred to procrastinate (kept in its own ``procrastinate`` schema) in runs of a few
(:func:`chunks`), each run one task whose documents spaCy processes as one batch, and
``enlace worker`` processes take them, on as many machines as point at the same database;
the ingest job table stays the record of what is done, so a worker killed mid-job loses
nothing: the job returns to ``pending`` (:func:`enlace.ingest.jobs.recover`) and runs
again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import procrastinate
from sqlalchemy import text
from sqlalchemy.engine import make_url

from enlace.ingest.jobs import pending_children, pending_ids
from enlace.ingest.process import JobResult, run_jobs
from enlace.store import Store

log = logging.getLogger(__name__)
SCHEMA = "procrastinate"
QUEUE = "enlace-ingest"

TASK = "enlace.ingest"
JOBS_PER_TASK = 8  # documents a worker takes at once, so that spaCy runs them in one batch
_worker_store: dict[str, Store] = {}


def ingest_task(job_id: int | None = None, job_ids: list[int] | None = None) -> None:
    """The procrastinate task: run some ingest jobs, then the attachments they turned up."""
    ids = [job_id] if job_id is not None else []  # tasks deferred before runs existed
    run_with_children(_worker_store["store"], [*ids, *(job_ids or [])])


def run_with_children(store: Store, job_ids: Sequence[int],
                      on_result: Callable[[JobResult], Any] | None = None) -> list[JobResult]:
    """Run ``job_ids`` together, then (together again) the attachments of what they stored."""
    results: list[JobResult] = []
    while job_ids:
        done = run_jobs(store, job_ids, on_result)
        results.extend(done)
        job_ids = [child for r in done if r.document_id and r.created
                   for child in pending_children(store, r.document_id)]
    return results


def chunks(job_ids: Sequence[int], size: int = JOBS_PER_TASK) -> list[list[int]]:
    """``job_ids`` in runs of at most ``size``; a short list is cut smaller so that it
    still spreads over a few workers."""
    size = max(1, min(size, -(-len(job_ids) // 4)))
    return [list(job_ids[i:i + size]) for i in range(0, len(job_ids), size)]


def conninfo(store: Store) -> str:
    """The store's URL as libpq understands it."""
    url = make_url(store.url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def make_app(store: Store) -> procrastinate.App:
    connector = procrastinate.PsycopgConnector(
        conninfo=conninfo(store), kwargs={"options": f"-c search_path={SCHEMA}"})
    app = procrastinate.App(connector=connector)
    app.task(name=TASK, queue=QUEUE)(ingest_task)
    return app


def ensure_schema(store: Store) -> None:
    """Create procrastinate's tables in their own schema, once."""
    with store.engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{SCHEMA}"'))
        exists = conn.execute(text(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = :s "
            "AND table_name = 'procrastinate_jobs'"), {"s": SCHEMA}).first()
    if exists is None:
        app = make_app(store)
        with app.open():
            app.schema_manager.apply_schema()


def defer(store: Store, job_ids: Iterable[int]) -> int:
    """Hand jobs to the workers; returns how many."""
    ensure_schema(store)
    app = make_app(store)
    count = 0
    with app.open():
        task = app.tasks[TASK]
        for chunk in chunks(list(job_ids)):
            task.defer(job_ids=chunk)
            count += len(chunk)
    return count


def run_worker(store: Store, concurrency: int = 1, wait: bool = True) -> None:
    """Process deferred jobs until stopped (or, with ``wait=False``, until none are left)."""
    ensure_schema(store)
    _worker_store["store"] = store
    make_app(store).run_worker(queues=[QUEUE], concurrency=concurrency, wait=wait,
                               install_signal_handlers=wait)


def run_inline(store: Store, batch: str | None,
               on_result: Callable[[JobResult], Any] | None = None) -> list[JobResult]:
    """Run every pending job (of ``batch``) here, including attachments found on the way,
    :data:`JOBS_PER_TASK` at a time."""
    results: list[JobResult] = []
    while True:
        ids = pending_ids(store, batch)
        if not ids:
            return results
        for start in range(0, len(ids), JOBS_PER_TASK):
            results.extend(run_jobs(store, ids[start:start + JOBS_PER_TASK], on_result))


def wait_for(done: Callable[[], bool], poll: float = 0.5, timeout: float | None = None) -> bool:
    """Poll until ``done()``; False on timeout."""
    start = time.monotonic()
    while not done():
        if timeout is not None and time.monotonic() - start > timeout:
            return False
        time.sleep(poll)
    return True
