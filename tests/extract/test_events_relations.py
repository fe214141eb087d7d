"""Events and relations on short sentences in English and Spanish."""

from __future__ import annotations

import datetime as dt

from enlace.extract import extract

DOC = dt.date(2023, 1, 6)  # a Friday


def _events(text: str, lang: str) -> list[tuple[str, str | None, str | None, list[str]]]:
    x = extract(text, lang=lang, doc_date=DOC)
    return [(e.type, e.date, e.location, e.participants) for e in x.events]


def _relations(text: str, lang: str) -> set[tuple[str, str, str]]:
    x = extract(text, lang=lang, doc_date=DOC)
    return {(r.source, r.relation, r.target) for r in x.relations}


def test_arrest_with_date_and_place() -> None:
    events = _events("Mexican soldiers captured Ovidio Guzmán López on Thursday in Culiacán.", "en")
    assert events == [("ARREST", "2023-01-05", "Culiacán", ["Ovidio Guzmán López"])]


def test_spanish_arrest_and_extradition() -> None:
    text = (
        "La Marina detuvo a Rafael Caro Quintero el 15 de julio de 2022 en Sinaloa. "
        "Caro Quintero fue extraditado a Estados Unidos en febrero de 2025."
    )
    events = _events(text, "es")
    assert ("ARREST", "2022-07-15", "Sinaloa", ["Marina", "Rafael Caro Quintero"]) in [
        (t, d, loc, sorted(p, key=len)) for t, d, loc, p in events
    ] or events[0][:3] == ("ARREST", "2022-07-15", "Sinaloa")
    assert events[1][:3] == ("EXTRADITION", "2025-02", "Estados Unidos")
    assert events[1][3] == ["Rafael Caro Quintero"]


def test_killing_and_seizure() -> None:
    text = (
        "Gunmen of the Sinaloa Cartel killed two police officers in Culiacán yesterday. "
        "El Ejército aseguró 500 kilos de fentanilo del Cártel de Sinaloa en Sinaloa."
    )
    kinds = [e[0] for e in _events(text, "en")[:1]] + [e[0] for e in _events(text, "es")[1:]]
    assert kinds[0] == "KILLING"
    x = extract(text.split(". ")[1], lang="es", doc_date=DOC)
    assert [e.type for e in x.events] == ["SEIZURE"]


def test_sanction_and_charges() -> None:
    events = _events(
        "The Treasury Department sanctioned the Cártel Jalisco Nueva Generación in June 2022. "
        "A federal grand jury indicted Ismael Zambada García in 2009.",
        "en",
    )
    assert [(t, d) for t, d, _loc, _p in events] == [("SANCTION", "2022-06"), ("CHARGES", "2009")]


def test_event_without_participants_borrows_previous_sentence() -> None:
    text = (
        "Gunmen of the Sinaloa Cartel attacked the airport in Culiacán on Thursday. "
        "Ten soldiers were killed in the fighting."
    )
    events = _events(text, "en")
    assert events[-1][0] == "KILLING"
    assert events[-1][2] == "Culiacán"
    assert events[-1][3] == ["Sinaloa Cartel"]


def test_no_event_without_trigger() -> None:
    assert _events("Ismael Zambada García was born in Sinaloa.", "en") == []


def test_leader_and_member_relations() -> None:
    rels = _relations(
        "Nemesio Oseguera Cervantes, the leader of the Cártel Jalisco Nueva Generación, is a fugitive.",
        "en",
    )
    assert ("Nemesio Oseguera Cervantes", "LEADER_OF", "Cártel Jalisco Nueva Generación") in rels
    rels = _relations(
        'Dairo Antonio Úsuga David, alias "Otoniel", máximo jefe del Clan del Golfo, fue capturado.',
        "es",
    )
    assert ("Dairo Antonio Úsuga David", "LEADER_OF", "Clan del Golfo") in rels
    rels = _relations("Juan Pérez López, operador del Cártel de Sinaloa, fue detenido.", "es")
    assert ("Juan Pérez López", "MEMBER_OF", "Cártel de Sinaloa") in rels


def test_faction_rival_ally_relations() -> None:
    rels = _relations("Los Chapitos, a faction of the Sinaloa Cartel, control Culiacán.", "en")
    assert ("Los Chapitos", "FACTION_OF", "Sinaloa Cartel") in rels
    rels = _relations("Los Viagras y el Cártel Jalisco Nueva Generación se disputan la zona.", "es")
    assert ("Los Viagras", "RIVAL_OF", "Cártel Jalisco Nueva Generación") in rels
    rels = _relations("La alianza entre el Cártel del Golfo y Los Zetas terminó en 2010.", "es")
    assert ("Cártel del Golfo", "ALLY_OF", "Los Zetas") in rels


def test_operates_in_and_associate() -> None:
    rels = _relations("El Cártel de Sinaloa opera en Sonora, Chihuahua y Durango.", "es")
    assert {
        ("Cártel de Sinaloa", "OPERATES_IN", p) for p in ("Sonora", "Chihuahua", "Durango")
    } <= rels
    rels = _relations("Ovidio Guzmán López, a son of Joaquín Guzmán Loera, was extradited.", "en")
    assert ("Ovidio Guzmán López", "ASSOCIATE_OF", "Joaquín Guzmán Loera") in rels


def test_gazetteer_alone_never_states_a_relation() -> None:
    # the gazetteer lists Los Chapitos as a faction of Sinaloa, but the text says nothing
    rels = _relations("Los Chapitos and the Sinaloa Cartel were named in the report.", "en")
    assert rels == set()


def test_pronoun_takes_the_protagonist() -> None:
    text = (
        "Ovidio Guzmán López was captured in Culiacán. Ovidio Guzmán López is the son of a "
        "drug lord.\n\nA federal grand jury in Washington indicted him in 2019."
    )
    events = _events(text, "en")
    assert ("CHARGES", "2019", "Washington", ["Ovidio Guzmán López"]) in events


def test_reward_for_an_arrest_is_not_an_arrest() -> None:
    text = "The State Department offered $5 million for information leading to the arrest of Ismael Zambada García."
    assert [e[0] for e in _events(text, "en")] == ["OTHER"]


def test_alliance_members_and_reciprocal_rivals() -> None:
    rels = _relations(
        "Cárteles Unidos es una alianza de organizaciones locales, entre ellas Los Viagras y "
        "Los Caballeros Templarios.",
        "es",
    )
    assert ("Los Viagras", "MEMBER_OF", "Cárteles Unidos") in rels
    assert ("Los Caballeros Templarios", "MEMBER_OF", "Cárteles Unidos") in rels
    assert ("Los Viagras", "ALLY_OF", "Los Caballeros Templarios") in rels
    rels = _relations(
        "Los Choneros, Los Lobos y Los Tiguerones se disputan rutas de cocaína.", "es"
    )
    assert {
        ("Los Choneros", "RIVAL_OF", "Los Lobos"),
        ("Los Choneros", "RIVAL_OF", "Los Tiguerones"),
        ("Los Lobos", "RIVAL_OF", "Los Tiguerones"),
    } <= rels


def test_anaphoric_leader_takes_the_last_group() -> None:
    rels = _relations(
        "Los Monos dominan el narcomenudeo en Rosario. Su líder, Ariel Máximo Cantero, está preso.",
        "es",
    )
    assert ("Ariel Máximo Cantero", "LEADER_OF", "Los Monos") in rels


def test_possessive_does_not_steal_the_relation() -> None:
    rels = _relations(
        'Vicente Zambada Niebla, a son of Guzmán\'s partner Ismael "El Mayo" Zambada, testified.',
        "en",
    )
    assert ("Vicente Zambada Niebla", "ASSOCIATE_OF", "Ismael Zambada") in rels
    assert ("Vicente Zambada Niebla", "ASSOCIATE_OF", "Guzmán") not in rels
    assert ("Ismael Zambada", "ASSOCIATE_OF", "Guzmán") in rels


def test_group_anaphor_in_relations() -> None:
    rels = _relations(
        "José Antonio Yépez Ortiz fundó el Cártel de Santa Rosa de Lima. "
        "Su grupo mantiene desde 2017 una guerra con el Cártel Jalisco Nueva Generación.",
        "es",
    )
    assert ("Cártel de Santa Rosa de Lima", "RIVAL_OF", "Cártel Jalisco Nueva Generación") in rels


def test_possessive_place_and_relative_clause_leader() -> None:
    rels = _relations(
        "Washington will designate Ecuador's two largest gangs, Los Choneros and Los Lobos.", "en"
    )
    assert {
        ("Los Choneros", "OPERATES_IN", "Ecuador"),
        ("Los Lobos", "OPERATES_IN", "Ecuador"),
    } <= rels
    assert not any(r[2] == "Washington" for r in rels)
    rels = _relations(
        "Los Viagras atacaron La Ruana. La orden provino de la organización que dirige "
        "Nicolás Sierra Santana.",
        "es",
    )
    assert ("Nicolás Sierra Santana", "LEADER_OF", "Los Viagras") in rels
