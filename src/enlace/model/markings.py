"""Security markings: classification levels, compartments, releasability and TLP.

A :class:`Label` is what a source document carries. A :class:`MarkingScheme` says which
levels exist and in what order; the default comes from ``markings.yml`` and an instance
keeps its own copy in the database, so the order can be configured as data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from enlace.exceptions import InvalidData

DEFAULT_MARKINGS = Path(__file__).parent / "markings.yml"
COMPARTMENT_RE = re.compile(r"^[A-Z][A-Z0-9_-]{0,31}$")
AGENCY_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_-]{2,15}$")  # never two letters: those are countries
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


def fold(text: str) -> str:
    """Upper-case ``text`` and strip its accents, for matching marking names."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


@dataclass(frozen=True)
class Level:
    """One classification level; a higher rank is more sensitive."""

    rank: int
    name: str
    spanish: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class MarkingScheme:
    """The classification levels and TLP colours an instance uses."""

    levels: tuple[Level, ...]
    tlp: tuple[tuple[str, tuple[str, ...]], ...]
    roles: tuple[str, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> MarkingScheme:
        """Read a scheme from a YAML file (the bundled default when ``path`` is None)."""
        source = path or DEFAULT_MARKINGS
        try:
            data = yaml.safe_load(source.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise InvalidData(f"cannot read the markings file {source}: {exc}") from None
        return cls.from_dict(data, str(source))

    @classmethod
    def from_dict(cls, data: Any, source: str = "markings") -> MarkingScheme:
        """Build a scheme from parsed YAML, checking its shape."""
        if not isinstance(data, dict) or not data.get("classification"):
            raise InvalidData(f"{source}: needs a non-empty 'classification' list")
        levels = []
        for rank, item in enumerate(data["classification"]):
            if not isinstance(item, dict) or not item.get("name"):
                raise InvalidData(f"{source}: classification entry {rank + 1} needs a name")
            levels.append(Level(rank, fold(item["name"]), str(item.get("spanish") or item["name"]),
                                tuple(str(n) for n in item.get("names") or ())))
        tlp = tuple((fold(t["name"]), tuple(str(n) for n in t.get("names") or ()))
                    for t in data.get("tlp") or ())
        roles = tuple(str(r) for r in data.get("roles") or ())
        scheme = cls(tuple(levels), tlp, roles)
        seen: set[str] = set()
        for level in scheme.levels:
            spellings = {fold(s) for s in (level.name, level.spanish, *level.names)}
            if spellings & seen:
                raise InvalidData(f"{source}: the level name {sorted(spellings & seen)[0]!r} "
                                  "is used by two levels")
            seen |= spellings
        return scheme

    def to_dict(self) -> dict[str, Any]:
        """The scheme as the YAML structure it was read from."""
        return {
            "classification": [
                {"name": lv.name, "spanish": lv.spanish, "names": list(lv.names)}
                for lv in self.levels
            ],
            "tlp": [{"name": name, "names": list(names)} for name, names in self.tlp],
            "roles": list(self.roles),
        }

    def level(self, spelling: str) -> Level:
        """The level a name stands for, in English or Spanish, any case, accents or not."""
        wanted = fold(spelling)
        for level in self.levels:
            if wanted in {fold(n) for n in (level.name, level.spanish, *level.names)}:
                return level
        names = ", ".join(lv.name for lv in self.levels)
        raise InvalidData(f"unknown classification {spelling!r}; use one of {names}")

    def level_name(self, rank: int) -> str:
        """The English name of the level at ``rank``."""
        for level in self.levels:
            if level.rank == rank:
                return level.name
        raise InvalidData(f"no classification level has rank {rank}")

    @property
    def lowest(self) -> Level:
        return self.levels[0]

    def tlp_colour(self, spelling: str) -> str:
        """The TLP colour a name stands for."""
        wanted = fold(spelling)
        for name, names in self.tlp:
            if wanted == name or wanted in {fold(n) for n in names}:
                return name
        colours = ", ".join(name for name, _ in self.tlp)
        raise InvalidData(f"unknown TLP colour {spelling!r}; use one of {colours}")

    def role(self, spelling: str) -> str:
        """A role name, checked against the scheme."""
        role = spelling.strip().lower()
        if role not in self.roles:
            raise InvalidData(f"unknown role {spelling!r}; use one of {', '.join(self.roles)}")
        return role


def compartment(spelling: str) -> str:
    """A compartment name, upper-cased and checked."""
    name = fold(spelling)
    if not COMPARTMENT_RE.match(name):
        raise InvalidData(
            f"invalid compartment {spelling!r}: use capitals, digits, '-' or '_' "
            "(up to 32 characters), e.g. SOURCES or OP-MARLIN"
        )
    return name


@dataclass(frozen=True)
class Label:
    """The security label of a source document.

    ``releasable_to`` holds agency codes and two-letter country codes; any of them
    suffices. ``owner`` is None for derived documents, whose audience is exactly their
    releasability.
    """

    level: int
    compartments: frozenset[str] = frozenset()
    releasable_to: frozenset[str] = frozenset()
    owner: str | None = None

    @property
    def fingerprint(self) -> str:
        """A canonical text that identifies the label, used to share label rows."""
        return "|".join([
            str(self.level),
            ",".join(sorted(self.compartments)),
            ",".join(sorted(self.releasable_to)),
            self.owner or "",
        ])

    def render(self, scheme: MarkingScheme, spanish: bool = False) -> str:
        """The banner text, e.g. ``SECRET//SOURCES//REL TO MX, DEA``."""
        level = scheme.levels[self.level]
        parts = [level.spanish if spanish else level.name]
        if self.compartments:
            parts.append("/".join(sorted(self.compartments)))
        if self.releasable_to:
            prefix = "REL A" if spanish else "REL TO"
            parts.append(f"{prefix} {', '.join(sorted(self.releasable_to))}")
        return "//".join(parts)


def combine(labels: Iterable[Label], agency_country: Mapping[str, str]) -> Label:
    """The label of something derived from documents with ``labels``.

    Highest level, union of compartments, and an audience that is the intersection of
    the inputs' audiences (owner plus releasability, agencies resolved to countries
    through ``agency_country``). The result has no owner.
    """
    items = list(labels)
    if not items:
        raise InvalidData("a derived document needs at least one input")

    def audience(label: Label) -> tuple[frozenset[str], frozenset[str]]:
        countries = frozenset(t for t in label.releasable_to if COUNTRY_RE.match(t))
        agencies = frozenset(label.releasable_to - countries)
        if label.owner:
            agencies |= {label.owner}
        return countries, agencies

    audiences = [audience(label) for label in items]
    countries = frozenset.intersection(*(c for c, _ in audiences))
    candidates: set[str] = set()
    for c, a in audiences:
        candidates |= a
        candidates |= {code for code, cc in agency_country.items() if cc in c}

    def covered(agency: str) -> bool:
        home = agency_country.get(agency)
        return all(agency in a or home in c for c, a in audiences)

    agencies = {a for a in candidates if covered(a) and agency_country.get(a) not in countries}
    return Label(
        level=max(label.level for label in items),
        compartments=frozenset().union(*(label.compartments for label in items)),
        releasable_to=frozenset(countries | agencies),
        owner=None,
    )
