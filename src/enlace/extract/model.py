"""The typed result of extraction, and its plain-dict contract form.

``Extraction.to_contract()`` gives exactly the JSON shape promised by
:func:`enlace.extract.extract_text`; the dataclasses carry more (keys, gazetteer ids,
FtM schema and topics, date precision, spans) for callers that load the result into the
graph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ENTITY_TYPES",
    "EVENT_TYPES",
    "EXTRACTOR_VERSION",
    "RELATION_TYPES",
    "ExtractedEntity",
    "ExtractedEvent",
    "ExtractedRelation",
    "Extraction",
    "Mention",
]

EXTRACTOR_VERSION = "enlace-extract/0.1"

ENTITY_TYPES = ("CRIMINAL_GROUP", "PERSON", "GOV_AGENCY", "LOCATION", "BANK_ACCOUNT", "PHONE")
EVENT_TYPES = (
    "ARREST", "KILLING", "SEIZURE", "EXTRADITION", "CHARGES", "SANCTION", "LAW_OR_POLICY", "OTHER",
)  # fmt: skip
RELATION_TYPES = (
    "MEMBER_OF", "LEADER_OF", "ALLY_OF", "RIVAL_OF", "FACTION_OF", "OPERATES_IN", "ASSOCIATE_OF",
)  # fmt: skip


@dataclass(frozen=True)
class Mention:
    """One occurrence: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str

    def to_contract(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class ExtractedEntity:
    """An entity with every mention of it in the document."""

    key: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    gazetteer_id: str | None = None
    ftm_schema: str = "Thing"
    topics: list[str] = field(default_factory=list)
    canonical: str | None = None  # the gazetteer's own name, when resolved
    properties: dict[str, list[str]] = field(default_factory=dict)

    def to_contract(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [m.to_contract() for m in self.mentions],
        }


@dataclass
class ExtractedEvent:
    """An event found from a trigger word in one sentence."""

    type: str
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: Mention
    date: str | None = None
    date_precision: str | None = None
    date_source: str | None = None  # "sentence", "context" or None
    location: str | None = None
    location_key: str | None = None
    participants: list[str] = field(default_factory=list)
    participant_keys: list[str] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "date": self.date,
            "location": self.location,
            "participants": list(self.participants),
            "sentence": self.sentence,
        }


@dataclass
class ExtractedRelation:
    """A relation stated in one sentence between two entities."""

    source: str
    relation: str
    target: str
    sentence: str
    source_key: str
    target_key: str
    sentence_start: int
    sentence_end: int
    pattern: str = ""

    def to_contract(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "relation": self.relation,
            "target": self.target,
            "sentence": self.sentence,
        }


@dataclass
class Extraction:
    """Everything extracted from one document."""

    language: str
    entities: list[ExtractedEntity] = field(default_factory=list)
    events: list[ExtractedEvent] = field(default_factory=list)
    relations: list[ExtractedRelation] = field(default_factory=list)
    doc_date: dt.date | None = None
    extractor_version: str = EXTRACTOR_VERSION

    def entity(self, key: str) -> ExtractedEntity | None:
        for e in self.entities:
            if e.key == key:
                return e
        return None

    def to_contract(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "entities": [e.to_contract() for e in self.entities],
            "events": [e.to_contract() for e in self.events],
            "relations": [r.to_contract() for r in self.relations],
        }
