"""Entity, event and relation extraction for organised-crime reporting (English, Spanish).

``extract_text(text, lang=None, doc_date=None)`` returns the plain contract dict;
``extract(...)`` returns a typed :class:`Extraction`; ``extract_many(texts, ...)`` does the
same for many documents with spaCy batching.  See ``pipeline.py`` for the
stages and each module's docstring for its rules.
"""

from __future__ import annotations

from enlace.extract.ftm import EVENT_SCHEMA, SCHEMA_BY_TYPE, schema_for
from enlace.extract.model import (
    ENTITY_TYPES,
    EVENT_TYPES,
    EXTRACTOR_VERSION,
    RELATION_TYPES,
    ExtractedEntity,
    ExtractedEvent,
    ExtractedRelation,
    Extraction,
    Mention,
)
from enlace.extract.pipeline import extract, extract_many, extract_text

__all__ = [
    "ENTITY_TYPES",
    "EVENT_SCHEMA",
    "EVENT_TYPES",
    "EXTRACTOR_VERSION",
    "RELATION_TYPES",
    "SCHEMA_BY_TYPE",
    "ExtractedEntity",
    "ExtractedEvent",
    "ExtractedRelation",
    "Extraction",
    "Mention",
    "extract",
    "extract_many",
    "extract_text",
    "schema_for",
]
