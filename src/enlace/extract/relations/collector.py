"""Collects the relations found by every layer, one per (source, relation, target)."""

from __future__ import annotations

from enlace.extract.events import EntityMention
from enlace.extract.model import ExtractedRelation

__all__ = ["SYMMETRIC", "RelationCollector"]

SYMMETRIC = frozenset({"ALLY_OF", "RIVAL_OF", "ASSOCIATE_OF"})


class RelationCollector:
    """Relations of one document in the order found; symmetric ones kept once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: list[ExtractedRelation] = []
        self._keys: set[tuple[str, str, str]] = set()
        self._placed: set[tuple[int, str]] = set()

    def emit(
        self, sm: EntityMention, rel: str, tm: EntityMention, s0: int, s1: int, name: str
    ) -> None:
        """Record that sentence ``[s0, s1)`` relates ``sm`` to ``tm`` (pattern ``name``)."""
        if sm.key == tm.key:
            return
        key = (sm.key, rel, tm.key)
        if key in self._keys:
            return
        if rel in SYMMETRIC and (tm.key, rel, sm.key) in self._keys:
            return
        self._keys.add(key)
        if rel == "OPERATES_IN":
            self._placed.add((s0, tm.key))
        self._found.append(
            ExtractedRelation(
                source=sm.name,
                relation=rel,
                target=tm.name,
                sentence=self.text[s0:s1],
                source_key=sm.key,
                target_key=tm.key,
                sentence_start=s0,
                sentence_end=s1,
                pattern=name,
            )
        )

    def has(self, sm: EntityMention, rel: str, tm: EntityMention) -> bool:
        """Whether the relation is already recorded (either way round when symmetric)."""
        if (sm.key, rel, tm.key) in self._keys:
            return True
        return rel in SYMMETRIC and (tm.key, rel, sm.key) in self._keys

    def placed(self, s0: int, place_key: str) -> bool:
        """Whether the sentence starting at ``s0`` already ties a group to the place."""
        return (s0, place_key) in self._placed

    @property
    def relations(self) -> list[ExtractedRelation]:
        """The relations recorded so far."""
        return list(self._found)
