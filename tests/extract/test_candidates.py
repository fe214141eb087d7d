"""Collecting candidates from every source: constructions, patterns and NER together."""

from __future__ import annotations

from itertools import pairwise

from enlace.extract.candidates import collect_candidates
from enlace.extract.gazetteer import get_gazetteer
from enlace.extract.lexicon import get_lexicon
from enlace.extract.nlp import nlp_for
from enlace.extract.text import fold

TEXT = ("El general Ramiro Salas Ortega, alias El Tordo, jefe del Cártel del Golfo, fue "
        "detenido en el municipio de Reynosa por la Guardia Nacional (GN).")


def test_sources_meet_in_one_settled_list_with_alias_links() -> None:
    doc = nlp_for("es")(TEXT)
    chosen, links = collect_candidates(TEXT, fold(TEXT), doc, "es", get_gazetteer(),
                                       get_lexicon())
    found = {TEXT[c.start:c.end]: c for c in chosen}
    assert found["Ramiro Salas Ortega"].type == "PERSON"
    assert found["El Tordo"].type == "PERSON" and found["El Tordo"].is_alias
    assert found["Cártel del Golfo"].type == "CRIMINAL_GROUP"
    assert found["Reynosa"].type == "LOCATION"
    assert found["GN"].type == found["Guardia Nacional"].type == "GOV_AGENCY"
    named = {(TEXT[chosen[a].start:chosen[a].end], TEXT[chosen[b].start:chosen[b].end])
             for a, b in links}
    assert ("Ramiro Salas Ortega", "El Tordo") in named
    assert ("Guardia Nacional", "GN") in named
    assert all(x.end <= y.start for x, y in pairwise(chosen))
