"""The dependency layer of relation extraction on its own, in English and Spanish."""

from __future__ import annotations

import pytest

from enlace.exceptions import InvalidData
from enlace.extract import extract
from enlace.extract.events import EntityMention
from enlace.extract.nlp import parser_for
from enlace.extract.relations.collector import RelationCollector
from enlace.extract.relations.cues import load_cues
from enlace.extract.relations.parsing import sentences_to_parse
from enlace.extract.relations.syntax import syntactic_relations
from enlace.extract.sentences import split_sentences

Triple = tuple[str, str, str]


def _mentions(text: str, lang: str) -> list[EntityMention]:
    x = extract(text, lang=lang)
    return sorted(
        (
            EntityMention(m.start, m.end, e.key, e.name, e.type)
            for e in x.entities
            for m in e.mentions
        ),
        key=lambda m: m.start,
    )


def _syntax(text: str, lang: str) -> set[Triple]:
    out = RelationCollector(text)
    syntactic_relations(text, split_sentences(text), _mentions(text, lang), lang, out)
    return {(r.source, r.relation, r.target) for r in out.relations}


POSITIVE: list[tuple[str, str, Triple]] = [
    # LEADER_OF: passive with an agent, apposition
    ("en", "The Cártel de Los Altos is run by Héctor Villa Ramos, prosecutors said.",
     ("Héctor Villa Ramos", "LEADER_OF", "Cártel de Los Altos")),
    ("es", "El Cártel de Los Altos, encabezado por Héctor Villa Ramos, opera en Jalisco.",
     ("Héctor Villa Ramos", "LEADER_OF", "Cártel de Los Altos")),
    # MEMBER_OF: coordinated holders of one apposition
    ("en", "Marcos Duarte Peña and Saúl Ibarra Lugo, both members of the Gulf Cartel, "
           "were sentenced.", ("Marcos Duarte Peña", "MEMBER_OF", "Gulf Cartel")),
    ("es", "Marcos Duarte Peña y Saúl Ibarra Lugo, ambos integrantes del Cártel del Golfo, "
           "fueron sentenciados.", ("Saúl Ibarra Lugo", "MEMBER_OF", "Cártel del Golfo")),
    # FACTION_OF: copula, verb of splitting
    ("es", "Los Rojos son una facción de la Organización Beltrán Leyva.",
     ("Los Rojos", "FACTION_OF", "Organización Beltrán Leyva")),
    ("es", "Los Rojos se separaron de la Organización Beltrán Leyva en 2010.",
     ("Los Rojos", "FACTION_OF", "Organización Beltrán Leyva")),
    # ALLY_OF: "describe X as a partner of Y", copula with a role noun
    ("en", "Officials describe Los Ardillos as a partner of the Gulf Cartel.",
     ("Los Ardillos", "ALLY_OF", "Gulf Cartel")),
    ("es", "Los Ardillos son socios del Cártel del Golfo.",
     ("Los Ardillos", "ALLY_OF", "Cártel del Golfo")),
    # RIVAL_OF: a subject shared by coordinated verbs
    ("en", "Los Rojos split from the Beltrán Leyva Organization and now fight Los Ardillos.",
     ("Los Rojos", "RIVAL_OF", "Los Ardillos")),
    ("es", "Los Rojos se separaron de la Organización Beltrán Leyva y combaten a Los Ardillos.",
     ("Los Rojos", "RIVAL_OF", "Los Ardillos")),
    # OPERATES_IN: support verb + predicate noun, possessive + group noun, verb
    ("en", "The Gulf Cartel has a strong presence in Reynosa.",
     ("Gulf Cartel", "OPERATES_IN", "Reynosa")),
    ("en", "Los Ardillos, Honduras's most violent gang, were sanctioned.",
     ("Los Ardillos", "OPERATES_IN", "Honduras")),
    ("es", "Los Ardillos dominan Chilapa desde hace una década.",
     ("Los Ardillos", "OPERATES_IN", "Chilapa")),
    # ASSOCIATE_OF: kin apposition, bribes from a group (support verb)
    ("en", "Laura Mendoza Cruz, the wife of Héctor Villa Ramos, was detained.",
     ("Laura Mendoza Cruz", "ASSOCIATE_OF", "Héctor Villa Ramos")),
    ("en", "Prosecutors said Mario Soto Vega took bribes from the Gulf Cartel.",
     ("Mario Soto Vega", "ASSOCIATE_OF", "Gulf Cartel")),
    ("es", "Laura Mendoza Cruz, esposa de Héctor Villa Ramos, fue detenida.",
     ("Laura Mendoza Cruz", "ASSOCIATE_OF", "Héctor Villa Ramos")),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "triple"), POSITIVE)
def test_structure_gives_the_relation(lang: str, text: str, triple: Triple) -> None:
    assert triple in _syntax(text, lang)


NEGATED: list[tuple[str, str, Triple]] = [
    ("en", "Saúl Ibarra Lugo denied being a member of the Gulf Cartel.",
     ("Saúl Ibarra Lugo", "MEMBER_OF", "Gulf Cartel")),
    ("es", "Saúl Ibarra Lugo negó ser integrante del Cártel del Golfo.",
     ("Saúl Ibarra Lugo", "MEMBER_OF", "Cártel del Golfo")),
    ("en", "Los Ardillos are not allies of the Gulf Cartel.",
     ("Los Ardillos", "ALLY_OF", "Gulf Cartel")),
    ("es", "Los Ardillos no son aliados del Cártel del Golfo.",
     ("Los Ardillos", "ALLY_OF", "Cártel del Golfo")),
    ("es", "Héctor Villa Ramos nunca dirigió el Cártel de Los Altos.",
     ("Héctor Villa Ramos", "LEADER_OF", "Cártel de Los Altos")),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "triple"), NEGATED)
def test_negated_or_denied_cue_gives_nothing(lang: str, text: str, triple: Triple) -> None:
    assert triple not in _syntax(text, lang)


def test_affirmative_twin_of_a_negated_sentence_is_found() -> None:
    text = "Saúl Ibarra Lugo admitted being a member of the Gulf Cartel."
    assert ("Saúl Ibarra Lugo", "MEMBER_OF", "Gulf Cartel") in _syntax(text, "en")


def test_entity_types_must_fit_the_relation() -> None:
    # "led by" a place is no leadership, and a person does not operate in a place
    rels = _syntax("Héctor Villa Ramos, a leader from Jalisco, was detained.", "en")
    assert not any(r[1] in ("LEADER_OF", "OPERATES_IN") for r in rels)


def test_each_apposition_describes_its_own_names() -> None:
    text = (
        "Also detained were Marcos Duarte Peña and Saúl Ibarra Lugo, former leaders of "
        "Los Rojos, and Héctor Villa Ramos, the boss of the Gulf Cartel."
    )
    rels = _syntax(text, "en")
    assert ("Héctor Villa Ramos", "LEADER_OF", "Gulf Cartel") in rels
    assert ("Héctor Villa Ramos", "LEADER_OF", "Los Rojos") not in rels
    assert ("Saúl Ibarra Lugo", "LEADER_OF", "Gulf Cartel") not in rels


def test_pronoun_stands_for_the_group_named_before() -> None:
    text = "Los Ardillos grew quickly in the mountains. It has long fought Los Tlacos."
    assert ("Los Ardillos", "RIVAL_OF", "Los Tlacos") in _syntax(text, "en")


def test_pronoun_after_an_agency_is_not_resolved_to_a_group() -> None:
    text = "Los Ardillos grew quickly. The Army said it has long fought Los Tlacos."
    assert ("Los Ardillos", "RIVAL_OF", "Los Tlacos") not in _syntax(text, "en")


def test_only_sentences_with_related_types_are_parsed() -> None:
    text = "Héctor Villa Ramos spoke to Laura Mendoza Cruz. The weather was cold in Jalisco."
    sentences = split_sentences(text)
    mentions = _mentions(text, "en")
    chosen = sentences_to_parse(text, sentences, mentions, load_cues(), load_cues().languages["en"])
    assert [text[s0:s1] for s0, s1, _ in chosen] == [text[sentences[0][0] : sentences[0][1]]]


def test_parser_pipeline_has_a_parser_and_no_ner() -> None:
    nlp = parser_for("es")
    assert "parser" in nlp.pipe_names and "ner" not in nlp.pipe_names
    assert parser_for("es") is nlp  # loaded once


def test_parser_for_an_unknown_language_is_invalid() -> None:
    with pytest.raises(InvalidData):
        parser_for("fr")


def test_parser_can_be_switched_off_for_bulk_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Saúl Ibarra Lugo admitted being a member of the Gulf Cartel."
    monkeypatch.setenv("ENLACE_RELATION_PARSER", "off")
    assert _syntax(text, "en") == set()
    monkeypatch.setenv("ENLACE_RELATION_PARSER", "sometimes")
    with pytest.raises(ValueError, match="on or off"):
        _syntax(text, "en")
