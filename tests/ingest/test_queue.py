"""Running jobs several at a time: the same statements as one at a time, a failed batch
extraction that fails no job, runs spread over workers, and a PostgreSQL worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from enlace.extract import Extraction
from enlace.ingest import jobs, process, queue
from enlace.ingest.jobs import IngestOptions
from enlace.store import Store
from enlace.store.tables import document, ingest_job, statement

TEXT_PROPS = ("name", "alias", "full", "summary", "keywords", "date", "topics")


def _facts(store: Store, batch: str) -> dict[str, list[tuple[Any, ...]]]:
    """Per file: the text statements of its document, without document-scoped ids."""
    query = (select(ingest_job.c.file_name, statement.c.schema, statement.c.prop,
                    statement.c.value, statement.c.span_start, statement.c.span_end)
             .join(document, document.c.id == ingest_job.c.document_id)
             .join(statement, statement.c.document_id == document.c.id)
             .where(ingest_job.c.batch == batch, statement.c.prop.in_(TEXT_PROPS)))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    out: dict[str, list[tuple[Any, ...]]] = {}
    for name, *fact in rows:
        out.setdefault(name, []).append(tuple(fact))
    return {name: sorted(facts, key=repr) for name, facts in out.items()}


def test_a_batched_run_stores_what_single_jobs_store(people: Store, corpus: Path) -> None:
    together = jobs.enqueue_paths(people, [corpus], "mike", IngestOptions())
    results = queue.run_inline(people, together.id)
    assert sorted(r.status for r in results) == ["done"] * 3 + ["failed"] * 2
    alone = jobs.enqueue_paths(people, [corpus], "ana", IngestOptions())
    for job_id in jobs.pending_ids(people, alone.id):
        process.run_job(people, job_id)
    batched, single = _facts(people, together.id), _facts(people, alone.id)
    assert len(batched) == 3 and batched == single


def test_a_failed_batch_extraction_fails_no_job(people: Store, corpus: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> list[Extraction]:
        raise RuntimeError("batch broke")

    monkeypatch.setattr(process, "extract_many", broken)
    batch = jobs.enqueue_paths(people, [corpus], "mike", IngestOptions())
    queue.run_inline(people, batch.id)
    assert jobs.batch_counts(people, batch.id)["done"] == 3


def test_jobs_held_elsewhere_are_skipped(people: Store, corpus: Path) -> None:
    batch = jobs.enqueue_paths(people, [corpus / "arrest.txt", corpus / "seizure.md"], "mike",
                               IngestOptions())
    first, second = jobs.pending_ids(people, batch.id)
    assert jobs.claim(people, first)
    results = process.run_jobs(people, [first, second])
    assert [r.status for r in results] == ["skipped", "done"]


def test_a_worker_runs_the_deferred_runs(people: Store, corpus: Path) -> None:
    batch = jobs.enqueue_paths(people, [corpus], "mike", IngestOptions())
    if people.backend != "postgresql":
        pytest.skip("workers need PostgreSQL; SQLite runs batches inline (tests above)")
    assert queue.defer(people, jobs.pending_ids(people, batch.id)) == 5
    queue.run_worker(people, wait=False)
    assert jobs.batch_counts(people, batch.id) == {"pending": 0, "running": 0, "done": 3,
                                                    "failed": 2}


@pytest.mark.parametrize(("count", "sizes"), [
    (0, []), (1, [1]), (5, [2, 2, 1]), (8, [2, 2, 2, 2]), (40, [8] * 5)])
def test_queued_jobs_spread_over_workers_in_small_runs(count: int, sizes: list[int]) -> None:
    ids = list(range(1, count + 1))
    runs = queue.chunks(ids)
    assert [len(run) for run in runs] == sizes
    assert [i for run in runs for i in run] == ids
