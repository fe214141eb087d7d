"""The rules file: every rule cites its article, and the configurable choices are checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from enlace.compliance.rules import RULES_FILE, load_rules
from enlace.exceptions import InvalidData

ARTICLE_RE = re.compile(r"^(LSN|LFAFE|LFPA|LIN)\b")


def test_every_rule_cites_its_article() -> None:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    assert set(data["rules"]) >= {"accreditation", "recall", "activity", "channels", "handover",
                                  "monthly_report", "firearms", "contact_report", "meeting"}
    for name, rule in data["rules"].items():
        assert ARTICLE_RE.match(rule["article"]), name
        assert rule["summary"].strip(), name
    assert ARTICLE_RE.match(data["holidays"]["article"])
    assert all(ARTICLE_RE.match(body["article"]) for body in data["bodies"].values())


@pytest.mark.parametrize(("rule", "article"), [
    ("accreditation", "LSN 69"), ("recall", "LSN 73"), ("channels", "LSN 71-III"),
    ("handover", "LSN 71-IV"), ("monthly_report", "LSN 71-V"),
    ("firearms", "LSN 71-VIII; LFAFE 28"), ("contact_report", "LSN 70 ¶2; LIN"),
])
def test_articles(rule: str, article: str) -> None:
    assert load_rules().article(rule) == article


def test_the_defaults_follow_the_design_note() -> None:
    rules = load_rules()
    assert rules.days == "calendar"
    assert rules.filer == "agent"
    assert rules.reporting_levels == {"federal", "state", "municipal", "borough"}
    assert rules.value("firearms", "max_calibre_inches") == 0.40
    assert rules.value("contact_report", "days") == 3
    assert set(rules.bodies) >= {"SRE", "SSPC", "SEDENA", "SEMAR", "FGR", "CNI", "GANS", "GCO"}


def test_choose_changes_a_copy() -> None:
    rules = load_rules()
    other = rules.choose(days="business", filer="embassy", levels=["state", "municipal"])
    assert (other.days, other.filer, other.reporting_levels) == (
        "business", "embassy", {"state", "municipal"})
    assert (rules.days, rules.filer) == ("calendar", "agent")


@pytest.mark.parametrize(("choice", "message"), [
    ({"days": "lunar"}, "days must be"), ({"filer": "consul"}, "filer"),
    ({"levels": ["galactic"]}, "unknown official level"),
])
def test_bad_choices(choice: dict, message: str) -> None:
    with pytest.raises(InvalidData, match=message):
        load_rules().choose(**choice)


def test_a_rule_without_an_article_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    data["rules"]["handover"]["article"] = " "
    path = tmp_path / "rules.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InvalidData, match="'handover' cites no article"):
        load_rules(path)


def test_a_replacement_file_is_read(tmp_path: Path) -> None:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    data["rules"]["handover"]["days"] = 5
    path = tmp_path / "rules.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_rules(path).value("handover", "days") == 5
    (tmp_path / "bad.yml").write_text("- a list", encoding="utf-8")
    with pytest.raises(InvalidData, match="not a YAML mapping"):
        load_rules(tmp_path / "bad.yml")
    with pytest.raises(InvalidData, match="cannot read"):
        load_rules(tmp_path / "missing.yml")
