"""Process ingest jobs: parse, extract, resolve and store, one transaction per job.

A job either commits its document, text, statements, child jobs (attachments) and its
``done`` mark together, or fails with a reason and leaves nothing but that reason. Any
error is caught here, so one bad file never stops a batch.

:func:`run_jobs` takes several jobs at once: it claims them in one statement, parses each,
runs spaCy over all their texts in one batch (:func:`enlace.extract.extract_many`), then
stores each job in its own short transaction. Parsing and extraction happen before that
transaction opens, and the steps that append to the audit chain come last in it, so the
chain's head lock is held only for the last few statements of a job and concurrent workers
rarely wait for each other.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from enlace.audit import record
from enlace.clock import utcnow
from enlace.exceptions import EnlaceError, IngestError
from enlace.extract import EXTRACTOR_VERSION, Extraction, extract, extract_many
from enlace.ingest import entities as ftm_entities
from enlace.ingest.extraction import statement_rows
from enlace.ingest.formats import ParsedDocument, parse_bytes
from enlace.ingest.jobs import IngestOptions, add_job, claim_many, existing_document, fail
from enlace.ingest.resolution import resolve_against_store
from enlace.model.markings import Label
from enlace.search import index_document, index_statements
from enlace.sharing.marking import resolve
from enlace.sharing.policy import Principal
from enlace.store import NewDocument, Store
from enlace.store.tables import app_user, blob, document_text, ingest_job

log = logging.getLogger(__name__)
CONFLICT_RETRIES = 3
T = TypeVar("T")


@dataclass(frozen=True)
class JobResult:
    job_id: int
    status: str  # done | failed | skipped
    document_id: str | None = None
    created: bool = False
    words: int = 0
    error: str | None = None


@dataclass(frozen=True)
class ParsedJob:
    """A claimed job whose file parsed, waiting for its extraction and its transaction."""

    job: Any
    principal: Principal
    label: Label
    owner: str
    tlp: str
    options: IngestOptions
    parsed: ParsedDocument
    doc_date: dt.date | None


def run_job(store: Store, job_id: int) -> JobResult:
    """Claim and process one job, recording failure instead of raising."""
    return run_jobs(store, [job_id])[0]


def run_jobs(store: Store, job_ids: Sequence[int],
             on_result: Callable[[JobResult], Any] | None = None) -> list[JobResult]:
    """Claim and process several jobs (NER batched over them); a result per id, in order.

    A job someone else holds is ``skipped``; a failure is recorded on its job only."""
    claimed = claim_many(store, job_ids)
    results: dict[int, JobResult] = {}

    def settle(result: JobResult) -> None:
        results[result.job_id] = result
        if on_result:
            on_result(result)

    rows = _job_rows(store, claimed)
    principals: dict[str, Principal] = {}
    waiting: list[ParsedJob] = []
    for job_id in job_ids:
        if job_id not in claimed:
            settle(JobResult(job_id, "skipped"))
            continue
        loaded = _guarded(store, job_id, partial(_load, store, rows.get(job_id), principals))
        if isinstance(loaded, ParsedJob):
            waiting.append(loaded)
        else:
            settle(loaded)
    extractions = _extract_all(waiting)
    for item, extraction in zip(waiting, extractions, strict=True):
        settle(_guarded(store, item.job.id, partial(_store, store, item, extraction)))
    return [results[job_id] for job_id in job_ids]


def _guarded(store: Store, job_id: int, step: Callable[[], T]) -> T | JobResult:
    """Run one job's step; a failure marks the job failed and becomes its result."""
    try:
        return step()
    except EnlaceError as exc:
        fail(store, job_id, str(exc))
        return JobResult(job_id, "failed", error=str(exc))
    except Exception as exc:  # a bug in one file's handling must not stop a batch
        log.exception("ingest job %s failed unexpectedly", job_id)
        reason = f"internal error ({type(exc).__name__}); see the worker's log"
        fail(store, job_id, reason)
        return JobResult(job_id, "failed", error=reason)


def _retrying(step: Callable[[], JobResult]) -> JobResult:
    """Run a job's transaction again when another worker's transaction won a race (a
    deadlock, or the same new row inserted twice); the loser rolled back whole."""
    for attempt in range(1, CONFLICT_RETRIES + 1):
        try:
            return step()
        except (IntegrityError, OperationalError):
            if attempt == CONFLICT_RETRIES:
                raise
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")


def _job_rows(store: Store, job_ids: set[int]) -> dict[int, Any]:
    """The claimed jobs with their creator's name and their bytes, in one query."""
    query = (select(ingest_job, app_user.c.name.label("user_name"),
                    blob.c.content.label("content"))
             .join(app_user, app_user.c.id == ingest_job.c.created_by)
             .join(blob, blob.c.content_hash == ingest_job.c.content_hash)
             .where(ingest_job.c.id.in_(sorted(job_ids))))
    with store.engine.connect() as conn:
        return {int(row.id): row for row in conn.execute(query)} if job_ids else {}


def _load(store: Store, job: Any, principals: dict[str, Principal]) -> ParsedJob | JobResult:
    """Parse a claimed job; FtM files and known bytes are finished here. ``principals``
    keeps the people already looked up by this run."""
    if job is None:
        raise IngestError("the job's file was not kept; ingest the file again")
    principal = principals.get(job.user_name)
    if principal is None:
        principal = principals[job.user_name] = store.principal(job.user_name)
    options = IngestOptions.from_json(job.options)
    label, tlp = resolve(options.label, principal, store.scheme)
    assert label.owner is not None
    owner = label.owner
    with store.engine.connect() as conn:
        found = existing_document(conn, owner, job.content_hash)
    if found is not None:
        return _retrying(lambda: _store_known(store, job, owner))
    if job.file_name.lower().endswith((".jsonl", ".ftm.json")):
        return _retrying(lambda: _store_ftm(store, job, principal, label, owner, tlp, options))
    parsed = parse_bytes(bytes(job.content), job.file_name)
    doc_date = _date(options.date) or parsed.published
    return ParsedJob(job, principal, label, label.owner, tlp, options, parsed, doc_date)


def _extract_all(items: Sequence[ParsedJob]) -> list[Extraction | None]:
    """Extractions for ``items`` in one spaCy batch; all None when the batch failed, so
    that each job then extracts alone and only the bad one fails."""
    if not items:
        return []
    try:
        found = extract_many([i.parsed.text for i in items],
                             doc_dates=[i.doc_date for i in items],
                             langs=[i.options.lang or i.parsed.language_hint for i in items])
    except Exception:  # each job then extracts alone, where its error is recorded
        log.warning("batched extraction of %d documents failed; extracting one by one",
                    len(items), exc_info=True)
        return [None] * len(items)
    return list(found)


def _store(store: Store, item: ParsedJob, extraction: Extraction | None) -> JobResult:
    if extraction is None:
        extraction = extract(item.parsed.text, item.options.lang or item.parsed.language_hint,
                             item.doc_date)
    return _retrying(lambda: _store_extraction(store, item, extraction))


def _store_extraction(store: Store, item: ParsedJob, extraction: Extraction) -> JobResult:
    job, principal, parsed = item.job, item.principal, item.parsed
    with store.writer() as writer:
        conn = writer.conn
        found = existing_document(conn, item.owner, job.content_hash)
        if found is not None:  # another job stored the same bytes meanwhile
            _done(conn, job.id, found)
            return JobResult(job.id, "done", found, created=False)
        doc_id = ftm_entities.document_id_for(item.owner, job.content_hash)
        writer.add_document(_new(doc_id, job, item.label, item.tlp, item.options, parsed,
                                 extraction.language, item.doc_date), principal)
        conn.execute(insert(document_text).values(
            document_id=doc_id, text=parsed.text,
            metadata=json.dumps(parsed.metadata, ensure_ascii=False, default=str)))
        rows = list(statement_rows(extraction, doc_id, EXTRACTOR_VERSION))
        writer.add_statements(rows)
        index_document(conn, doc_id)
        index_statements(conn, document_id=doc_id)
        for attachment in parsed.children:
            add_job(conn, job.batch, f"{job.path}#{attachment.filename}", attachment.filename,
                    job.owner, job.options, job.created_by, attachment.content,
                    parent_document_id=doc_id)
        # last: these append to the audit chain, whose head stays locked until commit
        resolve_against_store(writer, principal, doc_id, rows)
        record(store, principal, "document.ingest", [f"document:{doc_id}"],
               {"statements": len(rows), "attachments": len(parsed.children),
                "tlp": item.tlp}, conn=conn)
        _done(conn, job.id, doc_id)
    return JobResult(job.id, "done", doc_id, created=True, words=len(parsed.text.split()))


def _store_known(store: Store, job: Any, owner: str) -> JobResult:
    with store.engine.begin() as conn:
        found = existing_document(conn, owner, job.content_hash)
        assert found is not None
        _done(conn, job.id, found)
    return JobResult(job.id, "done", found, created=False)


def _store_ftm(store: Store, job: Any, principal: Principal, label: Label, owner: str,
               tlp: str, options: IngestOptions) -> JobResult:
    checked = ftm_entities.read_entities(_utf8(job.content, job.file_name).splitlines(),
                                         job.file_name)
    with store.writer() as writer:
        conn = writer.conn
        found = existing_document(conn, owner, job.content_hash)
        if found is not None:
            _done(conn, job.id, found)
            return JobResult(job.id, "done", found, created=False)
        doc_id = ftm_entities.document_id_for(owner, job.content_hash)
        writer.add_document(_new(doc_id, job, label, tlp, options, None, None), principal)
        writer.add_statements(ftm_entities.statement_rows(checked, doc_id,
                                                          f"user:{principal.name}"))
        index_statements(conn, document_id=doc_id)
        record(store, principal, "document.ingest", [f"document:{doc_id}"],
               {"entities": len(checked), "tlp": tlp}, conn=conn)
        _done(conn, job.id, doc_id)
    return JobResult(job.id, "done", doc_id, created=True)


def _new(doc_id: str, job: Any, label: Label, tlp: str, options: IngestOptions,
         parsed: ParsedDocument | None, language: str | None,
         published: dt.date | None = None) -> NewDocument:
    return NewDocument(
        id=doc_id, content_hash=job.content_hash, label=label, tlp=tlp,
        title=(parsed.title if parsed and parsed.title else job.file_name),
        file_name=job.file_name, mime_type=parsed.mime_type if parsed else "application/x-ftm+json",
        language=language, obtained_in=options.obtained_in,
        published=published.isoformat() if published else None,
        parent_id=job.parent_document_id,
    )


def _done(conn: Any, job_id: int, document_id: str) -> None:
    conn.execute(update(ingest_job).where(ingest_job.c.id == job_id).values(
        status="done", document_id=document_id, finished_at=utcnow(), error=None))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _utf8(content: bytes, name: str) -> str:
    try:
        return bytes(content).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EnlaceError(f"{name}: not UTF-8 text (byte {exc.start}); FtM JSON lines are "
                          "UTF-8") from None
