"""Process one ingest job: parse, extract, resolve and store, in one transaction.

A job either commits its document, text, statements, child jobs (attachments) and its
``done`` mark together, or fails with a reason and leaves nothing but that reason. Any
error is caught here, so one bad file never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from enlace.audit import record
from enlace.clock import utcnow
from enlace.exceptions import EnlaceError
from enlace.extract import EXTRACTOR_VERSION, extract
from enlace.ingest import entities as ftm_entities
from enlace.ingest.extraction import statement_rows
from enlace.ingest.formats import parse_bytes
from enlace.ingest.jobs import IngestOptions, add_job, claim, existing_document, fail
from enlace.ingest.resolution import resolve_against_store
from enlace.search import index_document, index_statements
from enlace.sharing.marking import resolve
from enlace.store import NewDocument, Store
from enlace.store.tables import app_user, blob, document_text, ingest_job

log = logging.getLogger(__name__)
CONFLICT_RETRIES = 3


@dataclass(frozen=True)
class JobResult:
    job_id: int
    status: str  # done | failed | skipped
    document_id: str | None = None
    created: bool = False
    words: int = 0
    error: str | None = None


def run_job(store: Store, job_id: int) -> JobResult:
    """Claim and process one job, recording failure instead of raising."""
    if not claim(store, job_id):
        return JobResult(job_id, "skipped")
    try:
        for attempt in range(1, CONFLICT_RETRIES + 1):
            try:
                return _process(store, job_id)
            except (IntegrityError, OperationalError):
                # Another worker's transaction won a race (a deadlock, or the same new row
                # inserted twice); the job's own transaction rolled back whole, so run it again.
                if attempt == CONFLICT_RETRIES:
                    raise
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")
    except EnlaceError as exc:
        fail(store, job_id, str(exc))
        return JobResult(job_id, "failed", error=str(exc))
    except Exception as exc:  # a bug in one file's handling must not stop a batch
        log.exception("ingest job %s failed unexpectedly", job_id)
        reason = f"internal error ({type(exc).__name__}); see the worker's log"
        fail(store, job_id, reason)
        return JobResult(job_id, "failed", error=reason)


def _process(store: Store, job_id: int) -> JobResult:
    with store.engine.connect() as conn:
        job = conn.execute(select(ingest_job).where(ingest_job.c.id == job_id)).one()
        user = conn.execute(select(app_user.c.name).where(app_user.c.id == job.created_by)).one()
        content = conn.execute(select(blob.c.content)
                               .where(blob.c.content_hash == job.content_hash)).scalar_one()
    principal = store.principal(user.name)
    options = IngestOptions.from_json(job.options)
    label, tlp = resolve(options.label, principal, store.scheme)
    assert label.owner is not None
    with store.writer() as writer:
        conn = writer.conn
        found = existing_document(conn, label.owner, job.content_hash)
        if found is not None:
            _done(conn, job_id, found)
            return JobResult(job_id, "done", found, created=False)
        doc_id = ftm_entities.document_id_for(label.owner, job.content_hash)
        if job.file_name.lower().endswith((".jsonl", ".ftm.json")):
            checked = ftm_entities.read_entities(_utf8(content, job.file_name).splitlines(),
                                                 job.file_name)
            writer.add_document(_new(doc_id, job, label, tlp, options, None, None), principal)
            writer.add_statements(ftm_entities.statement_rows(checked, doc_id,
                                                              f"user:{principal.name}"))
            index_statements(conn, document_id=doc_id)
            record(store, principal, "document.ingest", [f"document:{doc_id}"],
                   {"entities": len(checked), "tlp": tlp}, conn=conn)
            _done(conn, job_id, doc_id)
            return JobResult(job_id, "done", doc_id, created=True)
        parsed = parse_bytes(bytes(content), job.file_name)
        doc_date = _date(options.date) or parsed.published
        extraction = extract(parsed.text, options.lang or parsed.language_hint, doc_date)
        writer.add_document(_new(doc_id, job, label, tlp, options, parsed, extraction.language,
                                 doc_date), principal)
        conn.execute(insert(document_text).values(
            document_id=doc_id, text=parsed.text,
            metadata=json.dumps(parsed.metadata, ensure_ascii=False, default=str)))
        rows = list(statement_rows(extraction, doc_id, EXTRACTOR_VERSION))
        writer.add_statements(rows)
        index_document(conn, doc_id)
        index_statements(conn, document_id=doc_id)
        resolve_against_store(writer, principal, doc_id, rows)
        for attachment in parsed.children:
            add_job(conn, job.batch, f"{job.path}#{attachment.filename}", attachment.filename,
                    job.owner, job.options, job.created_by, attachment.content,
                    parent_document_id=doc_id)
        record(store, principal, "document.ingest", [f"document:{doc_id}"],
               {"statements": len(rows), "attachments": len(parsed.children), "tlp": tlp},
               conn=conn)
        _done(conn, job_id, doc_id)
    return JobResult(job_id, "done", doc_id, created=True, words=len(parsed.text.split()))


def _new(doc_id: str, job: Any, label: Any, tlp: str, options: IngestOptions, parsed: Any,
         language: str | None, published: dt.date | None = None) -> NewDocument:
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
