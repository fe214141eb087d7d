"""`enlace ingest`, `extract`, `worker`, `merge` and `split` as a person runs them, including a
run killed with SIGKILL and resumed, and two workers sharing a PostgreSQL queue."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from enlace.cli import app
from enlace.store import Store
from enlace.store.tables import document, ingest_job, statement

runner = CliRunner()
ENLACE = [sys.executable, "-c", "from enlace.cli import main; main()"]

SENTENCES = [
    "La Fiscalía General de la República detuvo a {name} en {city} el {day} de marzo de 2025.",
    "{name}, operador del Cártel de Sinaloa, fue vinculado a proceso en {city}.",
    "The Drug Enforcement Administration said {name} ran a cell of the Cártel del Noreste in "
    "{city}.",
]
NAMES = ["Rosa Elvira Campos Luna", "Julián Ernesto Vega Soto", "Marta Inés Rivas Ochoa",
         "Tomás Adrián Lugo Peña", "Irene Beatriz Salas Mora"]
CITIES = ["Culiacán", "Reynosa", "Morelia", "Tijuana", "Zacatecas"]


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        lines = [s.format(name=NAMES[(i + k) % 5], city=CITIES[(i * 3 + k) % 5], day=1 + i % 28)
                 for k, s in enumerate(SENTENCES)]
        (folder / f"report-{i:03d}.txt").write_text(f"Informe {i}.\n\n" + " ".join(lines),
                                                    encoding="utf-8")
    return folder


def cli(*args: str, ok: bool = True) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if ok:
        assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.exit_code, result.stdout, result.stderr


def setup_store(url: str) -> None:
    cli("init", "--db", url)
    cli("agency", "add", "DEA", "--name", "Drug Enforcement Administration", "--country", "US",
        "--db", url)
    cli("user", "add", "mike", "--agency", "DEA", "--clearance", "SECRET", "--db", url)


def counts(url: str) -> tuple[int, int]:
    store = Store(url)
    try:
        with store.engine.connect() as conn:
            sources = select(func.count()).select_from(document).where(document.c.kind == "source")
            return (int(conn.execute(sources).scalar_one()),
                    int(conn.execute(select(func.count()).select_from(statement)).scalar_one()))
    finally:
        store.close()


def test_extract_prints_the_contract_and_stores_nothing(tmp_path: Path) -> None:
    doc = tmp_path / "nota.txt"
    doc.write_text("Joaquín Guzmán Loera, alias El Chapo, fue extraditado a Estados Unidos "
                   "el 19 de enero.", encoding="utf-8")
    _, out, _ = cli("extract", str(doc), "--date", "2017-01-20")
    data = json.loads(out)
    assert set(data) == {"language", "entities", "events", "relations"}
    assert data["language"] == "es"
    person = next(e for e in data["entities"] if e["type"] == "PERSON")
    assert person["name"] == "Joaquín Guzmán Loera" and "El Chapo" in person["aliases"]
    text = doc.read_text(encoding="utf-8")
    assert all(text[m["start"]:m["end"]] == m["text"] for e in data["entities"]
               for m in e["mentions"])
    event = next(e for e in data["events"] if e["type"] == "EXTRADITION")
    assert event["date"] == "2017-01-19"
    assert list(tmp_path.iterdir()) == [doc]
    code, _, err = cli("extract", str(doc), "--lang", "fr", ok=False)
    assert code == 1 and "--lang" in err


def test_ingest_reports_failures_and_retries(store_url: str, tmp_path: Path) -> None:
    setup_store(store_url)
    corpus = write_corpus(tmp_path / "docs", 3)
    (corpus / "junk.txt").write_bytes(b"\x00\x00\x00junk")
    code, out, err = cli("ingest", str(corpus), "--as", "mike", "--releasable-to", "MX",
                         "--obtained-in", "MX", "--date", "2025-03-31", "--db", store_url)
    assert "3 documents done (3 new" in out and "1 failed" in out
    assert "junk.txt" in err and "--retry-failed" in err
    (corpus / "junk.txt").write_text("Nota corregida sobre Los Zetas.", encoding="utf-8")
    _, out, _ = cli("ingest", "--retry-failed", "--as", "mike", "--db", store_url)
    assert "1 documents done (1 new" in out and "0 failed" in out
    code, _, err = cli("ingest", str(corpus), "--as", "mike", "--date", "31/03/2025",
                       "--db", store_url, ok=False)
    assert code == 1 and "YYYY-MM-DD" in err


def test_merge_and_split_commands(store_url: str, tmp_path: Path) -> None:
    setup_store(store_url)
    a = tmp_path / "a.txt"
    a.write_text("Rosa Elvira Campos Luna fue detenida en Tijuana.", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Investigators questioned Rosa Campos in San Diego.", encoding="utf-8")
    cli("ingest", str(a), str(b), "--as", "mike", "--db", store_url)
    people = [json.loads(line) for line in
              cli("entities", "--as", "mike", "--schema", "Person", "--db", store_url)[1]
              .splitlines()]
    assert len(people) == 2
    left, right = sorted(p["id"] for p in people)
    code, _, err = cli("merge", left, right, "--as", "mike", "--db", store_url, ok=False)
    assert code == 2 and "--why" in err
    cli("merge", left, right, "--as", "mike", "--why", "same woman", "--db", store_url)
    merged = cli("entity", right, "--as", "mike", "--db", store_url)[1]
    assert json.loads(merged)["id"] == left
    assert {"Rosa Elvira Campos Luna", "Rosa Campos"} <= set(
        json.loads(merged)["properties"]["name"])
    cli("split", left, right, "--as", "mike", "--why", "different women", "--db", store_url)
    assert json.loads(cli("entity", right, "--as", "mike", "--db", store_url)[1])["id"] == right
    code, _, err = cli("split", left, right, "--as", "mike", "--why", "again", "--db",
                       store_url, ok=False)
    assert code == 1 and "no merge" in err


@pytest.mark.slow
def test_sigkill_in_the_middle_of_a_batch_then_resume(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs", 40)
    url = f"sqlite:///{tmp_path / 'killed' / 'enlace.db'}"
    setup_store(url)
    env = {**os.environ, "ENLACE_DB_URL": url}
    proc = subprocess.Popen([*ENLACE, "ingest", str(corpus), "--as", "mike"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store = Store(url)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with store.engine.connect() as conn:
                done = conn.execute(select(func.count()).select_from(ingest_job)
                                    .where(ingest_job.c.status == "done")).scalar_one()
            if done >= 5:
                break
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        store.close()
    partial = counts(url)
    assert 0 < partial[0] < 40
    cli("ingest", "--resume", "--as", "mike", "--db", url)
    clean = f"sqlite:///{tmp_path / 'clean' / 'enlace.db'}"
    setup_store(clean)
    cli("ingest", str(corpus), "--as", "mike", "--db", clean)
    assert counts(url) == counts(clean)
    assert counts(url)[0] == 40


@pytest.mark.slow
def test_two_workers_share_the_postgresql_queue(store_url: str, backend: str,
                                                tmp_path: Path) -> None:
    if backend != "postgresql":
        pytest.skip("workers need PostgreSQL")
    setup_store(store_url)
    corpus = write_corpus(tmp_path / "docs", 12)
    _, out, _ = cli("ingest", str(corpus), "--as", "mike", "--no-wait", "--db", store_url)
    assert "Queued 12 jobs" in out
    env = {**os.environ, "ENLACE_DB_URL": store_url}
    workers = [subprocess.Popen([*ENLACE, "worker", "--once"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for _ in range(2)]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    assert counts(store_url)[0] == 12
    store = Store(store_url)
    try:
        with store.engine.connect() as conn:
            statuses = set(conn.execute(select(ingest_job.c.status)).scalars())
    finally:
        store.close()
    assert statuses == {"done"}
    code, _, err = cli("worker", "--once", "--db", f"sqlite:///{tmp_path / 'x.db'}", ok=False)
    assert code == 1
