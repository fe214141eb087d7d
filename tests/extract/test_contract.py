"""The public contract of ``extract_text`` and the typed ``extract`` result."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import enlace.extract as ex
from enlace.exceptions import InvalidData

ENTITY_KEYS = {"name", "type", "aliases", "mentions"}
EVENT_KEYS = {"type", "date", "location", "participants", "sentence"}
RELATION_KEYS = {"source", "relation", "target", "sentence"}

EN = (
    'CULIACÁN, Mexico — Mexican soldiers captured Ovidio Guzmán López, alias "El Ratón", '
    "on Thursday in Culiacán. The Sinaloa Cartel, led by Ismael Zambada García, operates in "
    "Sinaloa. Payments went to CLABE 032180000118359719 and phone +52 55 1234 5678."
)
ES = (
    "El Ejército detuvo ayer en Uruapan a José Antonio Yépez Ortiz, alias «El Marro», líder "
    "del Cártel de Santa Rosa de Lima. La Fiscalía General de la República lo acusó de robo de "
    "combustible."
)


@pytest.mark.parametrize(("text", "lang"), [(EN, "en"), (ES, "es")])
def test_contract_shape_and_offsets(text: str, lang: str) -> None:
    out = ex.extract_text(text, doc_date=dt.date(2023, 1, 6))
    json.dumps(out)
    assert set(out) == {"language", "entities", "events", "relations"}
    assert out["language"] == lang
    assert out["entities"]
    for ent in out["entities"]:
        assert set(ent) == ENTITY_KEYS
        assert ent["type"] in ex.ENTITY_TYPES
        assert isinstance(ent["name"], str) and ent["name"]
        assert all(isinstance(a, str) for a in ent["aliases"])
        assert ent["name"] not in ent["aliases"]
        assert ent["mentions"]
        for m in ent["mentions"]:
            assert set(m) == {"start", "end", "text"}
            assert text[m["start"] : m["end"]] == m["text"]
    for ev in out["events"]:
        assert set(ev) == EVENT_KEYS
        assert ev["type"] in ex.EVENT_TYPES
        assert ev["date"] is None or isinstance(ev["date"], str)
        assert ev["location"] is None or isinstance(ev["location"], str)
        assert all(isinstance(p, str) for p in ev["participants"])
        assert ev["sentence"] in text
    names = {e["name"] for e in out["entities"]}
    for rel in out["relations"]:
        assert set(rel) == RELATION_KEYS
        assert rel["relation"] in ex.RELATION_TYPES
        assert rel["source"] in names and rel["target"] in names
        assert rel["sentence"] in text


def test_accounts_and_phones_are_entities() -> None:
    out = ex.extract(EN, lang="en")
    kinds = {e.type: e for e in out.entities}
    assert kinds["BANK_ACCOUNT"].name == "032180000118359719"
    assert kinds["BANK_ACCOUNT"].ftm_schema == "BankAccount"
    assert kinds["PHONE"].properties["phones"] == ["+525512345678"]
    assert kinds["PHONE"].ftm_schema == "LegalEntity"


def test_ftm_schemata_exist_and_take_the_properties() -> None:
    from followthemoney import model

    for etype in ex.ENTITY_TYPES:
        schema = model.get(ex.schema_for(etype))
        assert schema is not None and not schema.abstract
    assert "phone" in model.get(ex.schema_for("PHONE")).properties
    assert "accountNumber" in model.get(ex.schema_for("BANK_ACCOUNT")).properties
    assert model.get(ex.EVENT_SCHEMA) is not None


def test_typed_result() -> None:
    x = ex.extract(EN, doc_date=dt.date(2023, 1, 6))
    assert x.extractor_version == ex.EXTRACTOR_VERSION == "enlace-extract/0.1"
    keys = [e.key for e in x.entities]
    assert len(keys) == len(set(keys))
    ovidio = next(e for e in x.entities if e.name == "Ovidio Guzmán López")
    assert ovidio.aliases == ["El Ratón"]
    assert ovidio.ftm_schema == "Person"
    arrest = next(e for e in x.events if e.type == "ARREST")
    assert arrest.date == "2023-01-05" and arrest.date_precision == "day"
    assert arrest.trigger.text == "captured"
    assert x.to_contract()["entities"][0]["name"] == x.entities[0].name
    assert ex.schema_for("GOV_AGENCY") == "PublicBody"


def test_lang_override_and_validation() -> None:
    assert ex.extract_text("Hola.", lang="en")["language"] == "en"
    with pytest.raises(InvalidData):
        ex.extract_text("Hello.", lang="fr")


def test_empty_text() -> None:
    out = ex.extract_text("   ")
    assert out["entities"] == [] and out["events"] == [] and out["relations"] == []


def test_extract_many_matches_extract() -> None:
    texts = [EN, ES, "  "]
    dates = [dt.date(2023, 1, 6), dt.date(2023, 1, 6), None]
    many = ex.extract_many(texts, doc_dates=dates)
    assert [m.to_contract() for m in many] == [
        ex.extract(t, doc_date=d).to_contract() for t, d in zip(texts, dates, strict=True)
    ]
