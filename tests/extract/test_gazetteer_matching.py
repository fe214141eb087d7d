"""Gazetteer matching: accents, case, acronyms, longest match, weak aliases."""

from __future__ import annotations

from enlace.extract import extract
from enlace.extract.gazetteer import AgencyEntry, Gazetteer, GroupEntry, get_gazetteer
from enlace.extract.text import fold


def _small() -> Gazetteer:
    groups = [
        GroupEntry(
            id="cjng",
            name="Cártel Jalisco Nueva Generación",
            aliases=("CJNG", "Jalisco New Generation Cartel"),
        ),
        GroupEntry(id="sinaloa", name="Cártel de Sinaloa", aliases=("Sinaloa Cartel",)),
        GroupEntry(id="golfo", name="Cártel del Golfo", weak_aliases=("Golfo",)),
    ]
    agencies = [
        AgencyEntry(id="us-dea", name="Drug Enforcement Administration", acronyms=("DEA",)),
        AgencyEntry(id="mx-pf", name="Policía Federal", ambiguous_acronyms=("PF",)),
    ]
    return Gazetteer(groups, agencies)


def test_fold_keeps_length() -> None:
    text = "Cártel de Sinaloa, “El Chapo” — Ñuño"
    assert len(fold(text)) == len(text)
    assert fold("Cártel ÑUÑO") == "cartel nuno"


def test_accent_and_case_insensitive_names() -> None:
    gz = _small()
    text = "el CARTEL JALISCO NUEVA GENERACION y el cartel de sinaloa"
    found = gz.match(text)
    assert [(m.entry_id, m.text) for m in found] == [
        ("cjng", "CARTEL JALISCO NUEVA GENERACION"),
        ("sinaloa", "cartel de sinaloa"),
    ]


def test_acronyms_are_case_sensitive() -> None:
    gz = _small()
    assert [m.entry_id for m in gz.match("La DEA y el CJNG")] == ["us-dea", "cjng"]
    assert gz.match("la idea de dea") == []


def test_longest_match_wins() -> None:
    gz = _small()
    found = gz.match("The Jalisco New Generation Cartel grew.")
    assert [(m.entry_id, m.text) for m in found] == [("cjng", "Jalisco New Generation Cartel")]


def test_connector_words_may_be_inserted() -> None:
    gz = _small()
    found = gz.match("el Cártel de Jalisco Nueva Generación")
    assert [(m.entry_id, m.text) for m in found] == [("cjng", "Cártel de Jalisco Nueva Generación")]


def test_weak_aliases_are_marked() -> None:
    gz = _small()
    found = gz.match("Golfo de México y PF")
    assert [(m.entry_id, m.strength) for m in found] == [("golfo", "weak"), ("mx-pf", "weak")]


def test_real_gazetteer_resolves_common_names() -> None:
    gz = get_gazetteer()
    ids = {m.entry_id for m in gz.match("El CJNG y la DEA; la Fiscalía General de la República")}
    assert {"cjng", "us-dea", "mx-fgr"} <= ids


def test_pipeline_uses_gazetteer_ids_and_accent_folding() -> None:
    x = extract("Agentes de la DEA vigilaban al Cartel Jalisco Nueva Generacion.", lang="es")
    by_id = {e.gazetteer_id: e for e in x.entities}
    assert by_id["us-dea"].type == "GOV_AGENCY"
    assert by_id["us-dea"].ftm_schema == "PublicBody"
    assert by_id["cjng"].type == "CRIMINAL_GROUP"
    assert by_id["cjng"].name == "Cartel Jalisco Nueva Generacion"
    assert by_id["cjng"].ftm_schema == "Organization"
    assert "crime" in by_id["cjng"].topics[0]


def test_weak_place_and_group_words_need_context() -> None:
    x = extract("Soldiers seized fentanyl pills in northern Sinaloa on Tuesday.", lang="en")
    types = {e.name: e.type for e in x.entities}
    assert types.get("Sinaloa") == "LOCATION"


def test_lone_agency_heads_and_spanish_nickname_person() -> None:
    x = extract(
        "Una patrulla del Ejército ubicó a El Chapo Guzmán cerca de Culiacán. La Federal Police "
        "no participó.",
        lang="es",
    )
    types = {e.name: e.type for e in x.entities}
    assert types.get("Ejército") == "GOV_AGENCY"
    assert "PERSON" in {types.get("Chapo Guzmán"), types.get("El Chapo Guzmán")}
    assert "Police" not in types


def test_dateline_is_not_a_separate_place_name() -> None:
    x = extract("CULIACÁN, Mexico — Soldiers patrolled Culiacán on Friday.", lang="en")
    [culiacan] = [e for e in x.entities if e.gazetteer_id == "culiacan"]
    assert culiacan.name == "Culiacán"
    assert [m.text for m in culiacan.mentions] == ["CULIACÁN", "Culiacán"]
