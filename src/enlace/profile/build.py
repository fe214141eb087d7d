"""An entity's profile as one person sees it: names, properties, relations, events,
documents and related entities, every part from the statements they may see.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from enlace.exceptions import NotFound
from enlace.graph import dates
from enlace.graph.link import first_date, links_of
from enlace.graph.source import Source
from enlace.model.entity import Entity
from enlace.model.markings import MarkingScheme
from enlace.model.statement import BASE_PROP
from enlace.profile import relation
from enlace.profile.related import related
from enlace.store import DocumentInfo


def _source(doc: DocumentInfo, origin: str, scheme: MarkingScheme) -> dict[str, Any]:
    return {"document": doc.id, "title": doc.title, "label": doc.label.render(scheme),
            "tlp": doc.tlp, "origin": origin}


def names(entity: Entity, docs: dict[str, DocumentInfo],
          scheme: MarkingScheme) -> list[dict[str, Any]]:
    """Every name-typed value (name, alias, weakAlias...) with the sources stating it."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for stmt in sorted(entity.statements, key=lambda s: (s.prop, s.value, s.document_id)):
        prop = entity.schema.properties.get(stmt.prop)
        if prop is None or prop.type.name != "name":
            continue
        entry = found.setdefault((stmt.prop, stmt.value),
                                 {"prop": stmt.prop, "value": stmt.value, "sources": []})
        source = _source(docs[stmt.document_id], stmt.origin, scheme)
        if source not in entry["sources"]:
            entry["sources"].append(source)
    order = {"name": 0, "alias": 1}
    return sorted(found.values(), key=lambda e: (order.get(e["prop"], 2), e["prop"], e["value"]))


def properties(entity: Entity) -> list[dict[str, Any]]:
    """Other values (not names, not links to entities), each with its documents."""
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for stmt in entity.statements:
        prop = entity.schema.properties.get(stmt.prop)
        if stmt.prop == BASE_PROP or prop is None or prop.type.name in ("name", "entity"):
            continue
        values[stmt.prop][stmt.value].add(stmt.document_id)
    return [{"prop": name, "label": entity.schema.properties[name].label,
             "values": [{"value": v, "documents": sorted(values[name][v])}
                        for v in sorted(values[name])]}
            for name in sorted(values)]


def document(doc: DocumentInfo, count: int, scheme: MarkingScheme) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "kind": doc.kind, "owner": doc.owner,
            "label": doc.label.render(scheme), "tlp": doc.tlp, "published": doc.published,
            "statements": count}


def build_profile(source: Source, entity_id: str, scheme: MarkingScheme,
                  related_limit: int = 10) -> dict[str, Any]:
    """The profile of ``entity_id``; NotFound when the reader sees none of it."""
    entity = source.entities([entity_id]).get(entity_id)
    if entity is None:
        raise NotFound(f"entity {entity_id!r} not found")
    referrers = source.entities(source.referrers([entity_id]) - {entity_id})
    loaded = {**referrers, entity.id: entity}
    links = relation.touching(entity, referrers)
    relations, events = relation.split(entity, links, loaded)
    ends = {e for link in links for e in link.ends()}
    ends |= {link.source for eid in events for link in links_of(loaded[eid])}
    visible = {**source.entities(ends - loaded.keys()), **loaded}
    counts: dict[str, int] = defaultdict(int)
    for stmt in entity.statements:
        counts[stmt.document_id] += 1
    docs = source.documents(counts)
    date = first_date(entity)
    return {
        "id": entity.id, "schema": entity.schema.name, "caption": entity.caption,
        "date": date or None, "precision": dates.precision(date),
        "names": names(entity, docs, scheme),
        "properties": properties(entity),
        "relations": [relation.relation(link, visible) for link in relations],
        "events": relation.timeline(entity, events, loaded, visible),
        "documents": [document(docs[d], counts[d], scheme) for d in sorted(docs)],
        "related": related(source, entity, related_limit),
    }


def shown_entities(profile: dict[str, Any]) -> list[str]:
    """Ids of every entity a profile names (for the audit log)."""
    ids = {profile["id"]}
    for item in profile["relations"]:
        ids.add(item["via"])
        ids.update(e["id"] for e in (item["source"], item["target"]) if e["visible"])
    for item in profile["events"]:
        ids.add(item["id"])
        ids.update(p["id"] for p in item["participants"])
    ids.update(r["id"] for r in profile["related"])
    return sorted(ids)


def shown_documents(profile: dict[str, Any]) -> list[str]:
    """Ids of every document a profile draws on (for the audit log)."""
    docs = {d["id"] for d in profile["documents"]}
    for item in [*profile["relations"], *profile["events"]]:
        docs.update(item["documents"])
    return sorted(docs)
