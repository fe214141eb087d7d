"""What matching knows about an entity: canonical names, dates, countries and identifiers.

A :class:`Record` is built from an FtM entity (stored statements or an uploaded JSON line)
and holds only what the blocker and the scorer compare.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from enlace.exceptions import InvalidData
from enlace.model.entity import Entity
from enlace.model.ftm import ftm_model
from enlace.xref.text import fold, org_tokens, person_tokens, phonetic, split_aliases

PERSON, ORG, ACCOUNT = "person", "org", "account"
STRONG_NAMES = ("name", "alias", "previousName")
ID_PROPS = ("idNumber", "passportNumber", "taxNumber", "registrationNumber", "innCode",
            "leiCode", "accountNumber", "iban", "socialSecurityNumber", "vatCode")
_ALNUM = re.compile(r"[^A-Z0-9]")

Names = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Record:
    """One entity as matching sees it."""

    id: str
    kind: str
    names: Names
    weak: Names = ()
    dates: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    genders: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    labels: tuple[str, ...] = field(default=(), compare=False)

    @cached_property
    def texts(self) -> tuple[tuple[str, str], ...]:
        """Each name as text and as Spanish sound keys (so z/s or b/v spellings agree)."""
        return tuple((" ".join(n), " ".join(phonetic(t) for t in n)) for n in self.names)

    @cached_property
    def acronyms(self) -> frozenset[str]:
        """First letters of names of three words or more ("cartel jalisco new generation")."""
        return frozenset("".join(t[0] for t in n) for n in self.names if len(n) >= 3)

    @cached_property
    def single_words(self) -> frozenset[str]:
        return frozenset(n[0] for n in self.names if len(n) == 1)


def kind_of(schema_name: str) -> str | None:
    """``person``, ``org`` or ``account`` for the schemata matching covers, else None."""
    schema = ftm_model().get(schema_name)
    if schema is None:
        return None
    if schema.is_a("Person"):
        return PERSON
    if schema.is_a("BankAccount"):
        return ACCOUNT
    if schema.is_a("Organization") or schema.is_a("LegalEntity"):
        return ORG
    return None


def identifiers(values: Iterable[str]) -> set[str]:
    """Identifiers as compared: upper-case letters and digits; a CLABE also as its account."""
    found: set[str] = set()
    for value in values:
        clean = _ALNUM.sub("", value.upper())
        if len(clean) < 5:
            continue
        found.add(clean)
        if clean.isdigit() and len(clean) == 18:  # CLABE: bank, branch, 11-digit account, check
            found.add(clean[6:17])
        elif clean.isdigit() and 8 <= len(clean) < 11:
            found.add(clean.zfill(11))
    return found


def phones(values: Iterable[str]) -> set[str]:
    digits = (re.sub(r"\D", "", v) for v in values)
    return {d[-10:] for d in digits if len(d) >= 7}


def _is_nickname(alias: str) -> bool:
    words = fold(alias).split()
    return len(words) == 1 or (len(words) == 2 and words[0] in ("el", "la", "los", "las"))


def _names(kind: str, props: Mapping[str, list[str]]) -> tuple[Names, Names, list[str]]:
    tokens = person_tokens if kind == PERSON else org_tokens
    strong: list[str] = []
    weak: list[str] = list(props.get("weakAlias", []))
    for prop in STRONG_NAMES:
        for raw in props.get(prop, []):
            main, aliases = split_aliases(raw)
            weak.extend(aliases)
            if kind == PERSON and prop == "alias" and _is_nickname(main):
                weak.append(main)
            elif main:
                strong.append(main)
    if kind == PERSON and not strong and props.get("lastName"):
        strong.append(" ".join(props.get("firstName", [])[:1] + props["lastName"][:1]))
    names = tuple(dict.fromkeys(t for t in (tuple(tokens(n)) for n in strong) if t))
    weak_names = tuple(dict.fromkeys(t for t in (tuple(tokens(n)) for n in weak) if t))
    return names, tuple(w for w in weak_names if w not in names), strong


def record_from_values(entity_id: str, schema_name: str,
                       props: Mapping[str, list[str]]) -> Record | None:
    """A record from property values, or None when matching does not cover the schema."""
    kind = kind_of(schema_name)
    if kind is None:
        return None
    names, weak, labels = _names(kind, props)
    ids = identifiers(v for p in ID_PROPS for v in props.get(p, []))
    return Record(
        id=entity_id, kind=kind, names=names, weak=weak,
        dates=frozenset(d[:10] for d in props.get("birthDate", []) if len(d) >= 4),
        countries=frozenset(c.lower() for p in ("nationality", "citizenship")
                            for c in props.get(p, [])),
        genders=frozenset(g.lower() for g in props.get("gender", [])),
        ids=frozenset(ids), phones=frozenset(phones(props.get("phone", []))),
        labels=tuple(labels or [v for p in ID_PROPS for v in props.get(p, [])]),
    )


def record_from_entity(entity: Entity) -> Record | None:
    return record_from_values(entity.id, entity.schema.name, entity.properties)


def record_from_ftm(data: Any) -> Record | None:
    """A record from one FtM JSON object (``{"id", "schema", "properties"}``)."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) \
            or not isinstance(data.get("schema"), str):
        raise InvalidData("each line must be an FtM entity with an id and a schema")
    props = data.get("properties") or {}
    if not isinstance(props, dict):
        raise InvalidData(f"entity {data['id']!r}: properties must be an object")
    clean = {str(k): [str(v) for v in (vs if isinstance(vs, list) else [vs])]
             for k, vs in props.items()}
    return record_from_values(data["id"], data["schema"], clean)
