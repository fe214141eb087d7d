"""Property-based: in random worlds, on both backends, every profile, neighbourhood, path,
ranking, community, lineage and export a person gets equals the same computation over the
statements of the documents the reference rule lets them see, and names no entity, edge,
value or document that only hidden documents hold.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enlace.clock import utcnow
from enlace.exceptions import EnlaceError
from enlace.graph.centrality import MEASURES, ranking
from enlace.graph.community import communities
from enlace.graph.expand import neighbourhood
from enlace.graph.export import export
from enlace.graph.lineage import lineage
from enlace.graph.network import Network
from enlace.graph.path import paths_in, shortest_paths
from enlace.graph.source import Source, ViewSource
from enlace.model.markings import Label
from enlace.model.statement import Statement, statement_id
from enlace.profile.build import build_profile
from enlace.sharing.policy import decide
from enlace.store import NewDocument, Store

from .world import MemorySource

AGENCIES = {"ALFA": "MX", "BRAVO": "US", "CHARLIE": "MX"}
COMPARTMENTS = ["SOURCES", "FININT"]
PEOPLE = ["per-alfa", "per-bravo", "per-carla", "per-delta"]
GROUPS = ["org-eco", "org-fox", "org-golf"]
NAMES = ["Nombre Rojo", "Nombre Verde", "Nombre Azul", "Nombre Negro", "Nombre Blanco"]
DATES = ["2009", "2009-12", "2009-12-16", "2011-03", "2012"]
ROLES = ["leader", "sicario"]
#: entity -> (schema, [(property, values)])
ENTITIES: dict[str, tuple[str, list[tuple[str, list[str]]]]] = {
    **{p: ("Person", [("name", NAMES), ("alias", NAMES)]) for p in PEOPLE},
    **{g: ("Organization", [("name", NAMES), ("alias", NAMES)]) for g in GROUPS},
    "mem-hotel": ("Membership", [("member", PEOPLE), ("organization", GROUPS),
                                 ("role", ROLES), ("startDate", DATES)]),
    "asc-india": ("Associate", [("person", PEOPLE), ("associate", PEOPLE)]),
    "ali-juliet": ("Alliance", [("party", GROUPS), ("ally", GROUPS)]),
    "fac-kilo": ("Faction", [("faction", GROUPS), ("parent", GROUPS), ("startDate", DATES)]),
    "suc-lima": ("Succession", [("predecessor", GROUPS), ("successor", GROUPS),
                                ("date", DATES)]),
    "arr-mike": ("Arrest", [("name", NAMES), ("detained", PEOPLE), ("date", DATES)]),
    "kil-nov": ("Killing", [("name", NAMES), ("victims", PEOPLE), ("involved", PEOPLE),
                            ("date", DATES)]),
}
subsets = st.lists(st.sampled_from(COMPARTMENTS), unique=True, max_size=2)


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, Any]:
    codes = draw(st.lists(st.sampled_from(sorted(AGENCIES)), min_size=1, max_size=3,
                          unique=True))
    targets = codes + sorted({AGENCIES[c] for c in codes})
    users = draw(st.lists(st.fixed_dictionaries({
        "agencies": st.lists(st.sampled_from(codes), min_size=1, unique=True),
        "clearance": st.integers(0, 3), "compartments": subsets,
    }), min_size=1, max_size=3))
    documents = draw(st.lists(st.fixed_dictionaries({
        "owner": st.sampled_from(codes), "level": st.integers(0, 3), "compartments": subsets,
        "release": st.lists(st.sampled_from(targets), unique=True, max_size=2),
    }), min_size=1, max_size=4))
    statements = draw(st.lists(st.tuples(
        st.integers(0, len(documents) - 1), st.sampled_from(sorted(ENTITIES)),
        st.integers(0, 3), st.integers(0, 4)), min_size=5, max_size=45))
    return {"codes": codes, "users": users, "documents": documents, "statements": statements}


def build(store: Store, world: dict[str, Any]) -> tuple[dict[str, Label], list[Statement]]:
    now = utcnow()
    with store.writer() as w:
        for code in world["codes"]:
            w.add_agency(code, f"Agency {code}", AGENCIES[code])
        levels = [lv.name for lv in store.scheme.levels]
        for i, user in enumerate(world["users"]):
            w.add_user(f"u{i}", user["agencies"], levels[user["clearance"]],
                       user["compartments"])
        w.add_user("root", world["codes"], "SECRET", COMPARTMENTS)
    root = store.principal("root")
    labels: dict[str, Label] = {}
    rows: dict[str, Statement] = {}
    with store.writer() as w:
        for i, doc in enumerate(world["documents"]):
            labels[f"doc-{i}"] = Label(doc["level"], frozenset(doc["compartments"]),
                                       frozenset(doc["release"]), doc["owner"])
            w.add_document(NewDocument(f"doc-{i}", None, labels[f"doc-{i}"], "AMBER",
                                       f"Title {i}"), root)
        for doc_index, entity_id, prop_index, value_index in world["statements"]:
            schema, props = ENTITIES[entity_id]
            prop, values = props[prop_index % len(props)]
            value = values[value_index % len(values)]
            doc_id = f"doc-{doc_index}"
            sid = statement_id(doc_id, entity_id, prop, value)
            rows[sid] = Statement(sid, entity_id, schema, prop, value, doc_id, "test", now, now)
        w.add_statements([{k: v for k, v in s.to_dict().items()
                           if k not in ("first_seen", "last_seen")} for s in rows.values()])
    return labels, list(rows.values())


def leaves(data: Any) -> set[str]:
    if isinstance(data, dict):
        return set().union(*(leaves(v) for v in data.values())) if data else set()
    if isinstance(data, (list, tuple)):
        return set().union(*(leaves(v) for v in data)) if data else set()
    return {data} if isinstance(data, str) else set()


def outcome(compute: Callable[[], Any]) -> Any:
    """The result as plain data, or the error's class and message."""
    try:
        return json.loads(json.dumps(compute(), default=lambda o: o.to_dict()))
    except EnlaceError as exc:
        return [type(exc).__name__, str(exc)]


def network_data(network: Network) -> dict[str, Any]:
    return {"nodes": [n.to_dict() for n in network.nodes.values()],
            "links": [link.to_dict() for link in network.links]}


def exported(network: Network, folder: Path) -> set[str]:
    """Every value the GraphML and CSV files of ``network`` hold."""
    folder.mkdir(parents=True, exist_ok=True)
    found: set[str] = set()
    (graphml,) = export(network, "graphml", folder / "g.graphml")
    graph = nx.read_graphml(graphml, force_multigraph=True)
    found |= set(graph.nodes) | {str(v) for _, d in graph.nodes(data=True) for v in d.values()}
    found |= {str(v) for _, _, d in graph.edges(data=True) for v in d.values()}
    for path in export(network, "csv", folder / "csv"):
        with path.open(encoding="utf-8") as handle:
            found |= {cell for row in csv.reader(handle) for cell in row}
    return found


def answers(source: Source, store: Store) -> dict[str, Any]:
    """Everything the graph and profile code says over ``source``."""
    whole = Network.from_entities(source.everything())
    result: dict[str, Any] = {"network": network_data(whole)}
    for entity_id in ENTITIES:
        result[f"profile {entity_id}"] = outcome(
            lambda e=entity_id: build_profile(source, e, store.scheme))
        result[f"neighbours {entity_id}"] = outcome(
            lambda e=entity_id: network_data(neighbourhood(source, e, 2)[0]))
    for group in GROUPS:
        result[f"lineage {group}"] = outcome(lambda g=group: lineage(source, g).to_dict())
    for start, end in [("per-alfa", "org-golf"), ("per-bravo", "per-delta"),
                       ("org-eco", "arr-mike")]:
        result[f"path {start} {end}"] = outcome(
            lambda s=start, e=end: shortest_paths(source, s, e)[0])
    for measure in MEASURES:
        result[measure] = outcome(lambda m=measure: [s.to_dict(m) for s in ranking(whole, m)])
    result["communities"] = outcome(lambda: communities(whole, 1))
    return result


@pytest.mark.slow
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(world=worlds())
def test_no_answer_names_what_the_reader_may_not_see(
        store: Store, reset: Callable[[], Store], tmp_path: Path, world: dict[str, Any]) -> None:
    reset()
    labels, rows = build(store, world)
    documents = ViewSource(store.view("root")).documents(labels)
    now = utcnow()
    for i in range(len(world["users"])):
        who = store.principal(f"u{i}")
        allowed = {d for d, label in labels.items() if decide(who, label, (), now)}
        visible = [s for s in rows if s.document_id in allowed]
        reference = MemorySource(visible, {d: documents[d] for d in allowed})
        scoped = ViewSource(store.view(who, now))

        got = answers(scoped, store)
        assert got == answers(reference, store)

        shown = {s.value for s in visible} | {s.entity_id for s in visible} | allowed
        hidden = ({s.value for s in rows} | {s.entity_id for s in rows} | set(labels)) - shown
        assert leaves(got) & hidden == set()
        whole = Network.from_entities(scoped.everything())
        assert exported(whole, tmp_path / f"u{i}") & hidden == set()
        by_id: dict[str, list[Statement]] = defaultdict(list)
        for s in visible:
            by_id[s.entity_id].append(s)
        for entity_id in ENTITIES:
            if entity_id in by_id and entity_id in whole.nodes:
                ego = nx.ego_graph(whole.simple(), entity_id, radius=2)
                assert {n["id"] for n in got[f"neighbours {entity_id}"]["nodes"]} == set(ego)
        for start, end in [("per-alfa", "org-golf"), ("per-bravo", "per-delta"),
                           ("org-eco", "arr-mike")]:
            if start in whole.nodes and end in whole.nodes:
                expected = [p.to_dict() for p in paths_in(whole, start, end)]
                assert got[f"path {start} {end}"] == expected
