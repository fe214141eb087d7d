"""Uploads from the API and the web form: queued for workers on PostgreSQL, run in the
background of the server on SQLite, and followed on the batch's page either way."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient
from tests.api.conftest import log_in

from enlace.ingest import queue
from enlace.store import Store

NOTE = "El 4 de junio de 2025 fue detenido Anselmo Quiroga Beltrán en Apatzingán, Michoacán."


def _wait(client: TestClient, batch: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    status: dict[str, Any] = client.get(f"/api/jobs/{batch}").json()
    while not status["finished"] and time.monotonic() < deadline:
        time.sleep(0.2)
        status = client.get(f"/api/jobs/{batch}").json()
    return status


def _queued(store: Store) -> int:
    app = queue.make_app(store)
    with app.open():
        jobs = app.job_manager.list_jobs(queue=queue.QUEUE, status="todo")
    return len(list(jobs))


def test_an_api_upload_goes_to_the_workers_on_postgresql(client: TestClient,
                                                         case_store: Store) -> None:
    csrf = log_in(client, "tomas.arce")
    files = [("files", (f"nota-{i}.txt", f"{NOTE} Copia {i}.".encode(), "text/plain"))
             for i in range(3)]
    started = client.post("/api/uploads", headers={"X-CSRF-Token": csrf}, files=files,
                          data={"classification": "CONFIDENTIAL"})
    assert started.status_code == 202, started.text
    batch = started.json()["batch"]
    if case_store.backend == "sqlite":  # no workers: the server runs it in the background
        status = _wait(client, batch)
    else:
        time.sleep(0.5)  # were it run in the server, a job would have started by now
        status = client.get(f"/api/jobs/{batch}").json()
        assert status["counts"]["pending"] == 3 and _queued(case_store) >= 1, status
        queue.run_worker(case_store, wait=False)  # what `enlace worker --once` does
        status = client.get(f"/api/jobs/{batch}").json()
    assert status["finished"] and status["counts"]["done"] == 3, status
    assert all(f["document"] for f in status["files"])


def test_the_web_form_upload_shows_progress_on_both_backends(client: TestClient,
                                                             case_store: Store) -> None:
    log_in(client, "tomas.arce")
    form = client.get("/upload")
    token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
    sent = client.post("/upload", data={"csrf_token": token, "classification": "CONFIDENTIAL"},
                       files={"files": ("parte.txt", NOTE.encode(), "text/plain")},
                       follow_redirects=False)
    assert sent.status_code == 303, sent.text
    batch = sent.headers["location"].rsplit("/", 1)[1]
    if case_store.backend == "postgresql":
        assert client.get(f"/api/jobs/{batch}").json()["counts"]["pending"] == 1
        queue.run_worker(case_store, wait=False)
    assert _wait(client, batch)["counts"]["done"] == 1
    page = client.get(f"/jobs/{batch}")
    assert page.status_code == 200 and "parte.txt" in page.text
