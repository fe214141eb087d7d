"""Blocking keys and scores on the name variations that separate agencies' records."""

from __future__ import annotations

import enlace  # noqa: F401
from enlace.xref.block import block
from enlace.xref.keys import record_keys
from enlace.xref.record import Record, record_from_values
from enlace.xref.scoring import THRESHOLDS, dates_agree, score_pair
from enlace.xref.text import org_tokens, person_tokens, phonetic, split_aliases


def person(name: str, **props: str) -> Record:
    record = record_from_values("p", "Person", {"name": [name], **{k: [v] for k, v in props.items()}})
    assert record is not None
    return record


def org(name: str, schema: str = "Organization") -> Record:
    record = record_from_values("o", schema, {"name": [name]})
    assert record is not None
    return record


def shared(a: Record, b: Record) -> set[str]:
    return set(record_keys(a)) & set(record_keys(b))


def test_accents_case_and_surname_first_fold_to_the_same_tokens() -> None:
    assert person_tokens("José Ángel GARCÍA Núñez") == ["jose", "angel", "garcia", "nunez"]
    assert person_tokens("GARCÍA NÚÑEZ, José Ángel") == ["jose", "angel", "garcia", "nunez"]
    assert score_pair(person("José Ángel García Núñez"), person("GARCIA NUNEZ, Jose Angel")) == 1.0


def test_accent_variants_share_pair_keys_and_match() -> None:
    a, b = person("Ramón Vázquez Peña"), person("Ramon Vazquez Pena")
    assert "P2:pena|vazquez" in shared(a, b)
    assert score_pair(a, b) >= THRESHOLDS["person"]


def test_dropped_maternal_surname_keeps_a_pair_key_and_matches() -> None:
    a, b = person("Ismael Zambada García"), person("Ismael Zambada")
    assert "P2:ismael|zambada" in shared(a, b)
    assert score_pair(a, b) >= THRESHOLDS["person"]


def test_spelling_swaps_share_sound_keys() -> None:
    assert phonetic("gonzalez") == phonetic("gonsales")
    assert phonetic("vazquez") == phonetic("basquez")
    a, b = person("Héctor Vázquez Beltrán"), person("Hector Basquez Veltran")
    assert any(k.startswith("Pp:") for k in shared(a, b))
    assert score_pair(a, b) > score_pair(a, person("Héctor Ruiz Beltrán"))


def test_pet_names_are_their_given_name() -> None:
    assert person_tokens("Pepe Carrillo") == ["jose", "carrillo"]
    assert score_pair(person("José Carrillo Fuentes"), person("Pepe Carrillo Fuentes")) >= 0.95


def test_a_nickname_alone_is_capped_below_a_name_match() -> None:
    assert split_aliases('Joaquín Guzmán Loera alias "El Chapo"') == (
        "Joaquín Guzmán Loera", ["El Chapo"])
    a = record_from_values("a", "Person", {"name": ['Joaquín Guzmán Loera alias "El Chapo"']})
    b = record_from_values("b", "Person", {"name": ["Archivaldo Pérez"], "alias": ["El Chapo"]})
    assert a is not None and b is not None
    assert b.weak == (("chapo",),)
    assert 0.5 < score_pair(a, b) <= 0.75 < THRESHOLDS["person"]


def test_siblings_sharing_both_surnames_do_not_match() -> None:
    a, b = person("Juan Beltrán Leyva"), person("Arturo Beltrán Leyva")
    assert "P2:beltran|leyva" in shared(a, b)
    assert score_pair(a, b) < THRESHOLDS["person"]


def test_surname_order_matters() -> None:
    same = score_pair(person("Rafael López García"), person("Rafael López García"))
    swapped = score_pair(person("Rafael López García"), person("Rafael García López"))
    assert swapped < same and swapped < THRESHOLDS["person"] + 0.05


def test_birth_date_disagreement_vetoes_and_agreement_helps() -> None:
    a = person("Rafael Caro Quintero", birthDate="1952-10-03")
    assert score_pair(a, person("Rafael Caro Quintero", birthDate="1972-10-03")) <= 0.4
    assert score_pair(a, person("Rafael Caro Quinteros", birthDate="1952-10-03")) > \
        score_pair(a, person("Rafael Caro Quinteros"))
    assert dates_agree(frozenset({"1952"}), frozenset({"1952-10-03"})) is True
    assert dates_agree(frozenset({"1952-03-10"}), frozenset({"1952-10-03"})) is True  # swapped
    assert dates_agree(frozenset(), frozenset({"1952-10-03"})) is None


def test_gender_and_nationality_disagreements_cost() -> None:
    a = person("Guadalupe Fernández Valencia", gender="female", nationality="mx")
    assert score_pair(a, person("Guadalupe Fernández Valencia", gender="male")) < \
        score_pair(a, person("Guadalupe Fernández Valencia", gender="female"))
    assert score_pair(a, person("Guadalupe Fernández Valencia", nationality="co")) < \
        score_pair(a, person("Guadalupe Fernández Valencia", nationality="mx"))


def test_spanish_and_english_org_names_match() -> None:
    assert org_tokens("Cártel de Sinaloa") == ["cartel", "sinaloa"]
    assert score_pair(org("Cártel de Sinaloa"), org("Sinaloa Cartel")) == 1.0
    assert score_pair(org("Cártel del Golfo"), org("Gulf Cartel")) == 1.0
    company = org("Transportes Hermanos Ruiz, S.A. de C.V.", "Company")
    assert score_pair(company, org("Ruiz Brothers Transport LLC", "Company")) == 1.0
    assert score_pair(org("Cártel de Sinaloa"), org("Cártel de Juárez")) < THRESHOLDS["org"]


def test_an_org_acronym_matches_its_name() -> None:
    full = org("Cártel de Jalisco Nueva Generación")
    assert "O1:cjng" in shared(full, org("CJNG"))
    assert score_pair(full, org("CJNG")) > score_pair(full, org("CDS")) + 0.5


def test_a_shared_account_number_matches_whatever_its_format() -> None:
    a = record_from_values("a", "BankAccount", {"accountNumber": ["012 180 00123456789 7"]})
    b = record_from_values("b", "BankAccount", {"iban": ["012180001234567897"]})
    c = record_from_values("c", "BankAccount", {"accountNumber": ["00123456789"]})
    assert a is not None and b is not None and c is not None
    assert "i:012180001234567897" in shared(a, b)
    assert score_pair(a, b) >= THRESHOLDS["account"]
    assert score_pair(a, c) >= THRESHOLDS["account"]  # the CLABE holds the account number


def test_a_shared_id_number_overrides_a_date_veto() -> None:
    a = person("Nemesio Oseguera", birthDate="1966-07-17", idNumber="OECN660717HMNSRM09")
    b = person("N. Oseguera Cervantes", birthDate="1966-07-16", idNumber="OECN-660717-HMNSRM09")
    assert score_pair(a, b) >= 0.9


def test_people_never_match_organisations() -> None:
    assert score_pair(person("Los Zetas"), org("Los Zetas")) == 0.0
    assert not shared(person("Carlos Treviño"), org("Carlos Treviño"))


def test_blocking_caps_keys_shared_by_too_many_and_keeps_rare_ones() -> None:
    common = [record_keys(person(f"Juan García {s}")) for s in ("López", "Pérez", "Ruiz")] * 10
    rare = record_keys(person("Juan García Zuazúa"))
    right = [record_keys(person("Juan García Zuazua")), *common]
    found = block([rare, *common], right, cap=50, top=3)
    assert "P2:garcia|juan" in found.capped
    assert "P2:garcia|zuazua" not in found.capped
    assert [0, 0] in found.pairs.tolist()
    assert sum(1 for i, _ in found.pairs.tolist() if i == 0) <= 3
