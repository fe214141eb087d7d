"""Turn what the extractor found in one document into FtM statements with provenance.

Entities the gazetteer knows get stable ids shared by every document (``grp-cjng``,
``agency-us-dea``), so statements about them from many sources meet on one entity; other
entities get ids scoped to the document, to be resolved against the store by judgements.
Events become ``Event`` subtypes and relations become edge entities; every statement keeps
the document id, the character span it came from, and the extractor's version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from followthemoney.schema import Schema

from enlace.extract import ExtractedEntity, ExtractedEvent, ExtractedRelation, Extraction
from enlace.model.ftm import ftm_model
from enlace.model.statement import BASE_PROP, statement_id

EVENT_SCHEMATA = {
    "ARREST": ("Arrest", "detained"),
    "KILLING": ("Killing", "victims"),
    "SEIZURE": ("Seizure", None),
    "EXTRADITION": ("Extradition", "extradited"),
    "CHARGES": ("Charges", "accused"),
    "SANCTION": ("SanctionAction", "sanctioned"),
    "LAW_OR_POLICY": ("PolicyChange", None),
    "OTHER": ("Event", None),
}

RELATION_SCHEMATA: dict[str, tuple[str, str, str, str | None]] = {
    # relation: (schema, source property, target property, role)
    "MEMBER_OF": ("Membership", "member", "organization", None),
    "LEADER_OF": ("Membership", "member", "organization", "leader"),
    "ALLY_OF": ("Alliance", "party", "ally", None),
    "RIVAL_OF": ("Rivalry", "party", "rival", None),
    "FACTION_OF": ("Faction", "faction", "parent", None),
    "OPERATES_IN": ("Presence", "operator", "place", None),
    "ASSOCIATE_OF": ("Associate", "person", "associate", None),
}

ID_PREFIX = {"CRIMINAL_GROUP": "grp", "GOV_AGENCY": "agency", "LOCATION": "place"}
SCHEMA_BY_TYPE = {"CRIMINAL_GROUP": "Organization", "PERSON": "Person",
                  "GOV_AGENCY": "PublicBody", "LOCATION": "Address",
                  "BANK_ACCOUNT": "BankAccount", "PHONE": "PhoneNumber"}


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:20]


def entity_id(document_id: str, entity: ExtractedEntity) -> str:
    """A stable id for a gazetteer entity, else one scoped to this document."""
    if entity.gazetteer_id and entity.type in ID_PREFIX:
        return f"{ID_PREFIX[entity.type]}-{entity.gazetteer_id}"
    if entity.type in ("BANK_ACCOUNT", "PHONE") and entity.properties:
        values = sorted(v for vs in entity.properties.values() for v in vs)
        return f"{entity.type.lower().replace('_', '-')}-{_digest(*values)}"
    return f"{entity.type.lower()}-{_digest(document_id, entity.key)}"


class StatementBuilder:
    """Collects statement rows for one document, each fact once."""

    def __init__(self, document_id: str, origin: str, lang: str | None):
        self.document_id = document_id
        self.origin = origin
        self.lang = lang
        self.rows: dict[str, dict[str, Any]] = {}
        self.model = ftm_model()

    def add(self, entity_id: str, schema: Schema, prop: str, value: str,
            span: tuple[int, int] | None = None, raw: str | None = None) -> None:
        if prop != BASE_PROP:
            cleaned = schema.properties[prop].type.clean(value)
            if cleaned is None:
                return
            raw, value = value if raw is None else raw, cleaned
        sid = statement_id(self.document_id, entity_id, prop, value, span)
        if sid in self.rows:
            return
        type_name = schema.properties[prop].type.name if prop in schema.properties else None
        self.rows[sid] = {
            "id": sid, "entity_id": entity_id, "schema": schema.name, "prop": prop,
            "value": value, "document_id": self.document_id, "origin": self.origin,
            "lang": self.lang if type_name in ("name", "text", "string") else None,
            "original_value": raw if raw is not None and raw != value else None,
            "span_start": span[0] if span else None, "span_end": span[1] if span else None,
        }

    def entity(self, entity_id: str, schema: Schema, values: dict[str, list[tuple[str, Any]]]
               ) -> None:
        self.add(entity_id, schema, BASE_PROP, entity_id)
        for prop, items in values.items():
            for value, span in items:
                self.add(entity_id, schema, prop, value, span)


def _first_span(entity: ExtractedEntity, text: str) -> tuple[int, int] | None:
    for mention in entity.mentions:
        if mention.text == text:
            return (mention.start, mention.end)
    return (entity.mentions[0].start, entity.mentions[0].end) if entity.mentions else None


def statement_rows(extraction: Extraction, document_id: str, origin: str,
                   ) -> Iterator[dict[str, Any]]:
    """Every statement the extraction supports, for one document."""
    lang = {"en": "eng", "es": "spa"}.get(extraction.language)
    build = StatementBuilder(document_id, origin, lang)
    model = build.model
    ids: dict[str, tuple[str, Schema]] = {}
    for entity in extraction.entities:
        schema = model.get(SCHEMA_BY_TYPE.get(entity.type, "")) or model.get("PhoneNumber")
        assert schema is not None
        eid = entity_id(document_id, entity)
        ids[entity.key] = (eid, schema)
        build.entity(eid, schema, _entity_values(entity, schema))
    for number, event in enumerate(extraction.events):
        _event(build, event, number, ids)
    for relation in extraction.relations:
        _relation(build, relation, ids)
    yield from build.rows.values()


def _entity_values(entity: ExtractedEntity, schema: Schema) -> dict[str, list[tuple[str, Any]]]:
    name_prop = {"Address": "full", "BankAccount": "accountNumber",
                 "PhoneNumber": "number"}.get(schema.name, "name")
    values: dict[str, list[tuple[str, Any]]] = {}
    if name_prop in ("name", "full"):
        values[name_prop] = [(entity.name, _first_span(entity, entity.name))]
        aliases = [a for a in entity.aliases if a != entity.name]
        if entity.canonical and entity.canonical != entity.name:
            aliases.append(entity.canonical)
        if aliases and "alias" in schema.properties:
            values["alias"] = [(a, _first_span(entity, a)) for a in dict.fromkeys(aliases)]
    for prop, items in entity.properties.items():
        target = {"phones": "number" if schema.name == "PhoneNumber" else "phone"}.get(prop, prop)
        if target in schema.properties:
            values.setdefault(target, []).extend((v, None) for v in items)
    if entity.topics and "topics" in schema.properties:
        values["topics"] = [(t, None) for t in entity.topics]
    return values


def _event(build: StatementBuilder, event: ExtractedEvent, number: int,
           ids: dict[str, tuple[str, Schema]]) -> None:
    schema_name, subject_prop = EVENT_SCHEMATA.get(event.type, ("Event", None))
    schema = build.model.get(schema_name)
    assert schema is not None
    span = (event.sentence_start, event.sentence_end)
    eid = f"event-{_digest(build.document_id, event.sentence_start, event.type, number)}"
    summary = event.sentence.strip()
    name = f"{schema.label}: {', '.join(event.participants)}" if event.participants \
        else f"{schema.label}: {summary[:80]}"
    values: dict[str, list[tuple[str, Any]]] = {
        "name": [(name, span)], "summary": [(summary, span)],
        "keywords": [(event.type, None)],
    }
    if event.date:
        values["date"] = [(event.date, span)]
    if event.location:
        values["location"] = [(event.location, span)]
    for key in event.participant_keys:
        if key not in ids:
            continue
        target, target_schema = ids[key]
        values.setdefault("involved", []).append((target, span))
        if subject_prop and target_schema.is_a("Person"):
            values.setdefault(subject_prop, []).append((target, span))
    build.entity(eid, schema, values)


def _relation(build: StatementBuilder, relation: ExtractedRelation,
              ids: dict[str, tuple[str, Schema]]) -> None:
    if relation.source_key not in ids or relation.target_key not in ids:
        return
    (source, source_schema), (target, target_schema) = ids[relation.source_key], ids[
        relation.target_key]
    schema_name, source_prop, target_prop, role = RELATION_SCHEMATA[relation.relation]
    schema = build.model.get(schema_name)
    assert schema is not None
    fits = (source_schema.is_a(schema.properties[source_prop].range)
            and target_schema.is_a(schema.properties[target_prop].range))
    if not fits:
        schema = build.model.get("UnknownLink")
        assert schema is not None
        source_prop, target_prop, role = "subject", "object", relation.relation.lower()
    span = (relation.sentence_start, relation.sentence_end)
    eid = f"rel-{_digest(build.document_id, relation.relation, source, target)}"
    values: dict[str, list[tuple[str, Any]]] = {
        source_prop: [(source, span)], target_prop: [(target, span)],
        "summary": [(relation.sentence.strip(), span)],
    }
    if role:
        values["role"] = [(role, span)]
    build.entity(eid, schema, values)
