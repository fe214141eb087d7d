"""The LSN Title VII rules, loaded from ``rules.yml`` and checked once.

The rules are data: each duty in the YAML names its article, and the choices where the
sources disagree (calendar or business days, who files the monthly report, which officials
report contacts) are values there. :class:`Rules` reads them with types, and
:meth:`Rules.choose` makes the variant a deployment or a test wants.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from enlace.exceptions import InvalidData

RULES_FILE = Path(__file__).with_name("rules.yml")
DAY_MODES = ("calendar", "business")
FILERS = ("agent", "embassy")
LEVELS = ("federal", "state", "municipal", "borough")


@dataclass(frozen=True)
class Rules:
    """The rules file as read, with typed accessors for what the code needs."""

    data: dict[str, Any]

    def rule(self, name: str) -> dict[str, Any]:
        found: dict[str, Any] = self.data["rules"][name]
        return found

    def article(self, name: str) -> str:
        return str(self.rule(name)["article"])

    def value(self, rule: str, key: str) -> Any:
        return self.rule(rule)[key]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.data["timezone"])

    @property
    def days(self) -> str:
        return str(self.data["days"])

    @property
    def due_soon_days(self) -> int:
        return int(self.data["due_soon_days"])

    @property
    def filer(self) -> str:
        return str(self.value("monthly_report", "filer"))

    @property
    def reporting_levels(self) -> frozenset[str]:
        return frozenset(self.value("contact_report", "levels"))

    @property
    def bodies(self) -> dict[str, dict[str, str]]:
        found: dict[str, dict[str, str]] = self.data["bodies"]
        return found

    def choose(self, days: str | None = None, filer: str | None = None,
               levels: list[str] | None = None) -> Rules:
        """A copy with the configurable choices changed; the same checks apply."""
        data = copy.deepcopy(self.data)
        if days is not None:
            data["days"] = days
        if filer is not None:
            data["rules"]["monthly_report"]["filer"] = filer
        if levels is not None:
            data["rules"]["contact_report"]["levels"] = list(levels)
        return check(data)


def check(data: dict[str, Any]) -> Rules:
    """Rules from parsed YAML, or InvalidData naming the first problem."""
    for name, rule in data.get("rules", {}).items():
        if not str(rule.get("article", "")).strip():
            raise InvalidData(f"compliance rule {name!r} cites no article")
    if data.get("days") not in DAY_MODES:
        raise InvalidData(f"days must be one of {', '.join(DAY_MODES)}, not {data.get('days')!r}")
    rules = Rules(data)
    if rules.filer not in FILERS:
        raise InvalidData(f"the monthly report's filer must be agent or embassy, not "
                          f"{rules.filer!r}")
    unknown = sorted(rules.reporting_levels - set(LEVELS))
    if unknown:
        raise InvalidData(f"unknown official level {unknown[0]!r}: use {', '.join(LEVELS)}")
    try:
        rules.zone  # noqa: B018 - fail early on a bad zone name
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidData(f"unknown time zone {data.get('timezone')!r}") from None
    return rules


def load_rules(path: Path | None = None) -> Rules:
    """The bundled rules, or those in ``path``."""
    if path is None:
        return _bundled()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidData(f"cannot read the rules file {path}: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidData(f"the rules file {path} is not a YAML mapping")
    return check(data)


@cache
def _bundled() -> Rules:
    return check(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))
