"""Source protection: what a recipient without a protected compartment may not receive.

Two rules, applied to everything disseminated to a person who lacks one of the protected
compartments (``enlace.sharing.secret``; SOURCES by default):

* a statement whose source document carries such a compartment is removed;
* a *protected entity* appears only as its pseudonym (``SOURCE-7F3A1C``): every statement
  about it is removed, one ``name`` statement with the pseudonym takes their place under
  the pseudonym's id, references to it from other entities point to that id, and in
  report texts its names and aliases are replaced by the pseudonym.

A protected entity is a person or organisation with a ``name`` stated only by protected
documents, among the statements the sharer may see: an informant whose true name only the
source file holds. Anyone named in open reporting too is not protected (their protected
statements are still removed). When in doubt the rule protects: a person known only from
source reporting is pseudonymised even if they are not the source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from followthemoney.types import registry

from enlace.model.ftm import get_schema
from enlace.model.markings import Label
from enlace.model.statement import Statement, statement_id
from enlace.sharing.pseudonym import pseudonym, pseudonym_id

PARTY_SCHEMA = "LegalEntity"
MIN_NAME_LENGTH = 3


def protecting(statements: Iterable[Statement], labels: Mapping[str, Label],
               protected: frozenset[str]) -> frozenset[str]:
    """The protected compartments that make one entity protected (empty: not protected).

    ``statements`` are every statement of the entity the sharer may see."""
    items = list(statements)
    if not items or not get_schema(items[0].schema).is_a(PARTY_SCHEMA):
        return frozenset()
    by_name: dict[str, list[frozenset[str]]] = {}
    for stmt in items:
        if stmt.prop == "name":
            by_name.setdefault(stmt.value, []).append(labels[stmt.document_id].compartments
                                                      & protected)
    found: set[str] = set()
    for hits in by_name.values():
        if all(hits):
            found.update(*hits)
    return frozenset(found)


def is_entity_value(stmt: Statement) -> bool:
    prop = get_schema(stmt.schema).get(stmt.prop)
    return prop is not None and prop.type == registry.entity


def names_of(statements: Iterable[Statement]) -> set[str]:
    """Every name-typed value (name, alias, first and last names...) of an entity."""
    found: set[str] = set()
    for stmt in statements:
        prop = get_schema(stmt.schema).get(stmt.prop)
        if prop is not None and prop.type == registry.name and len(stmt.value) >= MIN_NAME_LENGTH:
            found.add(stmt.value)
    return found


@dataclass(frozen=True)
class Redaction:
    """The statements one recipient gets, and what was taken out for them."""

    kept: tuple[Statement, ...]
    removed: tuple[Statement, ...]
    pseudonyms: Mapping[str, str]  # protected entity id -> pseudonym, for those applied
    compartments: frozenset[str]  # the protected compartments that caused removals

    @property
    def kept_documents(self) -> frozenset[str]:
        return frozenset(s.document_id for s in self.kept)

    def preview(self) -> dict[str, Any]:
        """What will be redacted, by counts and pseudonyms (never the removed values)."""
        props: dict[str, int] = {}
        for stmt in self.removed:
            props[stmt.prop] = props.get(stmt.prop, 0) + 1
        return {
            "kept": len(self.kept),
            "removed": len(self.removed),
            "removed_by_property": dict(sorted(props.items())),
            "pseudonyms": sorted(set(self.pseudonyms.values())),
            "compartments": sorted(self.compartments),
        }


def plan(statements: Iterable[Statement], labels: Mapping[str, Label],
         protected_entities: Mapping[str, frozenset[str]], lacking: frozenset[str],
         secret: bytes) -> Redaction:
    """Split ``statements`` into what a recipient lacking ``lacking`` may get.

    ``protected_entities`` maps each protected entity (shared or referenced) to the
    compartments that protect it."""
    masked = {e: pseudonym(secret, e) for e, comps in protected_entities.items()
              if comps & lacking}
    kept: list[Statement] = []
    removed: list[Statement] = []
    hit: set[str] = set()
    for stmt in statements:
        hidden = labels[stmt.document_id].compartments & lacking
        if hidden or stmt.entity_id in masked:
            removed.append(stmt)
            hit.update(hidden or protected_entities[stmt.entity_id] & lacking)
        else:
            kept.append(stmt)
    return Redaction(tuple(kept), tuple(removed), masked, frozenset(hit))


def copy_rows(redaction: Redaction, shared: Iterable[str], document_id: str, origin: str,
              secret: bytes, schemata: Mapping[str, str]) -> list[dict[str, Any]]:
    """Statement rows of the recipient's copy, held by the derived ``document_id``: the
    kept statements, and a pseudonym for each protected entity shared or pointed to."""
    rows: dict[str, dict[str, Any]] = {}
    wanted = set(shared)

    def add(entity_id: str, schema: str, prop: str, value: str, like: Statement | None,
            lang: str | None = None, original: str | None = None) -> None:
        sid = statement_id(document_id, entity_id, prop, value)
        rows[sid] = {
            "id": sid, "entity_id": entity_id, "schema": schema, "prop": prop,
            "value": value, "lang": lang, "original_value": original,
            "document_id": document_id, "span_start": None, "span_end": None,
            "origin": origin,
            **({"first_seen": like.first_seen, "last_seen": like.last_seen} if like else {}),
        }

    for stmt in redaction.kept:
        value = stmt.value
        if is_entity_value(stmt) and value in redaction.pseudonyms:
            wanted.add(value)
            value = pseudonym_id(secret, value)
        add(stmt.entity_id, stmt.schema, stmt.prop, value, stmt, stmt.lang,
            stmt.original_value if value == stmt.value else None)
    for entity_id in sorted(wanted & set(redaction.pseudonyms)):
        add(pseudonym_id(secret, entity_id), schemata[entity_id], "name",
            redaction.pseudonyms[entity_id], None)
    return list(rows.values())


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def redact_text(text: str, names: Mapping[str, str]) -> tuple[str, int]:
    """Replace each name (any case, with or without accents) by its pseudonym.

    Returns the new text and how many replacements were made."""
    spellings: dict[str, str] = {}
    for name, alias in names.items():
        for form in {name, _fold(name)}:
            spellings.setdefault(form.casefold(), alias)
    if not spellings:
        return text, 0
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
        + r")(?!\w)", re.IGNORECASE)
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return spellings[match.group(1).casefold()]

    result = pattern.sub(swap, text)
    folded = _fold(result)
    if len(folded) == len(result):  # catch accent-less spellings of accented names
        result2 = []
        last = 0
        for m in pattern.finditer(folded):
            result2.append(result[last:m.start()])
            result2.append(spellings[m.group(1).casefold()])
            count += 1
            last = m.end()
        result2.append(result[last:])
        result = "".join(result2)
    return result, count
