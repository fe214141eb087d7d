"""Tests of the matching rules of bench/extraction/score.py."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCORE_PATH = ROOT / "bench" / "extraction" / "score.py"


def _load_score():
    spec = importlib.util.spec_from_file_location("bench_extraction_score", SCORE_PATH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


score = _load_score()

TEXT = ("Nemesio Oseguera Cervantes, alias El Mencho, leads the Cártel de Jalisco Nueva "
        "Generación (CJNG), a rival of the Sinaloa Cartel. He was charged in Washington.")


def _mention(text: str, start: int | None = None) -> dict:
    s = TEXT.index(text) if start is None else start
    return {"start": s, "end": s + len(text), "text": text}


def _gold() -> dict:
    return {
        "language": "en",
        "entities": [
            {"name": "Nemesio Oseguera Cervantes", "type": "PERSON", "aliases": ["El Mencho"],
             "mentions": [_mention("Nemesio Oseguera Cervantes"), _mention("El Mencho")]},
            {"name": "Cártel de Jalisco Nueva Generación", "type": "CRIMINAL_GROUP",
             "aliases": ["CJNG"],
             "mentions": [_mention("Cártel de Jalisco Nueva Generación"), _mention("CJNG")]},
            {"name": "Sinaloa Cartel", "type": "CRIMINAL_GROUP", "aliases": [],
             "mentions": [_mention("Sinaloa Cartel")]},
            {"name": "Washington", "type": "LOCATION", "aliases": [],
             "mentions": [_mention("Washington")]},
        ],
        "events": [
            {"type": "CHARGES", "date": "2024", "location": "Washington",
             "participants": ["Nemesio Oseguera Cervantes"],
             "sentence": "He was charged in Washington."},
        ],
        "relations": [
            {"source": "Nemesio Oseguera Cervantes", "relation": "LEADER_OF",
             "target": "Cártel de Jalisco Nueva Generación", "sentence": TEXT},
            {"source": "Cártel de Jalisco Nueva Generación", "relation": "RIVAL_OF",
             "target": "Sinaloa Cartel", "sentence": TEXT},
        ],
    }


def _score(pred: dict, gold: dict | None = None) -> dict:
    return score.score_pairs([(gold or _gold(), pred)])


def _f1(result: dict, section: str) -> float:
    return result[section]["overall"]["f1"]


def test_perfect_prediction_scores_one():
    r = _score(copy.deepcopy(_gold()))
    for section in ("entities", "events", "relations"):
        m = r[section]["overall"]
        assert (m["precision"], m["recall"], m["f1"]) == (1.0, 1.0, 1.0)
    assert r["events"]["date_accuracy"] == 1.0
    assert r["events"]["location_accuracy"] == 1.0


def test_missing_entity_lowers_recall_only():
    pred = _gold()
    del pred["entities"][3]
    m = _score(pred)["entities"]
    assert m["overall"]["precision"] == 1.0
    assert m["overall"]["recall"] == pytest.approx(0.75)
    assert m["by_type"]["LOCATION"]["fn"] == 1


def test_wrong_type_is_not_a_match():
    pred = _gold()
    pred["entities"][2]["type"] = "GOV_AGENCY"
    m = _score(pred)["entities"]
    assert m["by_type"]["CRIMINAL_GROUP"]["fn"] == 1
    assert m["by_type"]["GOV_AGENCY"]["fp"] == 1
    assert m["overall"]["tp"] == 3


def test_alias_and_accent_folding_match():
    pred = {"entities": [
        # alias as the predicted name, no mentions at all
        {"name": "el mencho", "type": "PERSON", "aliases": [], "mentions": []},
        # accents, case, punctuation and a leading article folded away
        {"name": "El CARTEL de jalisco nueva generacion", "type": "CRIMINAL_GROUP",
         "aliases": [], "mentions": []},
        {"name": "the Sinaloa Cartel", "type": "CRIMINAL_GROUP", "aliases": [], "mentions": []},
        {"name": "Washington.", "type": "LOCATION", "aliases": [], "mentions": []},
    ]}
    m = _score(pred)["entities"]["overall"]
    assert (m["tp"], m["fp"], m["fn"]) == (4, 0, 0)


def test_first_mention_overlap_matches_unknown_name():
    pred = {"entities": [{"name": "Oseguera", "type": "PERSON", "aliases": [],
                          "mentions": [_mention("Oseguera")]}]}
    assert _score(pred)["entities"]["by_type"]["PERSON"]["tp"] == 1


def test_prediction_matching_one_gold_entity_twice_counts_once():
    pred = {"entities": [
        {"name": "CJNG", "type": "CRIMINAL_GROUP", "aliases": [], "mentions": [_mention("CJNG")]},
        {"name": "Cártel de Jalisco Nueva Generación", "type": "CRIMINAL_GROUP", "aliases": [],
         "mentions": [_mention("Cártel de Jalisco Nueva Generación")]},
    ]}
    m = _score(pred)["entities"]["by_type"]["CRIMINAL_GROUP"]
    assert (m["tp"], m["fp"], m["fn"]) == (1, 1, 1)


def test_symmetric_relations_match_reversed():
    pred = _gold()
    pred["relations"] = [
        {"source": "Sinaloa Cartel", "relation": "RIVAL_OF", "target": "CJNG", "sentence": ""},
        # LEADER_OF is directed: reversed it must not match
        {"source": "Cártel de Jalisco Nueva Generación", "relation": "LEADER_OF",
         "target": "Nemesio Oseguera Cervantes", "sentence": ""},
    ]
    m = _score(pred)["relations"]
    assert m["by_type"]["RIVAL_OF"]["tp"] == 1
    assert m["by_type"]["LEADER_OF"] == {**m["by_type"]["LEADER_OF"], "tp": 0, "fp": 1, "fn": 1}


def test_relation_ends_resolve_through_predicted_entity_aliases():
    pred = _gold()
    pred["entities"][0] = {"name": "Mencho", "type": "PERSON", "aliases": ["Nemesio"],
                           "mentions": [_mention("Nemesio Oseguera Cervantes")]}
    pred["relations"] = [{"source": "Nemesio", "relation": "LEADER_OF", "target": "C.J.N.G.",
                          "sentence": ""}]
    m = _score(pred)["relations"]["by_type"]["LEADER_OF"]
    assert m["tp"] == 1


def test_event_matching_and_attribute_accuracy():
    pred = _gold()
    pred["events"] = [{"type": "CHARGES", "date": "2024-05", "location": None,
                       "participants": ["El Mencho"], "sentence": "x"}]
    r = _score(pred)["events"]
    assert r["overall"]["f1"] == 1.0
    assert r["date_accuracy"] == 0.0
    assert r["location_accuracy"] == 0.0
    pred["events"][0]["type"] = "ARREST"
    r = _score(pred)["events"]
    assert r["overall"]["tp"] == 0 and r["overall"]["fp"] == 1 and r["overall"]["fn"] == 1


def test_event_without_participants_matches_on_sentence():
    gold = _gold()
    gold["events"] = [{"type": "LAW_OR_POLICY", "date": None, "location": None,
                       "participants": [], "sentence": "Congress approved a state of exception."}]
    pred = {"events": [{"type": "LAW_OR_POLICY", "date": None, "location": None,
                        "participants": ["Congress"],
                        "sentence": "Congress approved a 30-day state of exception."}]}
    r = score.score_pairs([(gold, pred)])["events"]
    assert r["overall"]["tp"] == 1
    pred["events"][0]["sentence"] = "The army patrolled the streets."
    r = score.score_pairs([(gold, pred)])["events"]
    assert r["overall"]["tp"] == 0


def test_missing_or_malformed_prediction_counts_as_empty():
    r = score.score_pairs([(_gold(), None)])
    assert r["entities"]["overall"]["recall"] == 0.0
    r = _score({"entities": "nonsense", "events": [{"type": 3}], "relations": None})
    assert r["entities"]["overall"]["fn"] == 4


def test_fold():
    assert score.fold("El Cártel de Sinaloa") == "cartel de sinaloa"
    assert score.fold("LOS  Zetas!") == "zetas"
    assert score.fold("MS-13") == "ms 13"
    assert score.fold("El") == "el"


def test_score_dirs_and_cli(tmp_path, capsys):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    (gold_dir / "a.gold.json").write_text(json.dumps(_gold()), encoding="utf-8")
    (gold_dir / "b.gold.json").write_text(json.dumps(_gold()), encoding="utf-8")
    (pred_dir / "a.json").write_text(json.dumps(_gold()), encoding="utf-8")
    assert score.main([str(pred_dir), str(gold_dir), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["missing_predictions"] == ["b"]
    assert out["entities"]["overall"]["recall"] == pytest.approx(0.5)
    assert score.main([str(pred_dir), str(gold_dir)]) == 0
    assert "entities" in capsys.readouterr().out


def test_gold_files_pass_the_checker():
    sys.path.insert(0, str(SCORE_PATH.parent))
    try:
        spec = importlib.util.spec_from_file_location("bench_extraction_check",
                                                      SCORE_PATH.parent / "check_gold.py")
        assert spec and spec.loader
        check = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(check)
    finally:
        sys.path.remove(str(SCORE_PATH.parent))
    errors = []
    for d in ("dev", "heldout"):
        for txt in sorted((SCORE_PATH.parent / d).glob("*.txt")):
            errors += check.check_pair(txt)
    assert errors == []
