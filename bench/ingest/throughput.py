"""Ingest throughput: words per second end to end against bare spaCy NER, in one run.

Texts: the extraction development set (English and Spanish news-style documents), each
copy made unique by a numbered first line so content addressing stores every one. Four
figures are measured in interleaved rounds:

* bare spaCy, NER only, ``nlp.pipe`` over the same texts (the baseline);
* ``enlace.extract`` alone, one document at a time (language, NER, gazetteer, dates,
  events, relations), and batched (``extract_many``, as ingest runs it);
* ``enlace ingest`` end to end into a fresh SQLite store: parse, extract, resolve, store.

The batched extraction and the end-to-end run are timed twice: with the dependency parse of
relation extraction (the default) and without it (``ENLACE_RELATION_PARSER=off``).

With ``--workers`` and a PostgreSQL server, it also times one ``enlace worker`` against two
on the same queue.

    python bench/ingest/throughput.py [--copies 3] [--rounds 3] [--workers]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import spacy
import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

import enlace  # noqa: F401  (points FtM at enlace's schemata before anything imports it)
from enlace import settings
from enlace.extract import extract, extract_many
from enlace.extract.language import resolve_language
from enlace.extract.nlp import _EXCLUDE, MODELS
from enlace.ingest import jobs, queue
from enlace.ingest.jobs import IngestOptions
from enlace.store import Store
from enlace.store.engine import make_engine

console = Console()
HERE = Path(__file__).parent
SETS = [HERE.parent / "extraction" / "dev"]


def load_texts(copies: int) -> list[str]:
    texts: list[str] = []
    for folder in SETS:
        for path in sorted(folder.glob("*.txt")):
            body = path.read_text(encoding="utf-8").split("\n", 2)[2]
            texts.extend(f"Copia {i}.\n\n{body}" for i in range(copies))
    return texts


def bare_ner(texts: list[str], langs: list[str]) -> float:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*was trained with spaCy v3\.1.*")
        pipelines = {lang: spacy.load(name, exclude=list(_EXCLUDE))
                     for lang, name in MODELS.items()}
    start = time.perf_counter()
    for lang, nlp in pipelines.items():
        for _ in nlp.pipe([t for t, lg in zip(texts, langs, strict=True) if lg == lang],
                          batch_size=32):
            pass
    return time.perf_counter() - start


def extract_only(texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        extract(text)
    return time.perf_counter() - start


def extract_batched(texts: list[str]) -> float:
    start = time.perf_counter()
    extract_many(texts)
    return time.perf_counter() - start


@contextmanager
def relation_parser(on: bool) -> Iterator[None]:
    before = os.environ.get("ENLACE_RELATION_PARSER")
    os.environ["ENLACE_RELATION_PARSER"] = "on" if on else "off"
    try:
        yield
    finally:
        if before is None:
            del os.environ["ENLACE_RELATION_PARSER"]
        else:
            os.environ["ENLACE_RELATION_PARSER"] = before


def setup(url: str) -> Store:
    store = Store.create(url)
    with store.writer() as w:
        w.add_agency("DEA", "Drug Enforcement Administration", "US")
        w.add_user("bench", ["DEA"], "SECRET")
    return store


def end_to_end(texts: list[str], folder: Path) -> float:
    docs = folder / "docs"
    docs.mkdir()
    for i, text in enumerate(texts):
        (docs / f"doc-{i:05d}.txt").write_text(text, encoding="utf-8")
    store = setup(f"sqlite:///{folder / 'enlace.db'}")
    try:
        start = time.perf_counter()
        batch = jobs.enqueue_paths(store, [docs], "bench", IngestOptions())
        queue.run_inline(store, batch.id)
        elapsed = time.perf_counter() - start
        assert jobs.batch_counts(store, batch.id)["done"] == len(texts)
    finally:
        store.close()
    return elapsed


def workers(texts: list[str], n: int) -> float:
    admin = make_engine(settings.test_pg_url())
    name = f"enlace_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            docs = Path(tmp)
            for i, text in enumerate(texts):
                (docs / f"doc-{i:05d}.txt").write_text(text, encoding="utf-8")
            store = setup(url)
            batch = jobs.enqueue_paths(store, [docs], "bench", IngestOptions())
            queue.defer(store, jobs.pending_ids(store, batch.id))
            store.close()
            env = {**os.environ, "ENLACE_DB_URL": url}
            command = [sys.executable, "-c", "from enlace.cli import main; main()", "worker",
                       "--once"]
            start = time.perf_counter()
            procs = [subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
                     for _ in range(n)]
            for proc in procs:
                proc.wait()
            return time.perf_counter() - start
    finally:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", action="store_true")
    args = parser.parse_args(argv)
    texts = load_texts(args.copies)
    langs = [resolve_language(t, None) for t in texts]
    words = sum(len(t.split()) for t in texts)
    for lang in sorted(set(langs)):  # load every language's models outside the timings
        extract(texts[langs.index(lang)])
    times: dict[str, list[float]] = {"bare spaCy NER (baseline)": [], "extraction only": [],
                                     "extraction, batched": [], "ingest end to end": [],
                                     "extraction, batched, no relation parse": [],
                                     "ingest end to end, no relation parse": []}
    for _ in range(args.rounds):
        times["bare spaCy NER (baseline)"].append(bare_ner(texts, langs))
        times["extraction only"].append(extract_only(texts))
        times["extraction, batched"].append(extract_batched(texts))
        with tempfile.TemporaryDirectory() as tmp:
            times["ingest end to end"].append(end_to_end(texts, Path(tmp)))
        with relation_parser(False):
            times["extraction, batched, no relation parse"].append(extract_batched(texts))
            with tempfile.TemporaryDirectory() as tmp:
                times["ingest end to end, no relation parse"].append(
                    end_to_end(texts, Path(tmp)))
    base = words / statistics.median(times["bare spaCy NER (baseline)"])
    table = Table(title=f"{len(texts)} documents, {words:,} words, median of {args.rounds} rounds",
                  title_justify="left")
    for col in ("pipeline", "words/s", "ratio to bare NER"):
        table.add_column(col, justify="left" if col == "pipeline" else "right")
    for label, values in times.items():
        rate = words / statistics.median(values)
        table.add_row(label, f"{rate:,.0f}", f"{rate / base:.2f}x")
    console.print(table)
    if args.workers:
        one, two = workers(texts, 1), workers(texts, 2)
        console.print(f"PostgreSQL queue, {len(texts)} documents: one worker {one:.1f} s, "
                      f"two workers {two:.1f} s: speed-up {one / two:.2f}x "
                      f"(this machine has {os.cpu_count()} cores)", highlight=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
