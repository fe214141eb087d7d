"""Every relation type, end to end through ``extract``, in English and Spanish."""

from __future__ import annotations

import pytest

from enlace.extract import extract

Triple = tuple[str, str, str]


def _relations(text: str, lang: str) -> set[Triple]:
    return {(r.source, r.relation, r.target) for r in extract(text, lang=lang).relations}


STATED: list[tuple[str, str, Triple]] = [
    ("en", "Prosecutors say Héctor Villa Ramos heads the Cártel de Los Altos.",
     ("Héctor Villa Ramos", "LEADER_OF", "Cártel de Los Altos")),
    ("es", "La fiscalía afirma que Héctor Villa Ramos encabeza el Cártel de Los Altos.",
     ("Héctor Villa Ramos", "LEADER_OF", "Cártel de Los Altos")),
    ("en", "Marcos Duarte Peña and Saúl Ibarra Lugo, both members of the Gulf Cartel, "
           "were sentenced.", ("Saúl Ibarra Lugo", "MEMBER_OF", "Gulf Cartel")),
    ("es", "Marcos Duarte Peña y Saúl Ibarra Lugo, ambos integrantes del Cártel del Golfo, "
           "fueron sentenciados.", ("Marcos Duarte Peña", "MEMBER_OF", "Cártel del Golfo")),
    ("en", "Los Rojos is a faction of the Beltrán Leyva Organization.",
     ("Los Rojos", "FACTION_OF", "Beltrán Leyva Organization")),
    ("es", "Los Rojos son una facción de la Organización Beltrán Leyva.",
     ("Los Rojos", "FACTION_OF", "Organización Beltrán Leyva")),
    ("en", "Los Ardillos have partnered with the Jalisco New Generation Cartel.",
     ("Los Ardillos", "ALLY_OF", "Jalisco New Generation Cartel")),
    ("es", "Los Ardillos se aliaron con el Cártel Jalisco Nueva Generación.",
     ("Los Ardillos", "ALLY_OF", "Cártel Jalisco Nueva Generación")),
    ("en", "Los Tlacos have battled La Familia Michoacana for two years.",
     ("Los Tlacos", "RIVAL_OF", "La Familia Michoacana")),
    ("es", "Los Tlacos combaten a La Familia Michoacana desde hace dos años.",
     ("Los Tlacos", "RIVAL_OF", "La Familia Michoacana")),
    ("en", "The Gulf Cartel has a strong presence in Reynosa.",
     ("Gulf Cartel", "OPERATES_IN", "Reynosa")),
    ("es", "El Cártel del Golfo opera en Reynosa y Nuevo Laredo.",
     ("Cártel del Golfo", "OPERATES_IN", "Nuevo Laredo")),
    ("en", "Laura Mendoza Cruz, the wife of Héctor Villa Ramos, was detained.",
     ("Laura Mendoza Cruz", "ASSOCIATE_OF", "Héctor Villa Ramos")),
    ("es", "Laura Mendoza Cruz, esposa de Héctor Villa Ramos, fue detenida.",
     ("Laura Mendoza Cruz", "ASSOCIATE_OF", "Héctor Villa Ramos")),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "triple"), STATED)
def test_stated_relation_is_extracted(lang: str, text: str, triple: Triple) -> None:
    assert triple in _relations(text, lang)


NOT_STATED: list[tuple[str, str, str]] = [
    ("en", "Saúl Ibarra Lugo denied being a member of the Gulf Cartel.", "MEMBER_OF"),
    ("es", "Saúl Ibarra Lugo negó ser integrante del Cártel del Golfo.", "MEMBER_OF"),
    ("en", "Los Ardillos are not allies of the Jalisco New Generation Cartel.", "ALLY_OF"),
    ("es", "Los Ardillos no son aliados del Cártel Jalisco Nueva Generación.", "ALLY_OF"),
    ("en", "Héctor Villa Ramos never led the Cártel de Los Altos.", "LEADER_OF"),
    ("es", "Héctor Villa Ramos nunca dirigió el Cártel de Los Altos.", "LEADER_OF"),
    ("es", "El Cártel del Golfo no opera en Reynosa, según la policía.", "OPERATES_IN"),
]


@pytest.mark.parametrize(("lang", "text", "relation"), NOT_STATED)
def test_negated_relation_is_not_extracted(lang: str, text: str, relation: str) -> None:
    assert relation not in {r[1] for r in _relations(text, lang)}


def test_symmetric_relation_is_reported_once() -> None:
    text = "Los Tlacos and La Familia Michoacana have fought each other for years."
    rivals = [r for r in _relations(text, "en") if r[1] == "RIVAL_OF"]
    assert len(rivals) == 1
    assert set(rivals[0][::2]) == {"Los Tlacos", "La Familia Michoacana"}
