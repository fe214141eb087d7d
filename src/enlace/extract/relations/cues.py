"""The cue words of the dependency layer, read from ``data/relation_cues.yml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from enlace.exceptions import InvalidData
from enlace.extract.data_files import load_yaml
from enlace.extract.model import RELATION_TYPES
from enlace.extract.text import fold

__all__ = ["LanguageCues", "RelationCues", "load_cues"]

CUE_FILE = "relation_cues.yml"


def _words(values: Any) -> frozenset[str]:
    words = list(values or ())
    odd = [v for v in words if not isinstance(v, str)]
    if odd:  # YAML reads a bare no / off / on as a boolean
        raise InvalidData(f"{CUE_FILE}: quote the words {odd}")
    return frozenset(fold(v).lower() for v in words)


def _classes(table: Any) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for rel, words in (table or {}).items():
        if str(rel).split("@")[0] not in RELATION_TYPES:
            raise InvalidData(f"{CUE_FILE}: unknown relation class {rel!r}")
        out[str(rel)] = _words(words)
    return out


@dataclass(frozen=True)
class LanguageCues:
    """Cue words of one language: relation classes of verbs and nouns, and markers."""

    verbs: dict[str, frozenset[str]]
    nouns: dict[str, frozenset[str]]
    verb_preps: dict[str, frozenset[str]]
    complement_preps: frozenset[str]
    reciprocal_preps: frozenset[str]
    agent_preps: frozenset[str]
    negators: frozenset[str]
    denials: frozenset[str]
    denial_forms: frozenset[str]
    pronouns: frozenset[str]
    group_nouns: frozenset[str]
    plural_markers: frozenset[str]

    @cached_property
    def _verb_words(self) -> frozenset[str]:
        return frozenset().union(*self.verbs.values())

    @cached_property
    def _noun_words(self) -> frozenset[str]:
        return frozenset().union(*self.nouns.values())

    def verb_relations(self, lemmas: tuple[str, ...]) -> list[str]:
        """Relations a verb with one of ``lemmas`` can express."""
        if self._verb_words.isdisjoint(lemmas):  # most words: no need to try every class
            return []
        return [r for r, ws in self.verbs.items() if any(lm in ws for lm in lemmas)]

    def noun_relations(self, lemmas: tuple[str, ...]) -> list[str]:
        """Relations a role or predicate word with one of ``lemmas`` can express."""
        if self._noun_words.isdisjoint(lemmas):
            return []
        return [r for r, ws in self.nouns.items() if any(lm in ws for lm in lemmas)]


@dataclass(frozen=True)
class RelationCues:
    """Relation classes (entity-type constraints and the relation each emits) and the
    cues of each language."""

    sources: dict[str, frozenset[str]]
    targets: dict[str, frozenset[str]]
    labels: dict[str, str]
    symmetric: frozenset[str]
    passive_subject_is_source: frozenset[str]
    languages: dict[str, LanguageCues] = field(default_factory=dict)

    def fits(self, rel: str, source_type: str, target_type: str) -> bool:
        """Whether ``rel`` may hold from an entity of ``source_type`` to ``target_type``."""
        return source_type in self.sources.get(rel, ()) and target_type in self.targets.get(rel, ())

    def compatible(self, a: str, b: str) -> bool:
        """Whether some relation may hold between entities of types ``a`` and ``b``."""
        return any(self.fits(r, a, b) or self.fits(r, b, a) for r in self.sources)


def _language(raw: dict[str, Any], lang: str) -> LanguageCues:
    def per_lang(key: str) -> Any:
        return (raw.get(key) or {}).get(lang)

    neg = per_lang("negation") or {}
    ana = per_lang("anaphors") or {}
    return LanguageCues(
        verbs=_classes(per_lang("verbs")),
        nouns=_classes(per_lang("nouns")),
        verb_preps=_classes(per_lang("verb_preps")),
        complement_preps=_words(per_lang("complement_preps")),
        reciprocal_preps=_words(per_lang("reciprocal_preps")),
        agent_preps=_words(per_lang("agent_preps")),
        negators=_words(neg.get("adverbs")),
        denials=_words(neg.get("verbs")),
        denial_forms=_words(neg.get("forms")),
        pronouns=_words(ana.get("pronouns")),
        group_nouns=_words(ana.get("group_nouns")),
        plural_markers=_words(ana.get("plural_markers")),
    )


@lru_cache(maxsize=1)
def load_cues() -> RelationCues:
    """The cues of ``relation_cues.yml`` (English and Spanish)."""
    raw = load_yaml(CUE_FILE) or {}
    types = raw.get("relations") or {}
    labels = {str(r): str(t.get("relation") or r) for r, t in types.items()}
    unknown = [r for r in labels.values() if r not in RELATION_TYPES]
    if unknown:
        raise InvalidData(f"{CUE_FILE}: unknown relations {unknown}")
    return RelationCues(
        sources={r: frozenset(t.get("source") or ()) for r, t in types.items()},
        targets={r: frozenset(t.get("target") or ()) for r, t in types.items()},
        labels=labels,
        symmetric=frozenset(raw.get("symmetric") or ()),
        passive_subject_is_source=frozenset(raw.get("passive_subject_is_source") or ()),
        languages={lang: _language(raw, lang) for lang in ("en", "es")},
    )
