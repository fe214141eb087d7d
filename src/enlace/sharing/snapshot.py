"""What one person may see, gathered for an export: entities, labels, banner, wording.

Everything is read through the person's View. The banner is the combination of every
contributing document's label (the highest label included), the TLP the strictest of
their colours, and free-text values (descriptions, notes, summaries) are worded for the
exporter alone by :func:`enlace.sharing.watermark.render`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from followthemoney.types import registry

from enlace.model.entity import Entity
from enlace.model.ftm import get_schema
from enlace.model.markings import Label, combine
from enlace.sharing import tlp as rules
from enlace.sharing.secret import instance_secret
from enlace.sharing.watermark import render
from enlace.store.labels import agency_countries
from enlace.store.store import Store
from enlace.store.view import DocumentInfo, View

SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Snapshot:
    """What an export will hold."""

    id: str
    entities: tuple[Entity, ...]
    documents: dict[str, DocumentInfo]
    labels: dict[str, str]  # document id -> its banner
    banner: str
    tlp: str
    canonical: str  # the free-text values as stored, joined, for tracing
    texts: dict[tuple[str, str], str]  # (entity id, stored value) -> the exporter's wording

    def value(self, entity_id: str, value: str) -> str:
        return self.texts.get((entity_id, value), value)

    def properties(self, entity: Entity) -> dict[str, list[str]]:
        """An entity's properties with its free-text values worded for the exporter."""
        return {prop: sorted(self.value(entity.id, v) for v in values)
                for prop, values in entity.properties.items()}


def _is_text(entity: Entity, prop: str) -> bool:
    found = get_schema(entity.schema.name).get(prop)
    return found is not None and found.type == registry.text


def collect(store: Store, view: View) -> Snapshot:
    """Read, through ``view``, what an export will hold, and word its texts."""
    entities = tuple(view.entities())
    documents = {d.id: d for d in view.documents()}
    used = sorted({s.document_id for e in entities for s in e.statements} or documents)
    with store.engine.begin() as conn:
        secret = instance_secret(conn)
        countries = agency_countries(conn)
    labels: list[Label] = [documents[d].label for d in used]
    highest = combine(labels, countries) if labels else Label(store.scheme.lowest.rank)
    colour = rules.strictest([documents[d].tlp for d in used]) if used else "CLEAR"
    values = sorted({(e.id, s.value) for e in entities for s in e.statements
                     if _is_text(e, s.prop) and SEPARATOR not in s.value})
    dis = f"exp-{uuid.uuid4().hex[:16]}"
    canonical = SEPARATOR.join(v for _, v in values)
    worded = render(canonical, secret, dis, str(view.principal.id)).split(SEPARATOR)
    texts = dict(zip(values, worded, strict=True)) if values else {}
    scheme = store.scheme
    return Snapshot(dis, entities, documents,
                    {d: info.label.render(scheme) for d, info in documents.items()},
                    highest.render(scheme), colour, canonical, texts)
