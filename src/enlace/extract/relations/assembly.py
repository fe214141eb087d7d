"""All relation layers of a document, run in order of reliability.

Surface patterns first, then anaphoric roles, then (when the language is known) the
dependency layer, then sentence co-occurrence; the first layer to find a relation keeps
it.  The gazetteer's parents, allies and rivals are never used to emit a relation.
"""

from __future__ import annotations

from enlace.extract.events import EntityMention
from enlace.extract.gazetteer import Gazetteer
from enlace.extract.model import ExtractedRelation
from enlace.extract.relations.anaphora import anaphoric_relations
from enlace.extract.relations.collector import RelationCollector
from enlace.extract.relations.cooccurrence import cooccurrence_relations
from enlace.extract.relations.parsing import Parsed
from enlace.extract.relations.surface import surface_relations
from enlace.extract.relations.syntax import syntactic_relations

__all__ = ["detect_relations"]


def detect_relations(
    text: str,
    folded: str,
    sentences: list[tuple[int, int]],
    mentions: list[EntityMention],
    gz: Gazetteer | None = None,
    lang: str | None = None,
    parsed: Parsed | None = None,
) -> list[ExtractedRelation]:
    """Relations of the document, one per (source, relation, target).

    ``lang`` ("en" or "es") enables the dependency layer; without it only the surface
    layers run.  ``parsed``: the sentences that layer reads, when already parsed
    (:func:`enlace.extract.relations.parsing.parse_documents`)."""
    out = RelationCollector(text)
    surface_relations(folded, sentences, mentions, out)
    anaphoric_relations(folded, sentences, mentions, out)
    if lang is not None:
        syntactic_relations(text, sentences, mentions, lang, out, parsed)
    cooccurrence_relations(text, folded, sentences, mentions, out)
    return out.relations
