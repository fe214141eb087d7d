"""Where link analysis and profiles read from: the statements one person may see.

:class:`Source` is what the graph and profile code needs: entities by id, the entities
that point at some ids, everything (for whole-graph measures), documents, and who else a
set of documents mentions. :class:`ViewSource` answers each with one SQL query per batch
of ids, filtered by ``statement.c.document_id.in_(view.visible_documents())`` and nothing
else, so what the person may not see never leaves the database. The View's own reads
are not used because each of them reports itself to the audit log; the callers report
once, for the whole answer they serve.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from typing import Any, Protocol

from sqlalchemy import Select, select

from enlace.model.entity import Entity
from enlace.model.ftm import ftm_model
from enlace.model.statement import Statement
from enlace.store import DocumentInfo, View
from enlace.store.tables import document, statement

BATCH = 500
COLUMNS = [statement.c[name] for name in Statement._fields]


@dataclass(frozen=True)
class Mention:
    """An entity stated in some documents, with the schemata those statements give it."""

    entity_id: str
    schemata: frozenset[str]
    documents: frozenset[str]


class Source(Protocol):
    """Reads for one person; every answer holds only what they may see."""

    def entities(self, ids: Iterable[str]) -> dict[str, Entity]:
        """The visible entities among ``ids`` (absent ids are hidden or unknown)."""
        ...

    def referrers(self, ids: Iterable[str]) -> set[str]:
        """Ids of entities with a visible entity-typed value naming one of ``ids``."""
        ...

    def everything(self) -> Iterator[Entity]:
        """Every visible entity."""
        ...

    def documents(self, ids: Iterable[str]) -> dict[str, DocumentInfo]:
        """The visible documents among ``ids``."""
        ...

    def mentions(self, document_ids: Iterable[str]) -> list[Mention]:
        """Every entity stated in the visible documents among ``document_ids``."""
        ...


@cache
def entity_props() -> frozenset[tuple[str, str]]:
    """Every (schema, property) pair whose values are entity ids."""
    return frozenset((schema.name, prop.name)
                     for schema in ftm_model().schemata.values()
                     for prop in schema.properties.values()
                     if prop.type.name == "entity" and not prop.stub)


def batches(ids: Iterable[str]) -> Iterator[list[str]]:
    items = sorted(set(ids))
    for start in range(0, len(items), BATCH):
        yield items[start:start + BATCH]


class ViewSource:
    """A :class:`Source` over a store, scoped by a View's compiled access rule."""

    def __init__(self, view: View):
        self.view = view
        self.engine = view.store.engine

    def _visible(self, query: Select[Any]) -> Select[Any]:
        return query.where(statement.c.document_id.in_(self.view.visible_documents()))

    def _assemble(self, query: Select[Any]) -> Iterator[Entity]:
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(statement.c.entity_id, statement.c.id))
            for entity_id, group in groupby(rows, key=lambda r: r.entity_id):
                yield Entity.from_statements(entity_id, (Statement.from_row(r) for r in group))

    def entities(self, ids: Iterable[str]) -> dict[str, Entity]:
        found: dict[str, Entity] = {}
        for chunk in batches(ids):
            query = self._visible(select(*COLUMNS).where(statement.c.entity_id.in_(chunk)))
            found.update((e.id, e) for e in self._assemble(query))
        return found

    def referrers(self, ids: Iterable[str]) -> set[str]:
        pairs = entity_props()
        names = sorted({prop for _, prop in pairs})
        found: set[str] = set()
        for chunk in batches(ids):
            query = self._visible(
                select(statement.c.entity_id, statement.c.schema, statement.c.prop)
                .where(statement.c.value.in_(chunk), statement.c.prop.in_(names))
            ).distinct()
            with self.engine.connect() as conn:
                found.update(r.entity_id for r in conn.execute(query)
                             if (r.schema, r.prop) in pairs)
        return found

    def everything(self) -> Iterator[Entity]:
        return self._assemble(self._visible(select(*COLUMNS)))

    def documents(self, ids: Iterable[str]) -> dict[str, DocumentInfo]:
        found: dict[str, DocumentInfo] = {}
        labels = self.view.store.labels
        for chunk in batches(ids):
            query = select(document).where(document.c.id.in_(chunk),
                                           document.c.id.in_(self.view.visible_documents()))
            with self.engine.connect() as conn:
                rows = list(conn.execute(query))
            for row in rows:
                found[row.id] = DocumentInfo(
                    id=row.id, kind=row.kind, title=row.title, owner=row.owner,
                    label=labels.get(row.label_id), tlp=row.tlp, language=row.language,
                    created_at=row.created_at, file_name=row.file_name,
                    obtained_in=row.obtained_in, published=row.published)
        return found

    def mentions(self, document_ids: Iterable[str]) -> list[Mention]:
        schemata: dict[str, set[str]] = defaultdict(set)
        documents: dict[str, set[str]] = defaultdict(set)
        for chunk in batches(document_ids):
            query = self._visible(
                select(statement.c.entity_id, statement.c.schema, statement.c.document_id)
                .where(statement.c.document_id.in_(chunk))
            ).distinct()
            with self.engine.connect() as conn:
                for row in conn.execute(query):
                    schemata[row.entity_id].add(row.schema)
                    documents[row.entity_id].add(row.document_id)
        return [Mention(e, frozenset(schemata[e]), frozenset(documents[e]))
                for e in sorted(documents)]
