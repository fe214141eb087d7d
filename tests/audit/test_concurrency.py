"""Concurrent appenders, in threads and in separate processes, keep one unbroken chain."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from enlace.audit import append_many, entry, record
from enlace.audit.verify import verify
from enlace.sharing.policy import Principal
from enlace.store import Store

from .conftest import World, actions

CHILD = """
import sys
from enlace.audit import append_many, entry, record
from enlace.sharing.policy import Principal
from enlace.store import Store

store = Store(sys.argv[1])
who = Principal(id=int(sys.argv[2]), name=f"p{sys.argv[2]}", clearance=0)
for i in range(40):
    record(store, who, "read.entity", [f"entity:{sys.argv[2]}-{i}"])
    if i % 10 == 0:
        append_many(store, [entry(who, "read.search", [], {"query": "q"}) for _ in range(25)])
store.close()
"""


def test_threads_keep_one_chain(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENLACE_AUDIT_CHECKPOINT_EVERY", "17")
    store, errors = world.store, []
    before = len(actions(store))

    def work(n: int) -> None:
        try:
            who = Principal(id=100 + n, name=f"t{n}", clearance=0)
            view = store.view("ana")
            for i in range(25):
                record(store, who, "read.entity", [f"entity:t{n}-{i}"])
                view.entity("p-salas")
                if i % 8 == 0:
                    append_many(store, [entry(who, "read.search", [], {"query": "q"})] * 10)
        except BaseException as exc:  # reported below, on the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = verify(store)
    assert report.ok, report.first
    kinds = actions(store)[before:]
    assert kinds.count("read.entity") == 6 * 25 * 2 and kinds.count("read.search") == 6 * 4 * 10
    assert report.checkpoints == kinds.count("audit.checkpoint") >= 1


def test_processes_keep_one_chain(store: Store, audit_key: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    env = {**os.environ, "ENLACE_AUDIT_KEY": str(audit_key), "ENLACE_AUDIT_CHECKPOINT_EVERY": "50"}
    children = [subprocess.Popen([sys.executable, "-c", CHILD, store.url, str(n)], env=env,
                                 stderr=subprocess.PIPE, text=True) for n in range(1, 4)]
    for child in children:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    report = verify(store)
    assert report.ok, report.first
    kinds = actions(store)
    assert kinds.count("read.entity") == 3 * 40 and kinds.count("read.search") == 3 * 4 * 25
    assert report.checkpoints == kinds.count("audit.checkpoint") >= 6
    assert audit_key.stat().st_mode & 0o777 == 0o600
