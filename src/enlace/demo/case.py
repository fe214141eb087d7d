"""Load the bundled demo case (``data/case.yml``) into a store, idempotently.

FtM files are loaded as they are; the short text documents under ``data/texts`` go
through the real ingest pipeline (jobs, parsing, extraction, resolution), each under
its own label. Every demo user gets the known password ``demo-<name>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from enlace.ingest import jobs, queue
from enlace.ingest.entities import load_entities
from enlace.ingest.jobs import IngestOptions
from enlace.search import reindex
from enlace.sharing.marking import LabelOptions
from enlace.store import Store
from enlace.store.tables import agency, app_user

CASE_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Case:
    title: str
    description: str
    agencies: list[dict[str, Any]]
    users: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    focus: str | None = None
    texts: tuple[dict[str, Any], ...] = ()

    @classmethod
    def bundled(cls) -> Case:
        data = yaml.safe_load((CASE_DIR / "case.yml").read_text(encoding="utf-8"))
        return cls(data["title"], data.get("description", ""), data["agencies"],
                   data["users"], data["documents"], data.get("focus"),
                   tuple(data.get("texts") or ()))


def load_case(store: Store, case: Case | None = None) -> int:
    """Add the case's agencies, people and documents that the store lacks; returns how
    many documents were new."""
    case = case or Case.bundled()
    with store.engine.connect() as conn:
        agencies = set(conn.execute(select(agency.c.code)).scalars())
        users = set(conn.execute(select(app_user.c.name)).scalars())
    with store.writer() as writer:
        for item in case.agencies:
            if item["code"] not in agencies:
                writer.add_agency(item["code"], item["name"], item["country"])
        for item in case.users:
            if item["name"] not in users:
                writer.add_user(item["name"], item["agencies"], item["clearance"],
                                item.get("compartments") or (), item.get("roles") or ("analyst",),
                                item.get("full_name"))
    created = 0
    for item in case.documents:
        path = CASE_DIR / item["file"]
        options = _options(item)
        result = load_entities(store, path.read_bytes(), path.name, item["loaded_by"], options,
                               item.get("title"), _lang(item.get("language")))
        created += int(result.created)
    created += ingest_texts(store, case)
    if created:
        reindex(store)
    return created


def _options(item: dict[str, Any]) -> LabelOptions:
    return LabelOptions(item.get("classification"), tuple(item.get("compartments") or ()),
                        tuple(item.get("releasable_to") or ()), item.get("owner"),
                        item.get("tlp"))


def ingest_texts(store: Store, case: Case) -> int:
    """Ingest the case's text documents through the pipeline; returns how many were new."""
    created = 0
    for item in case.texts:
        options = IngestOptions(_options(item), item.get("obtained_in"), item.get("date"),
                                item.get("language"))
        batch = jobs.enqueue_paths(store, [CASE_DIR / item["file"]], item["loaded_by"], options)
        results = queue.run_inline(store, batch.id)
        created += sum(1 for r in results if r.created)
    return created


def password(name: str) -> str:
    """The demo password of a demo user."""
    return f"demo-{name}"


def set_passwords(store: Store, case: Case) -> dict[str, str]:
    """Give every demo user their known demo password; returns name -> password."""
    from enlace.api.passwords import set_password

    found = {}
    for user in case.users:
        set_password(store, user["name"], password(user["name"]))
        found[user["name"]] = password(user["name"])
    return found


def _lang(code: str | None) -> str | None:
    return {"es": "spa", "en": "eng"}.get(code or "")
