"""``enlace ingest``, ``extract`` and ``worker``: documents in, statements out."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from enlace.cli.load import (
    Classification,
    Compartment,
    Owner,
    ReleasableTo,
    Tlp,
    label_options,
)
from enlace.cli.options import AsOption, DbOption, console, emit, err_console, friendly, open_store
from enlace.compliance import create_obligations
from enlace.exceptions import InvalidData
from enlace.extract import extract_text
from enlace.ingest import jobs, queue
from enlace.ingest.formats import parse_bytes
from enlace.ingest.jobs import IngestOptions
from enlace.ingest.process import JobResult
from enlace.store import Store

DateOption = Annotated[str | None, typer.Option(
    help="The documents' date (YYYY-MM-DD), against which relative dates are read.")]
STALE = dt.timedelta(minutes=15)  # a job running this long was left by a dead worker
LangOption = Annotated[str | None, typer.Option(help="en or es (default: detected).")]


class RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "- docs/s", style="progress.data.speed")


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidData(f"--date must be YYYY-MM-DD, not {value!r}") from None


def _check_lang(value: str | None) -> str | None:
    if value is not None and value not in ("en", "es"):
        raise InvalidData(f"--lang must be en or es, not {value!r}")
    return value


@friendly
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Files or directories (recursively).", show_default=False)] = None,
    as_user: AsOption = "",
    classification: Classification = None,
    compartment: Compartment = None,
    releasable_to: ReleasableTo = None,
    owner: Owner = None,
    tlp: Tlp = None,
    obtained_in: Annotated[str | None, typer.Option(
        help="Country where the information was obtained (e.g. MX).")] = None,
    date: DateOption = None,
    lang: LangOption = None,
    retry_failed: Annotated[bool, typer.Option(
        help="Run again only the jobs of yours that failed.")] = False,
    resume: Annotated[bool, typer.Option(
        help="Finish your jobs that an interrupted run left behind.")] = False,
    wait: Annotated[bool, typer.Option(
        help="PostgreSQL: wait for the batch (and help run it) instead of leaving it to "
             "`enlace worker`.")] = True,
    db: DbOption = None,
) -> None:
    """Ingest documents: parse, extract, resolve and store, as jobs with a progress bar."""
    if not as_user:
        raise InvalidData("say on whose behalf to ingest (--as USER)")
    store = open_store(db)
    if retry_failed:
        batch = jobs.retry_failed(store, as_user)
    elif resume:
        batch = jobs.resume(store, as_user)
    else:
        if not paths:
            raise InvalidData("give files or directories to ingest, or --retry-failed or "
                              "--resume")
        country = obtained_in.strip().upper() if obtained_in else None
        if country is not None and len(country) != 2:
            raise InvalidData(f"--obtained-in takes a two-letter country code, not {obtained_in!r}")
        options = IngestOptions(label_options(classification, compartment, releasable_to, owner,
                                              tlp), country, _check_date(date), _check_lang(lang))
        batch = jobs.enqueue_paths(store, paths, as_user, options)
    if store.backend == "postgresql":
        queue.defer(store, jobs.pending_ids(store, batch.id))
        if not wait:
            console.print(f"Queued {batch.jobs} jobs (batch {batch.id}) for `enlace worker`.",
                          highlight=False)
            return
    results = _run_with_progress(store, batch)
    _summarise(store, batch.id, results)
    create_obligations(store)  # documents obtained in Mexico by foreign agencies (LSN 71-IV)


def _run_with_progress(store: Store, batch: jobs.Batch) -> list[JobResult]:
    columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), RateColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        counts = jobs.batch_counts(store, batch.id)
        task = progress.add_task("ingest", total=sum(counts.values()),
                                 completed=counts["failed"] + counts["done"])

        def update(_: JobResult) -> None:
            now = jobs.batch_counts(store, batch.id)
            progress.update(task, total=sum(now.values()), completed=now["done"] + now["failed"])

        results = queue.run_inline(store, batch.id, update)
        if store.backend == "postgresql":  # workers may still hold some of the batch
            queue.wait_for(lambda: _settled(store, batch.id, update))
        update(JobResult(0, "done"))
    return results


def _settled(store: Store, batch: str, update: object) -> bool:
    counts = jobs.batch_counts(store, batch)
    if callable(update):
        update(None)
    return counts["pending"] == 0 and counts["running"] == 0


def _summarise(store: Store, batch: str, results: list[JobResult]) -> None:
    counts = jobs.batch_counts(store, batch)
    new = sum(1 for r in results if r.created)
    console.print(f"{counts['done']} documents done ({new} new, {counts['done'] - new} already "
                  f"stored), {counts['failed']} failed", highlight=False)
    failed = jobs.failures(store, batch)
    for item in failed:
        err_console.print(f"  failed: {item['path']}: {item['error']}", highlight=False,
                          soft_wrap=True)
    if failed:
        err_console.print("Fix what the reasons say, then run `enlace ingest --retry-failed "
                          "--as USER`.", highlight=False)


@friendly
def extract(
    file: Annotated[Path, typer.Argument(help="A document (.txt, .md, .html, .pdf, .eml, .docx)."
                                         )],
    lang: LangOption = None,
    date: DateOption = None,
) -> None:
    """Print what extraction finds in one document, as one JSON object; store nothing."""
    if not file.is_file():
        raise InvalidData(f"no such file: {file}")
    content = file.read_bytes()
    text = _plain_text(content, file.name)
    checked = _check_date(date)
    doc_date = dt.date.fromisoformat(checked) if checked else None
    emit(extract_text(text, _check_lang(lang), doc_date))


def _plain_text(content: bytes, name: str) -> str:
    """Plain text files are read as they are, so offsets count in the file's own text."""
    if name.lower().endswith((".txt", ".md", ".text")):
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    return parse_bytes(content, name).text


@friendly
def worker(
    concurrency: Annotated[int, typer.Option(help="Jobs run at once in this process.")] = 1,
    once: Annotated[bool, typer.Option(help="Stop when no job is left.")] = False,
    db: DbOption = None,
) -> None:
    """Take ingest jobs from the queue (PostgreSQL); run as many as you like, anywhere."""
    store = open_store(db)
    if store.backend != "postgresql":
        raise InvalidData("workers need PostgreSQL; on SQLite `enlace ingest` runs the jobs "
                          "itself")
    recovered = jobs.recover(store, older_than=STALE)
    if recovered:
        queue.defer(store, recovered)
    console.print(f"enlace worker on {store.url} (concurrency {concurrency})", highlight=False)
    started = time.monotonic()
    queue.run_worker(store, concurrency=concurrency, wait=not once)
    console.print(f"worker stopped after {time.monotonic() - started:.0f} s", highlight=False)
