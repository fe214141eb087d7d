"""Upload files for ingest, and follow a batch's jobs."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from sqlalchemy import select

from enlace.api.routes.deps import CurrentView
from enlace.exceptions import InvalidData, NotFound
from enlace.ingest import jobs, queue
from enlace.ingest.jobs import IngestOptions
from enlace.sharing.marking import LabelOptions
from enlace.store import Store, View
from enlace.store.tables import ingest_job

router = APIRouter(prefix="/api", tags=["ingest"])
MAX_FILES = 50


def enqueue_uploads(view: View, files: list[tuple[str, bytes]], options: IngestOptions) -> str:
    """Record a job per uploaded file, hand the batch to be run, return its id.

    On PostgreSQL the jobs go to the queue that ``enlace worker`` processes take them from
    (as ``enlace ingest`` does), so the web server does no extraction; on SQLite, which has
    no workers, a background thread of this process runs them. Either way the job table
    tracks progress for the batch page."""
    if not files:
        raise InvalidData("choose at least one file to upload")
    if len(files) > MAX_FILES:
        raise InvalidData(f"upload at most {MAX_FILES} files at once")
    store = view.store
    with tempfile.TemporaryDirectory(prefix="enlace-upload-") as folder:
        paths = []
        for number, (name, content) in enumerate(files):
            safe = Path(name or "upload").name.replace("\x00", "") or "upload"
            path = Path(folder) / f"{number:03d}" / safe
            path.parent.mkdir()
            path.write_bytes(content)
            paths.append(path)
        batch = jobs.enqueue_paths(store, paths, view.principal.name, options)
    if store.backend == "postgresql":
        queue.defer(store, jobs.pending_ids(store, batch.id))
    else:
        threading.Thread(target=_run, args=(store, batch.id), name=f"ingest-{batch.id}",
                         daemon=True).start()
    return batch.id


def _run(store: Store, batch: str) -> None:
    queue.run_inline(store, batch)


def batch_status(view: View, batch: str) -> dict[str, Any]:
    """Counts and per-file states of one of your batches; NotFound for anyone else's."""
    query = select(ingest_job.c.file_name, ingest_job.c.status, ingest_job.c.error,
                   ingest_job.c.document_id, ingest_job.c.created_by).where(
        ingest_job.c.batch == batch).order_by(ingest_job.c.id)
    with view.store.engine.connect() as conn:
        rows = list(conn.execute(query))
    if not rows or any(r.created_by != view.principal.id for r in rows):
        raise NotFound(f"batch {batch!r} not found")
    counts = jobs.batch_counts(view.store, batch)
    total = sum(counts.values())
    return {"batch": batch, "counts": counts, "total": total,
            "finished": counts["done"] + counts["failed"] == total,
            "files": [{"file": r.file_name, "status": r.status, "error": r.error,
                       "document": r.document_id} for r in rows]}


def options_from(classification: str | None, compartments: str | None,
                 releasable_to: str | None, tlp: str | None,
                 obtained_in: str | None) -> IngestOptions:
    def split(text: str | None) -> tuple[str, ...]:
        return tuple(p.strip() for p in (text or "").replace(";", ",").split(",") if p.strip())

    country = (obtained_in or "").strip().upper() or None
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise InvalidData("obtained in takes a two-letter country code, such as MX")
    label = LabelOptions(classification or None, split(compartments), split(releasable_to),
                         None, tlp or None)
    return IngestOptions(label, country)


@router.post("/uploads", status_code=202)
async def upload(
    view: CurrentView,
    files: Annotated[list[UploadFile], File(description="Documents to ingest.")],
    classification: Annotated[str | None, Form()] = None,
    compartments: Annotated[str | None, Form()] = None,
    releasable_to: Annotated[str | None, Form()] = None,
    tlp: Annotated[str | None, Form()] = None,
    obtained_in: Annotated[str | None, Form()] = None,
) -> dict[str, Any]:
    """Ingest uploaded files under the label given; poll the batch for progress."""
    options = options_from(classification, compartments, releasable_to, tlp, obtained_in)
    read = [(f.filename or "upload", await f.read()) for f in files]
    batch = enqueue_uploads(view, read, options)
    return batch_status(view, batch)


@router.get("/jobs/{batch}")
def job_status(batch: str, view: CurrentView) -> dict[str, Any]:
    """How far one of your upload batches has got."""
    return batch_status(view, batch)
