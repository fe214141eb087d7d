"""Entities related to one entity, ranked by shared documents and graph proximity.

The score of another entity is the number of visible documents that mention both, plus
:data:`PROXIMITY` for being one or two hops away in the reader's visible graph. Relations
and events are not ranked here (they have their own sections of a profile).
"""

from __future__ import annotations

from typing import Any

from enlace.graph.expand import neighbourhood
from enlace.graph.link import is_edge, is_event
from enlace.graph.source import Mention, Source
from enlace.model.entity import Entity, common_schema

PROXIMITY = {1: 2.0, 2: 1.0}
CANDIDATES = 200


def _rankable(schemata: frozenset[str] | str) -> bool:
    schema = common_schema([schemata] if isinstance(schemata, str) else sorted(schemata))
    return not (is_edge(schema) or is_event(schema))


def related(source: Source, entity: Entity, limit: int = 10) -> list[dict[str, Any]]:
    """The ``limit`` best-ranked entities, each with its score and why."""
    mentions: dict[str, Mention] = {
        m.entity_id: m for m in source.mentions(entity.document_ids)
        if m.entity_id != entity.id and _rankable(m.schemata)}
    top = sorted(mentions, key=lambda e: (-len(mentions[e].documents), e))[:CANDIDATES]
    hops: dict[str, int] = {}
    if not is_edge(entity.schema):
        network, distances = neighbourhood(source, entity.id, 2)
        hops = {n: d for n, d in distances.items()
                if d > 0 and _rankable(network.nodes[n].schema)}
    scores = {e: float(len(mentions[e].documents)) if e in mentions else 0.0
              for e in {*top, *hops}}
    for node, distance in hops.items():
        scores[node] += PROXIMITY.get(distance, 0.0)
    ranked = sorted(scores, key=lambda e: (-scores[e], e))[:limit]
    found = source.entities(ranked)
    return [{"id": e, "schema": found[e].schema.name, "caption": found[e].caption,
             "score": scores[e],
             "shared_documents": len(mentions[e].documents) if e in mentions else 0,
             "hops": hops.get(e)} for e in ranked if e in found]
