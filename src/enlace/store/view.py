"""Reads scoped to one person: every query here filters through the compiled access rule.

A :class:`View` is the only way to read documents, statements and entities. It is built
for one :class:`~enlace.sharing.policy.Principal` and adds
:func:`~enlace.store.access.visible_documents` to each query it runs, so what a person
may not see never leaves the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, func, select

from enlace.clock import utcnow
from enlace.exceptions import NotFound
from enlace.model.entity import Entity
from enlace.model.ftm import get_schema
from enlace.model.markings import Label
from enlace.model.statement import Statement
from enlace.sharing.policy import Decision, Principal
from enlace.store import access, resolver
from enlace.store.observe import ReadEvent
from enlace.store.tables import app_user, document, document_text, label_change, statement

if TYPE_CHECKING:
    from enlace.store.store import Store

STATEMENT_COLUMNS = [statement.c[name] for name in Statement._fields]


@dataclass(frozen=True)
class DocumentInfo:
    """What a reader may know about a visible source document."""

    id: str
    kind: str
    title: str | None
    owner: str | None
    label: Label
    tlp: str
    language: str | None
    created_at: datetime
    file_name: str | None = None
    obtained_in: str | None = None
    published: str | None = None

    def to_dict(self, banner: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "owner": self.owner,
            "label": banner,
            "tlp": self.tlp,
            "language": self.language,
            "file_name": self.file_name,
            "obtained_in": self.obtained_in,
            "published": self.published,
            "created_at": self.created_at.isoformat(),
        }


def stream_entities(store: Store, query: Select[Any]) -> Iterator[Entity]:
    """Assemble entities from a statement query ordered by entity id, streaming rows."""
    with store.engine.connect() as conn:
        rows = conn.execution_options(stream_results=True, yield_per=10_000).execute(query)
        for entity_id, group in groupby(rows, key=lambda r: r.entity_id):
            yield Entity.from_statements(entity_id, (Statement.from_row(r) for r in group))


class View:
    """Everything one person may see, and nothing else."""

    def __init__(self, store: Store, principal: Principal, now: datetime | None = None):
        self.store = store
        self.principal = principal
        self.now = now or utcnow()
        self._clusters: dict[str, str] | None = None

    def clusters(self) -> dict[str, str]:
        """Member id -> merged id, for the merges this person may see."""
        if self._clusters is None:
            self._clusters = resolver.clusters(self)
        return self._clusters

    def observe(self, action: str, entity_ids: Iterable[str] = (),
                document_ids: Iterable[str] = (), via: Connection | None = None,
                **detail: Any) -> None:
        """Tell the store's observers (the audit log) what this person just read; ``via``
        is the read's connection, if it is still open (observers then write through it,
        which ends its transaction)."""
        self._report(action, entity_ids, document_ids, detail, via)

    def _report(self, action: str, entity_ids: Iterable[str], document_ids: Iterable[str],
                detail: dict[str, Any], via: Connection | None) -> None:
        """``observe``, handing over ``via``: the read's connection, still open, for
        observers to write through."""
        if not self.store.observers:
            return
        event = ReadEvent(self.principal, action, utcnow(), tuple(entity_ids),
                          tuple(sorted(set(document_ids))), detail, via)
        for observer in self.store.observers:
            observer(event)

    def visible_documents(self) -> Select[tuple[str]]:
        """The compiled rule: ids of the documents this person may see."""
        return access.visible_documents(self.principal, self.now)

    def resolved_rule(self, conn: Connection | None = None) -> access.ResolvedRule:
        """The rule evaluated now (on ``conn``, if given) into label and grant lists: for
        one request that tests many rows, such as a search; never keep it longer."""
        memo = self.store.labels.access_memo
        if conn is not None:
            return access.resolve_rule(conn, self.principal, self.now, memo)
        with self.store.engine.connect() as own:
            return access.resolve_rule(own, self.principal, self.now, memo)

    def resolved_documents(self, conn: Connection | None = None) -> Select[tuple[str]]:
        """The visible documents' ids, from :meth:`resolved_rule`."""
        return self.resolved_rule(conn).documents()

    # -- statements and entities --------------------------------------------------------

    def _statements(self, schema: str | None = None) -> Select[Any]:
        query = select(*STATEMENT_COLUMNS).where(
            access.Probe(statement.c.document_id).in_(self.visible_documents())
        )
        if schema is not None:
            names = sorted(s.name for s in get_schema(schema).descendants | {get_schema(schema)})
            typed = select(statement.c.entity_id).where(
                statement.c.schema.in_(names),
                statement.c.document_id.in_(self.visible_documents()),
            )
            query = query.where(statement.c.entity_id.in_(typed))
        return query

    def statements(self, entity_id: str | None = None) -> list[Statement]:
        """Visible statements, of one entity or of all."""
        query = self._statements()
        if entity_id is not None:
            query = query.where(statement.c.entity_id == entity_id)
        query = query.order_by(statement.c.entity_id, statement.c.prop, statement.c.value,
                               statement.c.id)
        with self.store.engine.connect() as conn:
            return [Statement.from_row(row) for row in conn.execute(query)]

    def document_statements(self, document_id: str) -> list[Statement]:
        """The statements one visible document makes, in span order (NotFound if hidden)."""
        self.document(document_id)
        query = (self._statements().where(statement.c.document_id == document_id)
                 .order_by(statement.c.span_start, statement.c.span_end.desc(), statement.c.id))
        with self.store.engine.connect() as conn:
            return [Statement.from_row(row) for row in conn.execute(query)]

    def entities(self, schema: str | None = None) -> Iterator[Entity]:
        """Every visible entity (of ``schema`` or its descendants), streamed; merged entities
        come last, under their merged id."""
        query = self._statements(schema).order_by(statement.c.entity_id)
        merged = self.clusters()
        observed = bool(self.store.observers)
        entity_ids: list[str] = []
        document_ids: set[str] = set()
        held: dict[str, list[Statement]] = {}
        for entity in stream_entities(self.store, query):
            if entity.id in merged:
                held.setdefault(merged[entity.id], []).extend(entity.statements)
                continue
            if observed:
                entity_ids.append(entity.id)
                document_ids.update(s.document_id for s in entity.statements)
            yield entity
        for cluster_id in sorted(held):
            entity = Entity.from_statements(cluster_id, held[cluster_id])
            if observed:
                entity_ids.append(entity.id)
                document_ids.update(entity.document_ids)
            yield entity
        if observed:
            self.observe("entities", entity_ids, document_ids, schema=schema)

    def entity(self, entity_id: str) -> Entity:
        """One entity, or NotFound when this person may see none of its statements."""
        merged = self.clusters()
        cluster_id = merged.get(entity_id, entity_id)
        members = sorted({m for m, c in merged.items() if c == cluster_id} | {entity_id})
        query = self._statements().where(statement.c.entity_id.in_(members))
        with self.store.engine.connect() as conn:
            statements = [Statement.from_row(row) for row in conn.execute(query)]
            if not statements:
                raise NotFound(f"entity {entity_id!r} not found")
            found = Entity.from_statements(cluster_id, statements)
            self._report("entity", [entity_id], found.document_ids, {}, conn)
        return found

    def count_entities(self, schema: str | None = None) -> int:
        inner = self._statements(schema).with_only_columns(statement.c.entity_id).distinct()
        total = self._scalar(select(func.count()).select_from(inner.subquery()))
        merged = self.clusters()
        if not merged:
            return total
        with self.store.engine.connect() as conn:
            members = set(conn.execute(inner.where(statement.c.entity_id.in_(sorted(merged))))
                          .scalars())
        return total - len(members) + len({merged[m] for m in members})

    def count_statements(self) -> int:
        inner = self._statements().with_only_columns(statement.c.id)
        return self._scalar(select(func.count()).select_from(inner.subquery()))

    # -- documents ----------------------------------------------------------------------

    def _documents(self) -> Select[Any]:
        return select(document).where(document.c.id.in_(self.visible_documents()))

    def documents(self) -> list[DocumentInfo]:
        """Visible documents, newest first."""
        query = self._documents().order_by(document.c.created_at.desc(), document.c.id)
        with self.store.engine.connect() as conn:
            rows = list(conn.execute(query))
            self._report("documents", (), [row.id for row in rows], {}, conn)
        return [self._document_info(row) for row in rows]

    def document(self, document_id: str) -> DocumentInfo:
        """One visible document, or NotFound (also when it exists but is hidden)."""
        query = self._documents().where(document.c.id == document_id)
        with self.store.engine.connect() as conn:
            row = conn.execute(query).first()
            if row is None:
                raise NotFound(f"document {document_id!r} not found")
            self._report("document", (), [document_id], {}, conn)
        return self._document_info(row)

    def document_text(self, document_id: str) -> str:
        """The full text of a visible document ("" when it has none, e.g. FtM files)."""
        self.document(document_id)
        with self.store.engine.connect() as conn:
            text = conn.execute(select(document_text.c.text)
                                .where(document_text.c.document_id == document_id)).scalar()
        return text or ""

    def count_documents(self) -> int:
        inner = self._documents().with_only_columns(document.c.id)
        return self._scalar(select(func.count()).select_from(inner.subquery()))

    def _document_info(self, row: Any) -> DocumentInfo:
        return DocumentInfo(
            id=row.id, kind=row.kind, title=row.title, owner=row.owner,
            label=self.store.labels.get(row.label_id), tlp=row.tlp, language=row.language,
            created_at=row.created_at, file_name=row.file_name, obtained_in=row.obtained_in,
            published=row.published,
        )

    def explain(self, document_id: str) -> Decision:
        """Why this person may see a document they can see; NotFound for any other.

        Reasons for hidden documents are for compliance officers, through
        :meth:`enlace.store.store.Store.explain`, never for the reader."""
        self.document(document_id)
        return self.store.explain(self.principal, document_id, self.now)

    def label_history(self, document_id: str) -> list[dict[str, Any]]:
        """A visible document's label changes, oldest first."""
        self.document(document_id)
        query = (select(label_change, app_user.c.name.label("by"))
                 .join(app_user, app_user.c.id == label_change.c.changed_by)
                 .where(label_change.c.document_id == document_id)
                 .order_by(label_change.c.id))
        scheme = self.store.scheme
        with self.store.engine.connect() as conn:
            rows = list(conn.execute(query))
        return [{
            "document": document_id, "at": row.changed_at.isoformat(), "by": row.by,
            "direction": row.direction, "reason": row.reason,
            "from": self.store.labels.get(row.old_label_id).render(scheme),
            "to": self.store.labels.get(row.new_label_id).render(scheme),
            "tlp": [row.old_tlp, row.new_tlp],
        } for row in rows]

    def _scalar(self, query: Select[Any]) -> int:
        with self.store.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

