"""An export as a STIX 2.1 bundle that OpenCTI and MISP can import.

Mapping (decided here, and why):

* criminal groups (organisations with a ``crime…`` topic) become ``threat-actor`` with
  the type ``crime-syndicate``: STIX's ``intrusion-set`` describes a cluster of adversary
  behaviour and tooling (a campaign signature), while a threat actor is the people and
  organisation behind it, which is what a cartel or a cell is; OpenCTI imports it as a
  threat-actor group;
* people become ``identity`` (``individual``); agencies, companies and other
  organisations ``identity`` (``organization``); the agencies that own the documents
  behind the export are added as organisations too;
* FtM relationships (Membership, Family, Associate, Employment, UnknownLink…) become
  ``relationship`` objects named after the schema (``membership``, ``unknown-link``)
  when both ends are in the bundle;
* events become ``report`` objects (``threat-report``) dated by the event and referring
  to the people and organisations involved;
* other schemata (accounts, vessels, addresses…) are not represented; a ``note`` says how
  many were left out.

Markings: stix2 3.0 ships the TLP 1.0 marking definitions only, so CLEAR maps to
TLP:WHITE, GREEN, AMBER and RED to themselves and AMBER+STRICT to TLP:AMBER, with a
``note`` saying so. Every object also carries a statement marking with the banner of
the highest label included. Ids are derived from entity ids, so a re-import updates.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import stix2

from enlace.model.entity import Entity
from enlace.sharing.snapshot import Snapshot
from enlace.sharing.tlp import strictest
from enlace.store.store import Store

NAMESPACE = uuid.UUID("6f1e7a52-3c1b-4b8e-9a43-2d5e0c7f9b11")
TLP_MARKINGS = {"CLEAR": stix2.TLP_WHITE, "GREEN": stix2.TLP_GREEN, "AMBER": stix2.TLP_AMBER,
                "AMBER+STRICT": stix2.TLP_AMBER, "RED": stix2.TLP_RED}


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def _kind(entity: Entity) -> str | None:
    schema = entity.schema
    if schema.is_a("Person"):
        return "individual"
    if schema.is_a("Organization"):
        topics = entity.properties.get("topics", [])
        return "threat-actor" if any(t.startswith("crime") for t in topics) else "organization"
    if schema.is_a("LegalEntity"):
        return "organization"
    if schema.name == "Event" or schema.is_a("Event"):
        return "event"
    if schema.edge and schema.source_prop is not None and schema.target_prop is not None:
        return "edge"
    return None


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def _date(value: str | None) -> datetime:
    if value:
        try:
            parts = [int(p) for p in value[:10].split("-")] + [1, 1]
            return datetime(parts[0], parts[1] or 1, parts[2] or 1, tzinfo=UTC)
        except (ValueError, IndexError):
            pass
    return datetime.now(UTC)


def _tlp_of(snap: Snapshot, entity: Entity) -> str:
    return strictest([snap.documents[s.document_id].tlp for s in entity.statements])


def to_stix(store: Store, snap: Snapshot) -> str:
    """The bundle, serialised as JSON."""
    banner = stix2.MarkingDefinition(
        id=stix_id("marking-definition", f"banner:{snap.banner}"), definition_type="statement",
        definition=stix2.StatementMarking(statement=f"{snap.banner} (TLP:{snap.tlp})"))
    objects: list[Any] = [banner]
    used_tlp: set[str] = set()

    def marks(colour: str) -> list[str]:
        used_tlp.add(colour)
        return [TLP_MARKINGS[colour].id, banner.id]

    mapped: dict[str, str] = {}
    left_out: Counter[str] = Counter()
    later: list[tuple[str, Entity]] = []
    for entity in snap.entities:
        kind = _kind(entity)
        props = snap.properties(entity)
        name = _first(props.get("name", [])) or entity.caption or entity.id
        description = _first(props.get("description", [])) or _first(props.get("summary", []))
        colour = _tlp_of(snap, entity)
        common: dict[str, Any] = {"name": name, "object_marking_refs": marks(colour)}
        if description:
            common["description"] = description
        if kind in ("individual", "organization"):
            sid = stix_id("identity", entity.id)
            objects.append(stix2.Identity(id=sid, identity_class=kind, **common))
        elif kind == "threat-actor":
            sid = stix_id("threat-actor", entity.id)
            aliases = props.get("alias", [])
            objects.append(stix2.ThreatActor(id=sid, threat_actor_types=["crime-syndicate"],
                                             **({"aliases": aliases} if aliases else {}),
                                             **common))
        elif kind in ("event", "edge"):
            later.append((kind, entity))
            continue
        else:
            left_out[entity.schema.name] += 1
            continue
        mapped[entity.id] = sid
    for owner in sorted({d.owner for d in snap.documents.values() if d.owner}):
        sid = stix_id("identity", f"agency:{owner}")
        objects.append(stix2.Identity(id=sid, name=owner, identity_class="organization",
                                      object_marking_refs=marks("CLEAR")))
        mapped.setdefault(f"agency:{owner}", sid)
    agencies = [v for k, v in mapped.items() if k.startswith("agency:")]
    for kind, entity in later:
        props = snap.properties(entity)
        colour = _tlp_of(snap, entity)
        if kind == "edge":
            assert entity.schema.source_prop is not None and entity.schema.target_prop is not None
            source = _first(props.get(entity.schema.source_prop.name, []))
            target = _first(props.get(entity.schema.target_prop.name, []))
            if source in mapped and target in mapped:
                objects.append(stix2.Relationship(
                    id=stix_id("relationship", entity.id), source_ref=mapped[source],
                    target_ref=mapped[target], relationship_type=_kebab(entity.schema.name),
                    object_marking_refs=marks(colour),
                    **({"description": d} if (d := _first(props.get("description", [])))
                       else {})))
            else:
                left_out[entity.schema.name] += 1
            continue
        refs = [mapped[v] for v in props.get("involved", []) if v in mapped] or agencies
        if not refs:
            left_out[entity.schema.name] += 1
            continue
        objects.append(stix2.Report(
            id=stix_id("report", entity.id), name=entity.caption or entity.id,
            report_types=["threat-report"], published=_date(_first(props.get("date", []))),
            object_refs=refs, object_marking_refs=marks(colour),
            **({"description": d} if (d := _first(props.get("description", []))) else {})))
    refs = sorted(set(mapped.values()))
    notes = []
    if "AMBER+STRICT" in used_tlp:
        notes.append("TLP:AMBER+STRICT is marked TLP:AMBER (stix2 has no TLP 2.0 "
                     "definitions): share only inside the recipient's own organisation.")
    if "CLEAR" in used_tlp:
        notes.append("TLP:CLEAR is marked TLP:WHITE (TLP 1.0).")
    if left_out:
        notes.append("Not represented in STIX: " + ", ".join(
            f"{n} {schema}" for schema, n in sorted(left_out.items())) + ".")
    if notes and refs:
        objects.append(stix2.Note(
            id=stix_id("note", f"{snap.id}:notes"), content=" ".join(notes),
            abstract=f"enlace export {snap.id}", object_refs=refs,
            object_marking_refs=[TLP_MARKINGS[snap.tlp].id, banner.id]))
        used_tlp.add(snap.tlp)
    objects.extend(TLP_MARKINGS[c] for c in sorted(used_tlp, key=lambda c: TLP_MARKINGS[c].id)
                   if TLP_MARKINGS[c] not in objects)
    bundle = stix2.Bundle(objects=_unique(objects), allow_custom=False)
    return str(bundle.serialize(pretty=True))


def _unique(objects: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for obj in objects:
        if obj.id not in seen:
            seen.add(obj.id)
            out.append(obj)
    return out


def _kebab(name: str) -> str:
    return "".join(f"-{c.lower()}" if c.isupper() and i else c.lower()
                   for i, c in enumerate(name))
