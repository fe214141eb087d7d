"""Load FollowTheMoney entities from JSON lines as one labelled source document.

Every value is checked before anything is written: FtM silently drops values it cannot
clean, so a value it would drop is reported with its line instead. A file is one
transaction; the same bytes loaded again by the same agency store nothing new.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from followthemoney.property import Property
from followthemoney.schema import Schema
from followthemoney.statement.util import NON_LANG_TYPE_NAMES

from enlace.audit import record
from enlace.exceptions import InvalidData
from enlace.model.ftm import ftm_model
from enlace.model.statement import BASE_PROP, statement_id
from enlace.search import index_statements
from enlace.sharing.marking import LabelOptions, resolve
from enlace.store import NewDocument, Store

MAX_ID_LENGTH = 255


@dataclass(frozen=True)
class CheckedEntity:
    """An entity whose every value FtM accepts, with each value's raw form."""

    id: str
    schema: Schema
    values: tuple[tuple[Property, str, str], ...]  # (property, cleaned, original)


@dataclass(frozen=True)
class LoadResult:
    document_id: str
    created: bool
    entities: int
    statements: int


def check_entity(data: Any, where: str) -> CheckedEntity:
    """Validate one parsed JSON object as an FtM entity, or say what is wrong and where."""
    if not isinstance(data, dict):
        raise InvalidData(f"{where}: expected a JSON object with id, schema and properties")
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise InvalidData(f"{where}: the entity has no id")
    if len(entity_id) > MAX_ID_LENGTH:
        raise InvalidData(f"{where}: the id is longer than {MAX_ID_LENGTH} characters")
    schema = ftm_model().get(data.get("schema") or "")
    if schema is None:
        raise InvalidData(f"{where}: unknown schema {data.get('schema')!r}")
    if schema.abstract:
        raise InvalidData(f"{where}: {schema.name} is abstract; use a concrete schema "
                          "such as Person or Organization")
    properties = data.get("properties") or {}
    if not isinstance(properties, dict):
        raise InvalidData(f"{where}: 'properties' must be an object of lists")
    values: list[tuple[Property, str, str]] = []
    for name, raw_values in properties.items():
        prop = schema.get(name)
        if prop is None or prop.stub:
            raise InvalidData(f"{where}: {schema.name} has no property {name!r}")
        items = raw_values if isinstance(raw_values, list) else [raw_values]
        for raw in items:
            values.append((prop, _clean(prop, raw, where, entity_id), str(raw)))
    return CheckedEntity(entity_id.strip(), schema, tuple(values))


def _clean(prop: Property, raw: Any, where: str, entity_id: str) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise InvalidData(f"{where}: {prop.qname} values must be strings, not {raw!r}")
    cleaned = prop.type.clean(raw)
    if cleaned is None:
        raise InvalidData(f"{where}: {raw!r} is not a valid {prop.type.name} for "
                          f"{prop.qname}; FtM would drop it")
    if prop.type.name == "entity" and cleaned == entity_id:
        raise InvalidData(f"{where}: {prop.qname} cannot point at the entity itself")
    return cleaned


def read_entities(lines: Iterable[str], source: str) -> list[CheckedEntity]:
    """Parse and check every line; the first problem stops the file."""
    entities = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source} line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidData(f"{where}: not valid JSON ({exc.msg}, column {exc.colno})") from None
        entities.append(check_entity(data, where))
    return entities


def statement_rows(entities: Iterable[CheckedEntity], document_id: str, origin: str,
                   lang: str | None = None) -> Iterator[dict[str, Any]]:
    """Statement rows for the entities of one document, each fact once."""
    seen: set[str] = set()
    for entity in entities:
        facts: list[tuple[str, str, str, str | None]] = [(BASE_PROP, entity.id, entity.id, None)]
        facts += [(p.name, cleaned, raw, p.type.name) for p, cleaned, raw in entity.values]
        for prop, value, raw, type_name in facts:
            sid = statement_id(document_id, entity.id, prop, value)
            if sid in seen:
                continue
            seen.add(sid)
            yield {
                "id": sid, "entity_id": entity.id, "schema": entity.schema.name,
                "prop": prop, "value": value, "document_id": document_id, "origin": origin,
                "lang": lang if type_name and type_name not in NON_LANG_TYPE_NAMES else None,
                "original_value": raw if raw != value else None,
            }


def document_id_for(owner: str, content_hash: str) -> str:
    """Documents are content-addressed per owner agency."""
    return hashlib.sha256(f"{owner}:{content_hash}".encode()).hexdigest()[:40]


def load_entities(store: Store, content: bytes, source: str, as_user: str,
                  options: LabelOptions, title: str | None = None,
                  lang: str | None = None) -> LoadResult:
    """Store the FtM entities in ``content`` as one source document labelled ``options``."""
    principal = store.principal(as_user)
    label, tlp = resolve(options, principal, store.scheme)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidData(f"{source}: not UTF-8 text (byte {exc.start}); FtM JSON lines "
                          "are UTF-8") from None
    entities = read_entities(text.splitlines(), source)
    content_hash = hashlib.sha256(content).hexdigest()
    assert label.owner is not None
    with store.writer() as writer:
        existing = writer.find_document(label.owner, content_hash)
        if existing is not None:
            return LoadResult(existing, False, len(entities), 0)
        doc_id = document_id_for(label.owner, content_hash)
        writer.add_document(NewDocument(
            id=doc_id, content_hash=content_hash, label=label, tlp=tlp,
            title=title or source, file_name=source, mime_type="application/x-ftm+json",
            language=lang), principal)
        count = writer.add_statements(statement_rows(entities, doc_id, f"user:{principal.name}",
                                                     lang))
        index_statements(writer.conn, document_id=doc_id)
        record(store, principal, "document.load", [f"document:{doc_id}"],
               {"entities": len(entities), "statements": count, "tlp": tlp},
               conn=writer.conn)
    return LoadResult(doc_id, True, len(entities), count)
