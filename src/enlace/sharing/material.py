"""What a sharer may see of the thing they share, read through their View.

Statements come from queries filtered by :meth:`View.visible_documents` (never filtered
in Python), labels from :meth:`View.document`; the protected entities among them are
worked out here so that :mod:`enlace.sharing.dissemination` can redact per recipient.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select

from enlace.exceptions import InvalidData
from enlace.model.entity import Entity
from enlace.model.markings import Label
from enlace.model.statement import Statement
from enlace.sharing.redaction import is_entity_value, names_of, protecting
from enlace.store.tables import statement
from enlace.store.view import STATEMENT_COLUMNS, View


@dataclass(frozen=True)
class Material:
    """The statements, text and input documents of one share, as the sharer sees them."""

    statements: tuple[Statement, ...]
    text: str | None
    inputs: tuple[str, ...]
    labels: Mapping[str, Label]
    protected: Mapping[str, frozenset[str]]  # entity id -> compartments protecting it
    names: Mapping[str, frozenset[str]]  # protected entity id -> its names and aliases
    schemata: Mapping[str, str]  # entity id -> schema name
    shared: tuple[str, ...]  # the entity ids shared (entity shares)
    referenced: tuple[str, ...]  # entity ids the shared statements point to
    language: str | None = None
    title: str | None = None


def statements_of_documents(view: View, document_ids: Iterable[str]) -> list[Statement]:
    """Visible statements held by the given documents."""
    wanted = sorted(set(document_ids))
    query = (select(*STATEMENT_COLUMNS)
             .where(statement.c.document_id.in_(wanted),
                    statement.c.document_id.in_(view.visible_documents()))
             .order_by(statement.c.entity_id, statement.c.prop, statement.c.value))
    with view.store.engine.connect() as conn:
        return [Statement.from_row(row) for row in conn.execute(query)]


def _labels(view: View, document_ids: Iterable[str]) -> dict[str, Label]:
    return {d: view.document(d).label for d in sorted(set(document_ids))}


def gather(view: View, statements: list[Statement], inputs: Iterable[str],
           protected_compartments: frozenset[str], text: str | None = None,
           shared: Iterable[str] = (), language: str | None = None,
           title: str | None = None) -> Material:
    """Collect labels and protected entities for ``statements`` and ``inputs``."""
    inputs = tuple(sorted(set(inputs)))
    if not inputs:
        raise InvalidData("nothing to share: no input documents")
    entity_ids = {s.entity_id for s in statements}
    referenced = sorted({s.value for s in statements if is_entity_value(s)} - entity_ids)
    per_entity: dict[str, list[Statement]] = {}
    for entity_id in sorted(entity_ids | set(referenced)):
        per_entity[entity_id] = view.statements(entity_id)
    docs = set(inputs) | {s.document_id for items in per_entity.values() for s in items}
    labels = _labels(view, docs)
    protected: dict[str, frozenset[str]] = {}
    names: dict[str, frozenset[str]] = {}
    schemata: dict[str, str] = {}
    for entity_id, items in per_entity.items():
        if not items:
            continue
        schemata[entity_id] = Entity.from_statements(entity_id, items).schema.name
        comps = protecting(items, labels, protected_compartments)
        if comps:
            protected[entity_id] = comps
            names[entity_id] = frozenset(names_of(items))
    return Material(tuple(statements), text, inputs, labels, protected, names, schemata,
                    tuple(sorted(set(shared))), tuple(referenced), language, title)
