"""Source protection on every read path: what only SOURCES documents state never reaches a
person without that compartment, and what is disseminated to them carries the pseudonym.

The reader is ``cni.officer`` (CNI, SECRET, no compartment): they see the sanitized CNI note,
which names the informant only by the cover name CORAL, but not the source report that
holds her identity. Each path is checked on the same question for ``tomas.arce`` (who
holds SOURCES) too, so that a path which stopped showing anything would fail here rather
than pass. Paths: search (hits, snippets, totals, facets), profile, graph (neighbours,
paths, lineage, the whole graph), exports (FtM, STIX, CSV) and the API over a store built
here (documents, entities, search, profile, graph, exports).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.sharing.conftest import Case

from enlace.api.app import create_app
from enlace.api.passwords import set_password
from enlace.exceptions import NotFound
from enlace.graph import analysis
from enlace.graph.network import Network
from enlace.profile import profile
from enlace.search import Filters, Page, search
from enlace.sharing.dissemination import Request, prepare, send
from enlace.sharing.export import write
from enlace.sharing.material import statements_of_documents
from enlace.sharing.pseudonym import pseudonym, pseudonym_id
from enlace.sharing.secret import instance_secret
from enlace.sharing.targets import parse
from enlace.store import View

READER, HOLDER = "cni.officer", "tomas.arce"
INFORMANT = "p-source-coral"
IDENTITY = "Marisol Tena Urquidi"  # stated only by the CNI source report
IDENTIFYING = {"name", "alias", "firstName", "lastName", "phone", "birthDate"}
PASSWORD = "a-long-test-password"


def protected_values(case: Case) -> set[str]:
    """Identifying values (names, phones, birth dates) stated only by SOURCES documents."""
    hidden: set[str] = set()
    stated: set[str] = set()
    for holder in (HOLDER, "rachel.kim"):  # the CNI and the DEA source handlers
        view = case.store.view(holder)
        docs = view.documents()
        for stmt in statements_of_documents(view, [d.id for d in docs]):
            source = "SOURCES" in next(d for d in docs if d.id == stmt.document_id).label.compartments
            if source and stmt.prop in IDENTIFYING and len(stmt.value) > 3:
                hidden.add(stmt.value)
            elif not source:
                stated.add(stmt.value)
    return hidden - stated


@dataclass(frozen=True)
class Protected:
    """What the reader must never receive: identifying values, and source documents' ids."""

    values: frozenset[str]
    documents: frozenset[str]

    def check(self, text: str) -> None:
        assert sorted(v for v in self.values if v in text) == []
        assert sorted(d for d in self.documents if d in text) == []


def dumped(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


@pytest.fixture
def protected(case: Case) -> Protected:
    values = protected_values(case)
    assert IDENTITY in values and "Rubén Ochoa Treviño" in values
    documents = {d.id for d in case.store.view(HOLDER).documents()
                 if "SOURCES" in d.label.compartments}
    assert case.source_report in documents
    return Protected(frozenset(values), frozenset(documents))


def found(view: View, query: str) -> dict[str, Any]:
    results = search(view, query, Filters(), True, Page(offset=0, limit=50))
    return {"hits": [h.to_dict() for h in results.hits], "total": results.total,
            "facets": results.facets, "documents": [list(h.document_ids) for h in results.hits]}


# -- search ---------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [IDENTITY, "Tena Urquidi", "Marisol", "Ochoa Treviño"])
def test_search_for_a_protected_name_finds_nothing(case: Case, protected: Protected,
                                                   query: str) -> None:
    answer = found(case.store.view(READER), query)
    assert answer["hits"] == [] and answer["total"] == 0
    assert all(count == 0 for facet in (answer["facets"] or {}).values()
               for count in facet.values())
    protected.check(dumped(answer))


def test_search_shows_the_holder_what_the_reader_cannot_see(case: Case) -> None:
    answer = found(case.store.view(HOLDER), "Tena Urquidi")
    assert answer["total"] > 0 and IDENTITY in dumped(answer)


@pytest.mark.parametrize("query", ["CORAL", "Yesenia Olvera", "bodega Cormorán",
                                   "Rigoberto Salas"])
def test_search_hits_snippets_totals_and_facets_hold_no_source(case: Case, protected: Protected,
                                                               query: str) -> None:
    reader, holder = found(case.store.view(READER), query), found(case.store.view(HOLDER), query)
    assert reader["total"] > 0
    protected.check(dumped(reader))
    assert reader["total"] <= holder["total"]
    assert reader["documents"] and not any(set(ids) & protected.documents
                                           for ids in reader["documents"])


def test_search_facets_count_only_visible_documents(case: Case) -> None:
    reader, holder = found(case.store.view(READER), "CORAL"), found(case.store.view(HOLDER),
                                                                    "CORAL")
    assert dumped(reader["facets"]) != dumped(holder["facets"])  # the holder counts more
    assert "SOURCES" not in dumped(reader["facets"])


# -- profile --------------------------------------------------------------------------------

@pytest.mark.parametrize("entity_id", [INFORMANT, "p-yesenia-olvera", "p-rigoberto-salas"])
def test_a_profile_holds_no_source(case: Case, protected: Protected, entity_id: str) -> None:
    protected.check(dumped(profile(case.store.view(READER), entity_id)))


def test_the_holder_profile_names_the_informant(case: Case) -> None:
    assert IDENTITY in dumped(profile(case.store.view(HOLDER), INFORMANT))
    assert "CORAL" in dumped(profile(case.store.view(READER), INFORMANT))


def test_an_entity_only_sources_state_is_not_found(case: Case) -> None:
    with pytest.raises(NotFound):
        profile(case.store.view(READER), "emp-coral-congeladora")


# -- graph ----------------------------------------------------------------------------------

def network(graph: Network) -> str:
    """Nodes and links as served, with the documents each link was drawn from."""
    return dumped({"nodes": [n.to_dict() for n in graph.nodes.values()],
                   "links": [{**k.to_dict(), "documents": list(k.documents)}
                             for k in graph.links]})


def test_neighbours_hold_no_source(case: Case, protected: Protected) -> None:
    graph, distance = analysis.neighbours(case.store.view(READER), INFORMANT, 2)
    protected.check(network(graph))
    held, near = analysis.neighbours(case.store.view(HOLDER), INFORMANT, 2)
    assert case.source_report in network(held)  # the holder's links come from the report
    assert set(distance) <= set(near) and len(graph.links) < len(held.links)


def test_paths_do_not_run_through_source_links(case: Case, protected: Protected) -> None:
    reader = analysis.paths(case.store.view(READER), INFORMANT, "p-yesenia-olvera", 2)
    holder = analysis.paths(case.store.view(HOLDER), INFORMANT, "p-yesenia-olvera", 2)
    text = dumped([p.to_dict() for p in reader])
    protected.check(text)
    assert "fam-coral-olvera" not in text
    assert "fam-coral-olvera" in dumped([p.to_dict() for p in holder])


def test_lineage_and_the_whole_graph_hold_no_source(case: Case, protected: Protected) -> None:
    view = case.store.view(READER)
    protected.check(dumped(analysis.group_lineage(view, "o-los-marlines").to_dict()))
    protected.check(network(analysis.visible_network(view)))


# -- exports --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["ftm", "stix", "csv"])
def test_an_export_holds_no_source(case: Case, protected: Protected, fmt: str) -> None:
    _, body = write(case.store, case.store.view(READER), fmt)
    protected.check(body)
    assert "CORAL" in body  # the sanitized note is in it
    _, full = write(case.store, case.store.view(HOLDER), fmt)
    assert full != body and (fmt == "stix" or IDENTITY in full)  # STIX carries no names


# -- disseminations ---------------------------------------------------------------------------

def share(case: Case, subject: str, to: str = f"user:{READER}") -> str:
    store = case.store
    view = store.view(HOLDER)
    request = Request("entity", parse(to), "AMBER", subject=subject)
    return send(store, view, prepare(store, view, request)).documents[0]


def secret_of(case: Case) -> bytes:
    with case.store.engine.begin() as conn:
        return instance_secret(conn)


def test_a_dissemination_carries_the_same_pseudonym_on_every_path(case: Case,
                                                                   protected: Protected) -> None:
    share(case, INFORMANT)
    share(case, "ul-coral-reunion")
    alias, masked = pseudonym(secret_of(case), INFORMANT), pseudonym_id(secret_of(case), INFORMANT)
    assert re.fullmatch(r"SOURCE-[0-9A-F]{6}", alias)
    view = case.store.view(READER)
    assert view.entity(masked).properties["name"] == [alias]
    assert alias in dumped(profile(view, masked))
    assert found(view, IDENTITY)["total"] == 0
    by_alias = found(view, alias)
    assert masked in [h["id"] for h in by_alias["hits"]]  # the copy is searchable
    protected.check(dumped(by_alias))
    graph, _ = analysis.neighbours(view, masked, 1)
    assert alias in network(graph)
    for fmt in ("ftm", "stix", "csv"):
        _, body = write(case.store, view, fmt)
        assert alias in body
        protected.check(body)
    protected.check(dumped([e.to_dict() for e in view.entities()]))


# -- the API ----------------------------------------------------------------------------------

@pytest.fixture
def api(case: Case) -> Iterator[dict[str, TestClient]]:
    """A client logged in as the reader, and one as the holder, on the case's store."""
    for name in (READER, HOLDER):
        set_password(case.store, name, PASSWORD)
    with TestClient(create_app(case.store)) as reader, TestClient(reader.app) as holder:
        clients = {READER: reader, HOLDER: holder}
        for name, client in clients.items():
            answer = client.post("/api/login", json={"name": name, "password": PASSWORD})
            assert answer.status_code == 200, answer.text
            client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
        yield clients


def routes(case: Case) -> list[str]:
    return ["/api/documents?limit=1000", "/api/entities?limit=1000",
            f"/api/entities/{INFORMANT}", f"/api/entities/{INFORMANT}/profile",
            f"/api/entities/{INFORMANT}/graph?hops=2", f"/api/graph/neighbours/{INFORMANT}?hops=2",
            f"/api/graph/paths?start={INFORMANT}&end=p-yesenia-olvera",
            "/api/groups/o-los-marlines/lineage",
            "/api/search?q=Tena%20Urquidi", "/api/search?q=CORAL", "/api/search?q=Marisol"]


def test_the_api_hands_the_reader_no_source(api: dict[str, TestClient], case: Case,
                                            protected: Protected) -> None:
    reader, holder = api[READER], api[HOLDER]
    for route in routes(case):
        answer = reader.get(route)
        assert answer.status_code == 200, (route, answer.text)
        protected.check(answer.text)
    assert reader.get(f"/api/documents/{case.source_report}").status_code == 404
    assert reader.get("/api/entities/emp-coral-congeladora").status_code == 404
    shown = " ".join(holder.get(route).text for route in routes(case))
    assert IDENTITY in shown and "fam-coral-olvera" in shown


@pytest.mark.parametrize("fmt", ["ftm", "stix", "csv"])
def test_api_exports_hold_no_source(api: dict[str, TestClient], case: Case,
                                    protected: Protected, fmt: str) -> None:
    answer = api[READER].post("/api/exports", json={"format": fmt})
    assert answer.status_code == 200, answer.text
    protected.check(answer.text)
    full = api[HOLDER].post("/api/exports", json={"format": fmt}).text
    assert fmt == "stix" or IDENTITY in full


def test_the_api_shows_the_pseudonym_of_a_dissemination(api: dict[str, TestClient],
                                                        case: Case, protected: Protected) -> None:
    share(case, INFORMANT)
    alias, masked = pseudonym(secret_of(case), INFORMANT), pseudonym_id(secret_of(case), INFORMANT)
    reader = api[READER]
    entity = reader.get(f"/api/entities/{masked}")
    assert entity.status_code == 200 and alias in entity.text
    assert reader.get("/api/search?q=Tena%20Urquidi").json()["total"] == 0
    assert alias in reader.get(f"/api/entities/{masked}/profile").text
    for route in [f"/api/entities/{masked}", f"/api/entities/{masked}/profile",
                  f"/api/entities/{masked}/graph", "/api/entities?limit=1000"]:
        protected.check(reader.get(route).text)
