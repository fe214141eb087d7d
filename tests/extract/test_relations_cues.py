"""The cue data of the dependency layer and the public face of the relations package."""

from __future__ import annotations

import pytest

import enlace.extract.relations as relations
from enlace.exceptions import InvalidData
from enlace.extract.model import RELATION_TYPES
from enlace.extract.relations.cues import _words, load_cues


def test_public_api_is_pinned() -> None:
    assert relations.__all__ == ["RelationPattern", "detect_relations", "load_patterns"]


def test_every_cue_class_has_entity_types_and_a_known_relation() -> None:
    cues = load_cues()
    assert set(cues.labels.values()) == set(RELATION_TYPES)
    for lang in ("en", "es"):
        table = cues.languages[lang]
        for cls in [*table.verbs, *table.nouns, *table.verb_preps]:
            assert cues.sources[cls] and cues.targets[cls], cls


def test_both_languages_have_cues_for_every_relation() -> None:
    cues = load_cues()
    for lang in ("en", "es"):
        table = cues.languages[lang]
        covered = {cues.labels[c] for c in [*table.verbs, *table.nouns]}
        assert covered == set(RELATION_TYPES), lang
        assert table.negators and table.denials and table.denial_forms


def test_cue_words_are_folded_lower_case() -> None:
    cues = load_cues()
    for table in cues.languages.values():
        for words in [*table.verbs.values(), *table.nouns.values()]:
            assert all(w == w.lower() and w.isascii() for w in words)


def test_unquoted_yaml_boolean_is_rejected() -> None:
    with pytest.raises(InvalidData):
        _words(["no", False])


def test_type_constraints() -> None:
    cues = load_cues()
    assert cues.fits("LEADER_OF", "PERSON", "CRIMINAL_GROUP")
    assert not cues.fits("LEADER_OF", "CRIMINAL_GROUP", "PERSON")
    assert cues.fits("OPERATES_IN", "CRIMINAL_GROUP", "LOCATION")
    assert not cues.fits("OPERATES_IN", "PERSON", "LOCATION")
    assert cues.compatible("LOCATION", "CRIMINAL_GROUP")
    assert not cues.compatible("LOCATION", "GOV_AGENCY")
