"""The graph tools, cross-reference, grants and groups, label and API token pages, served
by the app to two people with different rights, on SQLite and on PostgreSQL.

The demo case (people and FtM documents, no texts) plus one CNI source note on a man DEA
also has a file on (:mod:`tests.web.held_record`) is built once per backend; each test
gets its own copy of it.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from tests.web.held_record import HELD_ALIAS, HELD_DOCUMENT, HELD_ENTITY, add_held_record

from enlace import settings
from enlace.api.app import create_app
from enlace.api.auth import COOKIE
from enlace.api.sessions import start_session
from enlace.demo.case import Case, load_case
from enlace.store import Store
from enlace.store.engine import make_engine
from enlace.web.labels import markable_levels

FOCUS = "p-rigoberto-salas"
INFORMANT = "p-source-coral"
DEA_REPORT = "Report of investigation: Houston distribution cell"
FGR_PRESS = "Comunicado: FGR y SEMAR aseguran"


def build_case(store: Store) -> None:
    load_case(store, dataclasses.replace(Case.bundled(), texts=()))
    add_held_record(store)


@pytest.fixture(scope="session")
def sqlite_case(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tools-case") / "enlace.db"
    shutil.copy(sqlite_template, path)
    store = Store.open(f"sqlite:///{path}")
    try:
        build_case(store)
    finally:
        store.close()
    return path


def _admin_run(statement: str) -> None:
    admin = make_engine(settings.test_pg_url())
    try:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text(statement))
    finally:
        admin.dispose()


def _database(url: str, name: str) -> str:
    return sa.make_url(url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_case(pg_url: str) -> Iterator[str]:
    """A PostgreSQL database holding the case, copied (as a template) for each test."""
    name = f"enlace_tools_{uuid.uuid4().hex[:10]}"
    _admin_run(f'CREATE DATABASE "{name}"')
    store = Store.create(_database(pg_url, name))
    try:
        build_case(store)
    finally:
        store.close()
        store.engine.dispose()
    yield name
    _admin_run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def case_store(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if backend == "sqlite":
        path = tmp_path / "enlace.db"
        shutil.copy(request.getfixturevalue("sqlite_case"), path)
        store = Store.open(f"sqlite:///{path}")
        yield store
        store.close()
        return
    template: str = request.getfixturevalue("pg_case")
    name = f"enlace_tools_t_{uuid.uuid4().hex[:10]}"
    _admin_run(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    store = Store.open(_database(request.getfixturevalue("pg_url"), name))
    yield store
    store.close()
    store.engine.dispose()
    _admin_run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Person:
    """A browser session of one person (started directly: logging in is tested elsewhere)
    and the CSRF token its forms carry."""

    def __init__(self, store: Store, name: str):
        self.client = TestClient(create_app(store))
        secret, self.csrf = start_session(store, store.principal(name))
        self.client.cookies.set(COOKIE, secret)

    def get(self, url: str) -> str:
        response = self.client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.text

    def post(self, url: str, **form: str) -> httpx.Response:
        return self.client.post(url, data={**form, "csrf_token": self.csrf},
                                follow_redirects=False)


@pytest.fixture
def brennan(case_store: Store) -> Iterator[Person]:
    person = Person(case_store, "michael.brennan")
    yield person
    person.client.close()


@pytest.fixture
def arce(case_store: Store) -> Iterator[Person]:
    person = Person(case_store, "tomas.arce")
    yield person
    person.client.close()


def document_titled(store: Store, who: str, start: str) -> str:
    return next(d.id for d in store.view(who).documents() if (d.title or "").startswith(start))


def alert(text: str) -> str:
    found = re.search(r'class="alert"[^>]*>([^<]*)<', text)
    return found.group(1) if found else ""


# -- graph tools -------------------------------------------------------------------------


def test_rankings_and_communities_cover_only_what_each_person_may_see(
        brennan: Person, arce: Person) -> None:
    mine = brennan.get(f"/graph?entity={FOCUS}&hops=2&measure=betweenness")
    theirs = arce.get(f"/graph?entity={FOCUS}&hops=2&measure=pagerank")
    for page in (mine, theirs):
        assert 'id="ranking"' in page and 'id="communities"' in page
        assert f"/entities/{FOCUS}" in page
    assert INFORMANT in theirs and "CORAL" in theirs
    assert INFORMANT not in mine and "CORAL" not in mine


def test_a_shortest_path_is_drawn_between_visible_entities_only(
        brennan: Person, arce: Person) -> None:
    page = brennan.get(f"/graph?entity={FOCUS}&other=p-yesenia-olvera")
    drawn = re.search(r"data-path='([^']*)'", page)
    assert drawn is not None
    assert '"ends": ["p-rigoberto-salas", "p-yesenia-olvera"]' in drawn.group(1)
    hidden = brennan.get(f"/graph?entity={FOCUS}&other={INFORMANT}")
    assert alert(hidden) == alert(brennan.get(f"/graph?entity={FOCUS}&other=p-nobody")
                                  ).replace("p-nobody", INFORMANT)
    assert "data-path" not in hidden and "CORAL" not in hidden
    assert "data-path" in arce.get(f"/graph?entity={FOCUS}&other={INFORMANT}")


def test_a_hidden_entity_has_no_graph_and_no_download(brennan: Person) -> None:
    for url in (f"/graph?entity={INFORMANT}", f"/graph/export?entity={INFORMANT}&fmt=csv"):
        assert brennan.client.get(url).status_code == 404
    assert brennan.client.get(f"/graph/export?entity={FOCUS}&fmt=pdf").status_code == 400
    assert "unknown measure" in alert(brennan.get(f"/graph?entity={FOCUS}&measure=fame"))


def test_downloads_hold_the_neighbourhood_as_graphml_and_gephi_csv(
        brennan: Person, arce: Person) -> None:
    response = brennan.client.get(f"/graph/export?entity={FOCUS}&hops=2&fmt=graphml")
    assert response.headers["content-disposition"].endswith('.graphml"')
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert FOCUS in graph and INFORMANT not in graph
    packed = arce.client.get(f"/graph/export?entity={FOCUS}&hops=2&fmt=csv")
    with zipfile.ZipFile(io.BytesIO(packed.content)) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = archive.read("nodes.csv").decode("utf-8")
    assert nodes.startswith("Id,Label,schema") and INFORMANT in nodes


# -- cross-referencing -------------------------------------------------------------------


def test_a_record_held_elsewhere_shows_only_its_agency_and_can_be_requested(
        brennan: Person, arce: Person) -> None:
    page = brennan.post("/xref", agency="DEA").text
    assert "A record exists at CNI" in page
    for secret in (HELD_ALIAS, HELD_ENTITY, HELD_DOCUMENT, "Nota de fuente"):
        assert secret not in page
    ref = re.search(r'name="ref" value="([^"]+)"', page)
    assert ref is not None
    asked = brennan.post("/requests", ref=ref.group(1), why="same Houston distributor")
    assert asked.status_code == 303
    assert "same Houston distributor" in brennan.get("/requests")
    received = arce.get("/requests")
    assert "michael.brennan" in received and "same Houston distributor" in received


def test_a_run_needs_the_forms_csrf_token(brennan: Person) -> None:
    response = brennan.client.post("/xref", data={"agency": "DEA"})
    assert response.status_code == 403


# -- grants and sharing groups -----------------------------------------------------------


def test_grants_are_listed_to_giver_and_receiver_and_revoked_by_the_giver(
        case_store: Store, brennan: Person, arce: Person) -> None:
    report = document_titled(case_store, "michael.brennan", DEA_REPORT)
    unseen = arce.post("/grants", document=report, to="user:tomas.arce", tlp="AMBER")
    assert unseen.status_code == 404 and "not found" in alert(unseen.text)
    colourless = brennan.post("/grants", document=report, to="user:tomas.arce", tlp="PURPLE")
    assert colourless.status_code == 400 and "PURPLE" in alert(colourless.text)
    gave = brennan.post("/grants", document=report, to="user:tomas.arce", tlp="AMBER")
    assert gave.status_code == 303
    mine = brennan.get("/grants")
    assert DEA_REPORT in mine and "user:tomas.arce" in mine
    found = re.search(r'data-grant="(\d+)"', mine)
    assert found is not None
    given = found.group(1)
    received = arce.get("/grants")
    assert DEA_REPORT in received and "michael.brennan" in received
    assert f"/grants/{given}/revoke" not in received
    refused = arce.post(f"/grants/{given}/revoke")
    assert refused.status_code == 404
    assert brennan.post(f"/grants/{given}/revoke").status_code == 303
    assert DEA_REPORT not in arce.get("/grants")
    assert arce.client.get(f"/documents/{report}").status_code == 404


def test_only_the_owner_sees_and_changes_a_groups_members(
        brennan: Person, arce: Person) -> None:
    assert brennan.post("/groups", name="marlin-houston").status_code == 303
    for user in ("tomas.arce", "ana.ruiz"):
        added = brennan.post("/groups/marlin-houston/members", user=user, action="add")
        assert added.status_code == 303
    owner_view = brennan.get("/grants")
    assert 'data-member="tomas.arce"' in owner_view and 'data-member="ana.ruiz"' in owner_view
    member_view = arce.get("/grants")
    assert 'data-group="marlin-houston"' in member_view
    groups = member_view[member_view.index('id="groups"'):]
    assert "ana.ruiz" not in groups and "data-member" not in member_view
    for action in ("add", "remove"):
        response = arce.post("/groups/marlin-houston/members", user="ana.ruiz", action=action)
        assert response.status_code == 404
        assert "that you own" in alert(response.text)
    removed = brennan.post("/groups/marlin-houston/members", user="ana.ruiz", action="remove")
    assert removed.status_code == 303
    assert 'data-member="ana.ruiz"' not in brennan.get("/grants")
    taken = brennan.post("/groups", name="marlin-houston")
    assert taken.status_code == 400 and "already exists" in alert(taken.text)


# -- label change ------------------------------------------------------------------------


def test_a_label_changes_as_the_policy_allows_and_its_history_shows(
        case_store: Store, brennan: Person, arce: Person) -> None:
    report = document_titled(case_store, "michael.brennan", DEA_REPORT)
    url = f"/documents/{report}/label"
    assert arce.client.get(url).status_code == 404
    unexplained = brennan.post(url, classification="SECRET", releasable_to="US", why=" ")
    assert unexplained.status_code == 400
    beyond = brennan.post(url, classification="SECRET", compartments="SOURCES", why="source")
    assert beyond.status_code == 409
    assert "which you do not hold" in alert(beyond.text)
    done = brennan.post(url, classification="SECRET", releasable_to="US", why="names a source")
    assert done.status_code == 303
    page = brennan.get(done.headers["location"])
    assert "SECRET//REL TO US" in page and "names a source" in page and "(raise)" in page
    press = document_titled(case_store, "michael.brennan", FGR_PRESS)
    foreign = brennan.post(f"/documents/{press}/label", classification="RESTRICTED", why="x")
    assert foreign.status_code == 409
    assert "only members of FGR" in alert(foreign.text)


def test_the_levels_offered_are_those_the_policy_lets_one_give(case_store: Store) -> None:
    label = case_store.view("ana.ruiz").documents()[0].label
    assert markable_levels(case_store, case_store.principal("jorge.mendez"), label) == [
        "PUBLIC", "RESTRICTED", "CONFIDENTIAL"]
    assert "SECRET" in markable_levels(case_store, case_store.principal("ana.ruiz"), label)


# -- API tokens --------------------------------------------------------------------------


def test_a_token_is_shown_once_works_and_only_its_owner_revokes_it(
        brennan: Person, arce: Person) -> None:
    created = brennan.post("/tokens", name="nightly export")
    assert created.status_code == 201
    secret = re.search(r'id="token-secret">([^<]+)<', created.text)
    assert secret is not None
    listing = brennan.get("/tokens")
    assert "nightly export" in listing and secret.group(1) not in listing
    token_id = re.search(r'data-token="(\d+)"', listing)
    assert token_id is not None
    bearer = {"Authorization": f"Bearer {secret.group(1)}"}
    with TestClient(brennan.client.app) as script:
        assert script.get("/api/me", headers=bearer).json()["name"] == "michael.brennan"
        assert "nightly export" not in arce.get("/tokens")
        stolen = arce.post(f"/tokens/{token_id.group(1)}/revoke")
        assert stolen.status_code == 404
        assert script.get("/api/me", headers=bearer).status_code == 200
        ended = brennan.post(f"/tokens/{token_id.group(1)}/revoke")
        assert ended.status_code == 303
        assert script.get("/api/me", headers=bearer).status_code == 401


def test_the_new_pages_speak_spanish_and_sit_in_the_nav(brennan: Person) -> None:
    page = brennan.get("/grants")
    for target in ("/graph", "/xref", "/grants", "/tokens"):
        assert f'<a href="{target}"' in page
    brennan.client.cookies.set("enlace_lang", "es")
    assert "Herramientas de grafo" in brennan.get("/graph")
    assert "Tokens de API" in brennan.get("/tokens")
