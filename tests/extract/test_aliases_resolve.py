"""Alias constructions and within-document resolution of short forms."""

from __future__ import annotations

import pytest

from enlace.extract import extract
from enlace.extract.aliases import find_aliases


def _pairs(text: str) -> list[tuple[str, str, str]]:
    out = []
    for link in find_aliases(text):
        main = text[link.main_start : link.main_end] if link.main_start >= 0 else ""
        out.append((link.kind, main, text[link.alias_start : link.alias_end]))
    return out


@pytest.mark.parametrize(
    ("text", "main", "alias"),
    [
        (
            "Nemesio Oseguera Cervantes, alias El Mencho, fue visto.",
            "Nemesio Oseguera Cervantes",
            "El Mencho",
        ),
        (
            'Dámaso López Núñez, alias "El Licenciado", fue detenido.',
            "Dámaso López Núñez",
            "El Licenciado",
        ),
        (
            "Nemesio Oseguera Cervantes (a) El Mencho fue visto.",
            "Nemesio Oseguera Cervantes",
            "El Mencho",
        ),
        ("Joaquín Guzmán Loera a.k.a. El Chapo was jailed.", "Joaquín Guzmán Loera", "El Chapo"),
        (
            "Joaquín Guzmán Loera, also known as “El Chapo”, was jailed.",
            "Joaquín Guzmán Loera",
            "El Chapo",
        ),
        (
            "Rafael Caro Quintero, conocido como «El Narco de Narcos», huyó.",
            "Rafael Caro Quintero",
            "El Narco de Narcos",
        ),
        ('Ovidio Guzmán, apodado "El Ratón", fue capturado.', "Ovidio Guzmán", "El Ratón"),
        (
            'José Antonio Yépez Ortiz, "El Marro", líder del cártel.',
            "José Antonio Yépez Ortiz",
            "El Marro",
        ),
    ],
)
def test_nickname_constructions(text: str, main: str, alias: str) -> None:
    assert ("nickname", main, alias) in _pairs(text)


def test_embedded_nickname() -> None:
    [link] = [
        x
        for x in find_aliases('Ismael "El Mayo" Zambada García, the co-founder')
        if x.kind == "embedded"
    ]
    assert link.name == "Ismael Zambada García"


def test_acronym_in_brackets() -> None:
    text = "El Cártel Jalisco Nueva Generación (CJNG) opera en Jalisco."
    assert ("acronym", "", "CJNG") in _pairs(text)


def test_quoted_nickname_alone() -> None:
    assert ("quoted", "", "El Mencho") in _pairs('Buscan a "El Mencho" en Jalisco.')


def test_pipeline_links_nickname_and_later_mentions() -> None:
    text = (
        'Soldiers captured Ovidio Guzmán López, son of Joaquín Guzmán Loera, alias "El Chapo". '
        "El Chapo is in prison in Colorado. Ovidio Guzmán was flown to Mexico City."
    )
    x = extract(text, lang="en")
    people = {e.name: e for e in x.entities if e.type == "PERSON"}
    assert set(people) == {"Ovidio Guzmán López", "Joaquín Guzmán Loera"}
    chapo = people["Joaquín Guzmán Loera"]
    assert chapo.aliases == ["El Chapo"]
    assert [m.text for m in chapo.mentions] == ["Joaquín Guzmán Loera", "El Chapo", "El Chapo"]
    assert [m.text for m in people["Ovidio Guzmán López"].mentions] == [
        "Ovidio Guzmán López",
        "Ovidio Guzmán",
    ]


def test_father_and_son_surname_is_not_merged_blindly() -> None:
    text = (
        "Joaquín Guzmán Loera and his son Ovidio Guzmán López were both charged. "
        "Guzmán denied the charges."
    )
    x = extract(text, lang="en")
    people = [e for e in x.entities if e.type == "PERSON"]
    assert sorted(e.name for e in people) == ["Joaquín Guzmán Loera", "Ovidio Guzmán López"]
    for e in people:
        assert "Guzmán" not in [m.text for m in e.mentions]


def test_unambiguous_surname_is_resolved() -> None:
    text = "Police arrested Rafael Caro Quintero in Sinaloa. Caro Quintero was flown to Texas."
    x = extract(text, lang="en")
    [rcq] = [e for e in x.entities if e.type == "PERSON"]
    assert rcq.name == "Rafael Caro Quintero"
    assert [m.text for m in rcq.mentions] == ["Rafael Caro Quintero", "Caro Quintero"]


def test_embedded_nickname_person_is_distinct_from_similar_full_name() -> None:
    text = (
        'Joaquín Guzmán López is a son of Joaquín "El Chapo" Guzmán. '
        "El Chapo was extradited in 2017."
    )
    x = extract(text, lang="en")
    people = {e.name: e for e in x.entities if e.type == "PERSON"}
    assert set(people) == {"Joaquín Guzmán López", "Joaquín Guzmán"}
    assert people["Joaquín Guzmán"].aliases == ["El Chapo"]


def test_spanish_title_marks_person() -> None:
    text = "El general Luis Cresencio Sandoval informó que la Marina detuvo a dos personas."
    x = extract(text, lang="es")
    people = [e.name for e in x.entities if e.type == "PERSON"]
    assert people == ["Luis Cresencio Sandoval"]
