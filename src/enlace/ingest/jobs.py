"""Ingest jobs: one row per file, the file's bytes kept by content hash.

``enqueue_paths`` walks the paths it is given and records a job per file (a file over the
size limit gets a failed job with its reason straight away). The job table is the truth
about progress: a job is ``pending``, ``running``, ``done`` or ``failed``; a run that was
killed leaves ``running`` jobs, which :func:`recover` puts back to ``pending``. Because a
job's document, statements and ``done`` mark commit in one transaction, a resumed batch
neither loses nor duplicates anything.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from enlace.clock import utcnow
from enlace.exceptions import IngestError, InvalidData
from enlace.ingest.formats.limits import check_size, default_max_bytes
from enlace.sharing.marking import LabelOptions, resolve
from enlace.store import Store
from enlace.store.tables import blob, document, ingest_job

STATUSES = ("pending", "running", "done", "failed")


@dataclass(frozen=True)
class IngestOptions:
    """What a person asked for when ingesting: the label, and facts about the files."""

    label: LabelOptions = field(default_factory=LabelOptions)
    obtained_in: str | None = None
    date: str | None = None  # YYYY-MM-DD: the documents' date, for relative dates
    lang: str | None = None  # en | es, else detected

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> IngestOptions:
        data = json.loads(raw)
        label = data.pop("label")
        label["compartments"] = tuple(label.get("compartments") or ())
        label["releasable_to"] = tuple(label.get("releasable_to") or ())
        return cls(LabelOptions(**label), **data)


@dataclass(frozen=True)
class Batch:
    id: str
    jobs: int
    refused: int


def walk(paths: Sequence[Path]) -> Iterator[Path]:
    """Every file under ``paths``, recursively, in a stable order; hidden files skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in
                                               child.relative_to(path).parts):
                    yield child
        elif path.exists():
            yield path
        else:
            raise InvalidData(f"no such file or directory: {path}")


def put_blob(conn: Connection, content: bytes) -> str:
    """Keep ``content`` once, by its sha256; returns the hash."""
    digest = hashlib.sha256(content).hexdigest()
    exists = conn.execute(select(blob.c.content_hash).where(blob.c.content_hash == digest)).first()
    if exists is None:
        conn.execute(insert(blob).values(content_hash=digest, size=len(content),
                                         content=content, created_at=utcnow()))
    return digest


def add_job(conn: Connection, batch: str, path: str, file_name: str, owner: str, options: str,
            created_by: int, content: bytes | None, error: str | None = None,
            parent_document_id: str | None = None) -> int:
    """Record one job; with ``error`` it is failed from the start and keeps no bytes."""
    digest = put_blob(conn, content) if content is not None else None
    return int(conn.execute(insert(ingest_job).values(
        batch=batch, path=path, file_name=file_name, content_hash=digest,
        size=len(content) if content is not None else None, owner=owner, options=options,
        parent_document_id=parent_document_id, created_by=created_by,
        status="failed" if error else "pending", error=error, attempts=0,
        created_at=utcnow(), finished_at=utcnow() if error else None,
    )).inserted_primary_key[0])  # type: ignore[index]


def enqueue_paths(store: Store, paths: Sequence[Path], as_user: str,
                  options: IngestOptions) -> Batch:
    """Record a job per file; the label is checked once, before anything is stored."""
    principal = store.principal(as_user)
    label, _ = resolve(options.label, principal, store.scheme)
    assert label.owner is not None
    options = IngestOptions(LabelOptions(options.label.classification, options.label.compartments,
                                         options.label.releasable_to, label.owner,
                                         options.label.tlp),
                            options.obtained_in, options.date, options.lang)
    batch, jobs, refused = str(uuid.uuid4()), 0, 0
    limit = default_max_bytes()
    for path in walk(paths):
        with store.engine.begin() as conn:
            try:
                check_size(path.stat().st_size, path.name, limit)
                content, error = path.read_bytes(), None
            except (IngestError, OSError) as exc:
                content, error = None, str(exc)
                refused += 1
            add_job(conn, batch, str(path), path.name, label.owner, options.to_json(),
                    principal.id, content, error)
            jobs += 1
    return Batch(batch, jobs, refused)


def retry_failed(store: Store, as_user: str) -> Batch:
    """Put every failed job of this person back in the queue, as a new batch.

    A file that is still on disk is read again, so a file fixed since it failed is retried
    as it is now; an attachment, or a file that is gone, is retried from the kept bytes."""
    principal = store.principal(as_user)
    batch = str(uuid.uuid4())
    with store.engine.connect() as conn:
        failed = conn.execute(select(ingest_job.c.id, ingest_job.c.path,
                                     ingest_job.c.content_hash).where(
            ingest_job.c.status == "failed", ingest_job.c.created_by == principal.id)).all()
    requeued = 0
    for row in failed:
        values: dict[str, Any] = {"status": "pending", "error": None, "batch": batch,
                                  "finished_at": None}
        path = Path(row.path)
        if path.is_file():
            try:
                check_size(path.stat().st_size, path.name)
                content = path.read_bytes()
            except (IngestError, OSError) as exc:
                with store.engine.begin() as conn:
                    conn.execute(update(ingest_job).where(ingest_job.c.id == row.id)
                                 .values(error=str(exc), batch=batch))
                continue
            with store.engine.begin() as conn:
                values.update(content_hash=put_blob(conn, content), size=len(content))
        elif row.content_hash is None:
            continue
        with store.engine.begin() as conn:
            conn.execute(update(ingest_job).where(ingest_job.c.id == row.id).values(**values))
        requeued += 1
    return Batch(batch, requeued, len(failed) - requeued)


def recover(store: Store, older_than: timedelta = timedelta(0),
            user_id: int | None = None) -> list[int]:
    """Jobs left ``running`` (for longer than ``older_than``) by a process that died go
    back to ``pending``; returns their ids. Their work had not committed, so nothing is
    lost, and running them again duplicates nothing."""
    query = update(ingest_job).where(ingest_job.c.status == "running",
                                     ingest_job.c.started_at <= utcnow() - older_than)
    if user_id is not None:
        query = query.where(ingest_job.c.created_by == user_id)
    with store.engine.begin() as conn:
        return [int(i) for i in conn.execute(
            query.values(status="pending").returning(ingest_job.c.id)).scalars()]


def resume(store: Store, as_user: str) -> Batch:
    """Gather this person's interrupted and pending jobs into a new batch."""
    principal = store.principal(as_user)
    recover(store, user_id=principal.id)
    batch = str(uuid.uuid4())
    with store.engine.begin() as conn:
        found = conn.execute(update(ingest_job).where(
            ingest_job.c.status == "pending", ingest_job.c.created_by == principal.id,
        ).values(batch=batch))
    return Batch(batch, found.rowcount, 0)


def claim(store: Store, job_id: int) -> bool:
    """Mark a pending job running (committed at once); False if someone else has it."""
    with store.engine.begin() as conn:
        return conn.execute(update(ingest_job).where(
            ingest_job.c.id == job_id, ingest_job.c.status == "pending",
        ).values(status="running", started_at=utcnow(),
                 attempts=ingest_job.c.attempts + 1)).rowcount == 1


def claim_many(store: Store, job_ids: Sequence[int]) -> set[int]:
    """:func:`claim` for several jobs in one statement; returns the ids this call got."""
    if not job_ids:
        return set()
    with store.engine.begin() as conn:
        return {int(i) for i in conn.execute(update(ingest_job).where(
            ingest_job.c.id.in_(list(job_ids)), ingest_job.c.status == "pending",
        ).values(status="running", started_at=utcnow(), attempts=ingest_job.c.attempts + 1)
            .returning(ingest_job.c.id)).scalars()}


def fail(store: Store, job_id: int, reason: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(update(ingest_job).where(ingest_job.c.id == job_id).values(
            status="failed", error=reason[:2000], finished_at=utcnow()))


def pending_ids(store: Store, batch: str | None = None) -> list[int]:
    query = select(ingest_job.c.id).where(ingest_job.c.status == "pending")
    if batch is not None:
        query = query.where(ingest_job.c.batch == batch)
    with store.engine.connect() as conn:
        return list(conn.execute(query.order_by(ingest_job.c.id)).scalars())


def pending_children(store: Store, document_id: str) -> list[int]:
    """Pending jobs for the attachments of one document."""
    query = select(ingest_job.c.id).where(ingest_job.c.status == "pending",
                                          ingest_job.c.parent_document_id == document_id)
    with store.engine.connect() as conn:
        return list(conn.execute(query.order_by(ingest_job.c.id)).scalars())


def batch_counts(store: Store, batch: str) -> dict[str, int]:
    """How many jobs of a batch are in each status."""
    query = (select(ingest_job.c.status, func.count()).where(ingest_job.c.batch == batch)
             .group_by(ingest_job.c.status))
    with store.engine.connect() as conn:
        counts: dict[str, int] = {str(k): int(v) for k, v in conn.execute(query).all()}
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def failures(store: Store, batch: str | None = None) -> list[dict[str, Any]]:
    """Failed jobs with their reasons (the person's own paths and errors; no content)."""
    query = select(ingest_job.c.id, ingest_job.c.path, ingest_job.c.error).where(
        ingest_job.c.status == "failed")
    if batch is not None:
        query = query.where(ingest_job.c.batch == batch)
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query.order_by(ingest_job.c.id))]


def existing_document(conn: Connection, owner: str, content_hash: str) -> str | None:
    return conn.execute(select(document.c.id).where(
        document.c.owner == owner, document.c.content_hash == content_hash)).scalar()


def job_rows(store: Store, ids: Iterable[int]) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(ingest_job).where(ingest_job.c.id.in_(list(ids)))))
