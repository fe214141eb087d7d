"""An entity's relations and events, each far end shown only when the reader sees it.

Relations are the links (see :mod:`enlace.graph.link`) that touch the entity: edge
entities in which it is source or target, references to or from it, and, for an event,
its participants. Events are the events that name it, on a timeline.

An end the reader cannot see (no statement of it in a document they may see) is given as
``{"id": null, "schema": null, "caption": null, "visible": false}``: the relation is
stated in a visible document, so its existence is theirs to know, but nothing of the
hidden end is shown, not even its id. A hidden end looks exactly like an end that does
not exist, so the answer does not betray what other documents hold.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from enlace.graph import dates
from enlace.graph.link import Link, first_date, is_event, links_of
from enlace.model.entity import Entity

HIDDEN: dict[str, Any] = {"id": None, "schema": None, "caption": None, "visible": False}


def end(entity_id: str, visible: dict[str, Entity]) -> dict[str, Any]:
    """An end of a relation as the reader may know it."""
    entity = visible.get(entity_id)
    if entity is None:
        return dict(HIDDEN)
    return {"id": entity.id, "schema": entity.schema.name, "caption": entity.caption,
            "visible": True}


def touching(entity: Entity, referrers: dict[str, Entity]) -> list[Link]:
    """Every link that names ``entity`` or that ``entity`` itself draws."""
    found = set(links_of(entity))
    for other in referrers.values():
        found.update(link for link in links_of(other) if entity.id in link.ends())
    return sorted(found)


def split(entity: Entity, links: list[Link],
          loaded: dict[str, Entity]) -> tuple[list[Link], dict[str, list[Link]]]:
    """Relations, and participation links grouped by the event that draws them."""
    relations: list[Link] = []
    events: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        via = loaded.get(link.via)
        if via is not None and link.via != entity.id and is_event(via.schema):
            events[link.via].append(link)
        else:
            relations.append(link)
    return relations, events


def relation(link: Link, visible: dict[str, Entity]) -> dict[str, Any]:
    return {"via": link.via, "kind": link.kind, "label": link.label,
            "directed": link.directed, "caption": link.caption or None,
            "date": link.date or None, "precision": dates.precision(link.date),
            "source": end(link.source, visible), "target": end(link.target, visible),
            "documents": list(link.documents)}


def event(entity: Entity, event_entity: Entity, links: list[Link],
          visible: dict[str, Entity]) -> dict[str, Any]:
    """One event on the entity's timeline, with its other visible participants."""
    others = sorted({link.source for link in links_of(event_entity)} - {entity.id})
    shown = [end(o, visible) for o in others if o in visible]
    date = first_date(event_entity)
    return {"id": event_entity.id, "schema": event_entity.schema.name,
            "caption": event_entity.caption, "date": date or None,
            "precision": dates.precision(date),
            "roles": sorted({link.kind for link in links}),
            "location": event_entity.properties.get("location", []),
            "participants": shown, "hidden_participants": len(others) - len(shown),
            "documents": list(event_entity.document_ids)}


def timeline(entity: Entity, events: dict[str, list[Link]], loaded: dict[str, Entity],
             visible: dict[str, Entity]) -> list[dict[str, Any]]:
    items = [event(entity, loaded[eid], links, visible) for eid, links in events.items()]
    return sorted(items, key=lambda e: (dates.sort_key(e["date"]), e["id"]))
