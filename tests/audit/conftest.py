"""Audit fixtures: a per-test signing key, and a small world of agencies, people and documents.

The world: FGR (MX) and DEA (US); ``ana`` (FGR analyst), ``carla`` (FGR compliance),
``mike`` (DEA analyst), ``low`` (FGR, PUBLIC clearance). ``ana`` loads ``people`` (RESTRICTED,
releasable to US) and ``informant`` (SECRET, FGR only); both state the entity ``p-salas``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from enlace.audit.chain import sequence
from enlace.audit.tables import audit_event
from enlace.ingest.entities import load_entities
from enlace.sharing.marking import LabelOptions
from enlace.store import Store

SECRET_NAME = "Rigoberto Salas Quintanilla"
PEOPLE: list[dict[str, object]] = [
    {"id": "p-salas", "schema": "Person", "properties": {"name": [SECRET_NAME]}},
    {"id": "o-marlines", "schema": "Organization", "properties": {"name": ["Los Marlines"]}},
]
INFORMANT: list[dict[str, object]] = [{"id": "p-salas", "schema": "Person", "properties": {"alias": ["El Bagre"]}},
             {"id": "p-source", "schema": "Person", "properties": {"name": ["Fuente Gamma"]}}]


@pytest.fixture(autouse=True)
def audit_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test signs with its own key file, and checkpoints only when asked."""
    path = tmp_path / "keys" / "audit-ed25519.pem"
    monkeypatch.setenv("ENLACE_AUDIT_KEY", str(path))
    monkeypatch.setenv("ENLACE_AUDIT_CHECKPOINT_EVERY", "0")
    return path


@dataclass(frozen=True)
class World:
    store: Store
    people: str  # document id
    informant: str  # document id


def jsonl(items: list[dict[str, object]]) -> bytes:
    return "\n".join(json.dumps(item) for item in items).encode()


@pytest.fixture
def world(store: Store) -> Iterator[World]:
    with store.writer() as w:
        w.add_agency("FGR", "Fiscalía General de la República", "MX")
        w.add_agency("DEA", "Drug Enforcement Administration", "US")
        w.add_user("ana", ["FGR"], "SECRET", ["SOURCES"])
        w.add_user("carla", ["FGR"], "SECRET", ["SOURCES"], roles=["compliance"])
        w.add_user("mike", ["DEA"], "SECRET")
        w.add_user("low", ["FGR"], "PUBLIC")
    people = load_entities(store, jsonl(PEOPLE), "people.jsonl", "ana",
                           LabelOptions("RESTRICTED", (), ("US",), None, None))
    informant = load_entities(store, jsonl(INFORMANT), "informant.jsonl", "ana",
                              LabelOptions("SECRET", ("SOURCES",), (), None, None))
    yield World(store, people.document_id, informant.document_id)


def events(store: Store) -> list[dict[str, object]]:
    """Every event as a dict, subjects and detail decoded, once staged reads are chained;
    a staged read's staging id is left out of its detail."""
    sequence(store)
    with store.engine.connect() as conn:
        rows = conn.execute(select(audit_event).order_by(audit_event.c.seq)).all()
    return [{"seq": r.seq, "actor": r.actor, "actor_id": r.actor_id, "action": r.action,
             "subjects": json.loads(r.subjects), "detail": _unstaged(json.loads(r.detail))}
            for r in rows]


def _unstaged(detail: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in detail.items() if key != "staged"}


def actions(store: Store) -> list[str]:
    return [str(e["action"]) for e in events(store)]
