"""Nodes and links of the visible graph, read off FtM entities.

A node is a visible entity that is not an edge schema (Person, Organization, an event,
a bank account...). Links come from three places:

* an edge entity (Membership, Alliance, Associate, Payment, Faction, Succession...)
  links each value of its source property to each value of its target property;
* an event links each entity it names (``involved``, ``organizer``, ``detained``...)
  to the event, so participants sit one hop from the event and two from each other;
* any other entity links to the entities its entity-typed properties name (a Note's
  ``entity``, a bank account's ``holder``...).

A link counts only when both of its ends are nodes the reader may see; an edge entity
whose other end is hidden draws no link in the graph (profiles show such relations
without the hidden end, see :mod:`enlace.profile.relation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from followthemoney.schema import Schema

from enlace.model.entity import Entity

DATE_PROPS = ("date", "startDate", "endDate")


@dataclass(frozen=True, order=True)
class Node:
    """A visible entity drawn as a node."""

    id: str
    schema: str
    caption: str
    documents: tuple[str, ...] = ()

    @classmethod
    def of(cls, entity: Entity) -> Node:
        return cls(entity.id, entity.schema.name, entity.caption, tuple(entity.document_ids))

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "schema": self.schema, "caption": self.caption}


@dataclass(frozen=True, order=True)
class Link:
    """One link between two entities; ``via`` is the edge or referring entity's id."""

    source: str
    target: str
    kind: str  # the edge schema (Membership) or the property (involved, holder)
    via: str
    label: str
    directed: bool
    caption: str = ""
    date: str = ""
    documents: tuple[str, ...] = ()

    def ends(self) -> tuple[str, str]:
        return self.source, self.target

    def other(self, entity_id: str) -> str:
        return self.target if self.source == entity_id else self.source

    def to_dict(self) -> dict[str, str | bool]:
        return {"source": self.source, "target": self.target, "kind": self.kind,
                "label": self.label, "via": self.via, "directed": self.directed,
                "caption": self.caption, "date": self.date}


def is_edge(schema: Schema) -> bool:
    return bool(schema.edge and schema.source_prop and schema.target_prop)


def is_event(schema: Schema) -> bool:
    return schema.is_a("Event")


def is_node(entity: Entity) -> bool:
    return not is_edge(entity.schema)


def first_date(entity: Entity) -> str:
    """The earliest of an entity's date, startDate and endDate values ("" if none)."""
    props = entity.properties
    values = [v for name in DATE_PROPS for v in props.get(name, [])]
    return min(values) if values else ""


def links_of(entity: Entity) -> list[Link]:
    """Every link an entity draws, whatever is visible at either end."""
    props = entity.properties
    docs = tuple(entity.document_ids)
    schema = entity.schema
    if is_edge(schema):
        assert schema.source_prop is not None and schema.target_prop is not None
        caption = "; ".join(v for name in schema.edge_caption for v in props.get(name, []))
        pairs = product(props.get(schema.source_prop.name, []),
                        props.get(schema.target_prop.name, []))
        return [Link(s, t, schema.name, entity.id, schema.edge_label or schema.label,
                     bool(schema.edge_directed), caption, first_date(entity), docs)
                for s, t in pairs if s != t]
    found = []
    for name, values in props.items():
        prop = schema.properties[name]
        if prop.type.name != "entity" or prop.stub:
            continue
        for value in values:
            if value == entity.id:
                continue
            if is_event(schema):
                found.append(Link(value, entity.id, name, entity.id, prop.label, True,
                                  entity.caption, first_date(entity), docs))
            else:
                found.append(Link(entity.id, value, name, entity.id, prop.label, True,
                                  "", "", docs))
    return found
