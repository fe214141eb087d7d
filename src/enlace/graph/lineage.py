"""Group lineage: factions, splits and successors over time, and the fall of leaders.

From one group, the family of groups joined by ``Faction`` (faction -> parent) and
``Succession`` (predecessor -> successor) links is gathered hop by hop. For each group,
its leaders are the members of a ``Membership`` whose role is one of :data:`LEADER_ROLES`,
and the leader's fall is an ``Arrest``, ``Killing`` or ``Extradition`` naming them
(``detained``, ``victims``, ``extradited`` or ``involved``). Each split lists the falls of
its parent's leaders dated before it (or in the same period, at the coarser precision):
how the arrest of a leader preceded fragmentation.

Everything is read for one person: a group, leader or event they may not see is left
out, with the links that would name it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from enlace.exceptions import InvalidData, NotFound
from enlace.graph import dates
from enlace.graph.link import Node, first_date, is_node
from enlace.graph.source import Source
from enlace.model.entity import Entity

#: Edge schema -> (the older/parent side, the newer/child side).
LINEAGE = {"Faction": ("parent", "faction"), "Succession": ("predecessor", "successor")}
LEADER_ROLES = frozenset({"leader", "co-leader", "líder", "lider", "jefe", "cabecilla",
                          "boss", "head"})
#: Event schema -> the properties that name the person who fell.
FALLS = {"Arrest": ("detained", "involved"), "Killing": ("victims", "involved"),
         "Extradition": ("extradited", "involved")}


@dataclass(frozen=True, order=True)
class Split:
    date: str
    parent: str
    child: str
    kind: str  # Faction or Succession
    via: str
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, order=True)
class Fall:
    date: str
    person: str
    group: str
    kind: str  # Arrest, Killing or Extradition
    event: Node
    role: str


@dataclass(frozen=True)
class Lineage:
    group: str
    groups: dict[str, Node]
    people: dict[str, Node]
    splits: tuple[Split, ...]
    falls: tuple[Fall, ...]

    def entity_ids(self) -> list[str]:
        return sorted({*self.groups, *self.people, *(s.via for s in self.splits),
                       *(f.event.id for f in self.falls)})

    def document_ids(self) -> list[str]:
        nodes = [*self.groups.values(), *self.people.values(), *(f.event for f in self.falls)]
        docs = {d for node in nodes for d in node.documents}
        return sorted(docs | {d for s in self.splits for d in s.documents})

    def preceding(self, split: Split) -> list[Fall]:
        """Falls of the parent's leaders dated before the split or in its period."""
        if not split.date:
            return []
        return [f for f in self.falls if f.group == split.parent and f.date
                and dates.compare(f.date, split.date) != "after"]

    def tree(self) -> list[dict[str, Any]]:
        """The groups as trees from their oldest visible ancestors; a group met again is
        marked ``"again": true`` and not expanded twice."""
        children = {s.child for s in self.splits}
        roots = [g for g in self.groups if g not in children] or [self.group]
        seen: set[str] = set()
        branches = [self._branch(root, seen) for root in roots]
        for group in self.groups:  # groups only reachable through a cycle
            if group not in seen:
                branches.append(self._branch(group, seen))
        return branches

    def _branch(self, group: str, seen: set[str]) -> dict[str, Any]:
        node: dict[str, Any] = self.groups[group].to_dict()
        node["leaders_fallen"] = [self._fall(f) for f in self.falls if f.group == group]
        if group in seen:
            return {**node, "again": True, "children": []}
        seen.add(group)
        node["children"] = [{**self._split(s), "group": self._branch(s.child, seen)}
                            for s in self.splits if s.parent == group]
        return node

    def _split(self, split: Split) -> dict[str, Any]:
        return {"relation": "faction" if split.kind == "Faction" else "successor",
                "via": split.via, "date": split.date or None,
                "precision": dates.precision(split.date),
                "preceded_by": [f.event.id for f in self.preceding(split)]}

    def _fall(self, fall: Fall) -> dict[str, Any]:
        return {"event": fall.event.to_dict(), "kind": fall.kind, "date": fall.date or None,
                "precision": dates.precision(fall.date), "role": fall.role,
                "person": self.people[fall.person].to_dict(),
                "group": self.groups[fall.group].to_dict()}

    def timeline(self) -> list[dict[str, Any]]:
        items: list[tuple[tuple[int, str], int, dict[str, Any]]] = []
        for fall in self.falls:
            items.append((dates.sort_key(fall.date), 0, {"type": "fall", **self._fall(fall)}))
        for split in self.splits:
            entry = {"type": "split", **self._split(split),
                     "parent": self.groups[split.parent].to_dict(),
                     "child": self.groups[split.child].to_dict()}
            items.append((dates.sort_key(split.date), 1, entry))
        return [entry for _, _, entry in sorted(items, key=lambda i: (i[0], i[1]))]

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.groups[self.group].to_dict(), "tree": self.tree(),
                "timeline": self.timeline()}


def _splits(entities: dict[str, Entity]) -> list[Split]:
    found = []
    for entity in entities.values():
        sides = LINEAGE.get(entity.schema.name)
        if sides is None:
            continue
        props = entity.properties
        for parent in props.get(sides[0], []):
            for child in props.get(sides[1], []):
                if parent != child:
                    found.append(Split(first_date(entity), parent, child, entity.schema.name,
                                       entity.id, tuple(entity.document_ids)))
    return found


def lineage(source: Source, group_id: str) -> Lineage:
    """The lineage of ``group_id`` as the source's reader sees it."""
    root = source.entities([group_id]).get(group_id)
    if root is None:
        raise NotFound(f"entity {group_id!r} not found")
    if not is_node(root):
        raise InvalidData(f"{group_id} is a {root.schema.name}, not a group")
    groups = {group_id: root}
    referring: dict[str, Entity] = {}
    frontier = {group_id}
    while frontier:
        new = source.entities(source.referrers(frontier) - referring.keys())
        referring.update(new)
        ends = {e for s in _splits(new) for e in (s.parent, s.child)} - groups.keys()
        found = {i: e for i, e in source.entities(ends).items() if is_node(e)}
        groups.update(found)
        frontier = set(found)
    splits = sorted(s for s in _splits(referring) if s.parent in groups and s.child in groups)
    leaders = _leaders(source, referring, groups)
    falls = _falls(source, leaders)
    people = {pid: Node.of(entity) for pid, (entity, _) in leaders.items()}
    return Lineage(group_id, {g: Node.of(groups[g]) for g in sorted(groups)}, people,
                   tuple(splits), tuple(falls))


def _leaders(source: Source, referring: dict[str, Entity],
             groups: dict[str, Entity]) -> dict[str, tuple[Entity, list[tuple[str, str]]]]:
    """Leader id -> (the person, [(group, role)]) for visible leaders of the groups."""
    roles: dict[str, list[tuple[str, str]]] = {}
    for entity in referring.values():
        if not entity.schema.is_a("Membership"):
            continue
        props = entity.properties
        role = next((r for r in props.get("role", []) if r.strip().lower() in LEADER_ROLES),
                    None)
        if role is None:
            continue
        for group in props.get("organization", []):
            if group in groups:
                for member in props.get("member", []):
                    roles.setdefault(member, []).append((group, role))
    people = source.entities(roles)
    return {pid: (person, sorted(set(roles[pid]))) for pid, person in people.items()
            if is_node(person)}


def _falls(source: Source,
           leaders: dict[str, tuple[Entity, list[tuple[str, str]]]]) -> list[Fall]:
    found: set[Fall] = set()
    events = source.entities(source.referrers(leaders))
    for event in events.values():
        props_named = FALLS.get(event.schema.name)
        if props_named is None:
            continue
        props = event.properties
        named = {v for p in props_named for v in props.get(p, [])}
        for person in sorted(named & leaders.keys()):
            for group, role in leaders[person][1]:
                found.add(Fall(first_date(event), person, group, event.schema.name,
                               Node.of(event), role))
    return sorted(found)
