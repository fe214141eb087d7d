"""Running ingest jobs: in this process, or on PostgreSQL through procrastinate workers.

On SQLite the command that enqueues a batch also runs it. On PostgreSQL each job is also
deferred to procrastinate (kept in its own ``procrastinate`` schema), and ``enlace worker``
processes take them, on as many machines as point at the same database; the ingest job
table stays the record of what is done, so a worker killed mid-job loses nothing: the job
returns to ``pending`` (:func:`enlace.ingest.jobs.recover`) and runs again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

import procrastinate
from sqlalchemy import text
from sqlalchemy.engine import make_url

from enlace.ingest.jobs import pending_children, pending_ids
from enlace.ingest.process import JobResult, run_job
from enlace.store import Store

log = logging.getLogger(__name__)
SCHEMA = "procrastinate"
QUEUE = "enlace-ingest"

TASK = "enlace.ingest"
_worker_store: dict[str, Store] = {}


def ingest_task(job_id: int) -> None:
    """The procrastinate task: run one ingest job, then the attachments it turned up."""
    store = _worker_store["store"]
    result = run_job(store, job_id)
    if result.document_id and result.created:
        for child in pending_children(store, result.document_id):
            run_job(store, child)


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
        for job_id in job_ids:
            task.defer(job_id=job_id)
            count += 1
    return count


def run_worker(store: Store, concurrency: int = 1, wait: bool = True) -> None:
    """Process deferred jobs until stopped (or, with ``wait=False``, until none are left)."""
    ensure_schema(store)
    _worker_store["store"] = store
    make_app(store).run_worker(queues=[QUEUE], concurrency=concurrency, wait=wait,
                               install_signal_handlers=wait)


def run_inline(store: Store, batch: str | None,
               on_result: Callable[[JobResult], Any] | None = None) -> list[JobResult]:
    """Run every pending job (of ``batch``) here, including attachments found on the way."""
    results: list[JobResult] = []
    while True:
        ids = pending_ids(store, batch)
        if not ids:
            return results
        for job_id in ids:
            result = run_job(store, job_id)
            results.append(result)
            if on_result:
                on_result(result)


def wait_for(done: Callable[[], bool], poll: float = 0.5, timeout: float | None = None) -> bool:
    """Poll until ``done()``; False on timeout."""
    start = time.monotonic()
    while not done():
        if timeout is not None and time.monotonic() - start > timeout:
            return False
        time.sleep(poll)
    return True
