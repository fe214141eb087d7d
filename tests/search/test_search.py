"""Searching the fictional world as different people, on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from enlace.exceptions import InvalidData
from enlace.model.markings import Label
from enlace.model.statement import statement_id
from enlace.search import Filters, Page, Results, index_document, index_statements, reindex
from enlace.search import search as run_search
from enlace.search.service import Searcher
from enlace.search.tables import search_document
from enlace.store import NewDocument, Store
from enlace.store.observe import ReadEvent
from enlace.store.resolver import POSITIVE, add_judgement
from enlace.store.tables import document, document_text


def find(store: Store, who: str, query: str, aliases: bool = False,
         **filters: str) -> Results:
    return run_search(store.view(who), query, Filters(**filters), True, Page(limit=50), aliases)


def ids(results: Results) -> set[str]:
    return {hit.id for hit in results.hits}


def test_accents_and_case_do_not_matter(world: Store) -> None:
    assert ids(find(world, "ana", "cartel jalisco nueva generacion")) == {"d-fgr-1"}
    assert ids(find(world, "ana", "CÁRTEL", kind="document")) == {"d-fgr-1", "d-fgr-2"}
    assert ids(find(world, "ana", "lazaro cardenas")) == {"d-fgr-3"}


def test_phrase_needs_the_words_together_and_in_order(world: Store) -> None:
    assert ids(find(world, "bob", '"san pedro sula"')) == {"d-dea-1"}
    assert ids(find(world, "bob", "san pedro sula")) == {"d-dea-1", "d-dea-3"}


def test_boolean_logic(world: Store) -> None:
    assert ids(find(world, "bob", "cocaine -houston")) == {"d-dea-3"}
    assert ids(find(world, "bob", "cocaine NOT houston")) == {"d-dea-3"}
    assert ids(find(world, "bob", "cocaine OR fentanyl")) == {"d-dea-1", "d-dea-2", "d-dea-3"}
    assert ids(find(world, "bob", "(fentanyl OR houston) AND cocaine")) == {"d-dea-1"}


def test_prefixes(world: Store) -> None:
    assert ids(find(world, "ana", "extor*")) == {"d-fgr-1", "d-fgr-2"}
    assert ids(find(world, "bob", "extor*")) == {"d-dea-1"}
    assert ids(find(world, "bob", "EXTÓR*")) == {"d-dea-1"}


def test_gazetteer_aliases_widen_a_group_name(world: Store) -> None:
    assert ids(find(world, "bob", "Cartel de Jalisco")) == set()
    found = find(world, "bob", "Cartel de Jalisco", aliases=True)
    assert ids(found) == {"d-dea-1", "d-dea-2", "o-cjng"}
    assert ids(find(world, "ana", '"Cartel de Jalisco"', aliases=True)) == {"d-fgr-1"}


def test_alias_statements_widen_only_for_who_may_see_them(world: Store) -> None:
    assert ids(find(world, "ana", "Los Marlines", aliases=True, kind="document")) == {
        "d-fgr-3"}
    assert ids(find(world, "carla", "Los Marlines", aliases=True, kind="document")) == set()


def test_entity_hits_show_only_visible_names(world: Store) -> None:
    capi = find(world, "bob", "capi").hits
    assert [(h.id, h.kind, h.title, h.schema) for h in capi] == [
        ("p-salas", "entity", "El Capi", "Person")]
    assert capi[0].extra["names"] == ["El Capi"]
    assert "Rigoberto" not in capi[0].snippet
    assert ids(find(world, "ana", "capi")) == set()
    marlines = find(world, "carla", "marlines").hits
    assert [h.extra["names"] for h in marlines] == [["Los Marlines"]]
    assert "Banda" not in marlines[0].snippet


def test_hidden_names_are_not_hits(world: Store) -> None:
    assert find(world, "carla", "zephyrine").total == 0
    assert ids(find(world, "bob", "zephyrine")) == {"d-dea-2", "p-hidden"}


def test_filters(world: Store) -> None:
    query = "cartel OR cártel OR cjng OR cocaine OR extor*"
    assert ids(find(world, "root", query, kind="entity")) == {"o-cjng"}
    assert ids(find(world, "root", query, owner="dea", kind="document")) == {
        "d-dea-1", "d-dea-2", "d-dea-3"}
    assert ids(find(world, "root", query, language="ES")) == {"d-fgr-1", "d-fgr-2"}
    assert ids(find(world, "root", query, date_from="2024", date_to="2024-06")) == {
        "d-fgr-1"}
    assert ids(find(world, "root", query, date_to="2023")) == {"d-dea-1", "d-dea-3", "o-cjng"}
    assert ids(find(world, "root", query, label="secret")) == {"d-dea-2"}
    assert ids(find(world, "root", query, type="application/pdf")) == {"d-fgr-2"}
    assert ids(find(world, "root", query, country="mx")) == {"d-fgr-1", "d-fgr-2", "o-cjng"}
    assert ids(find(world, "root", query, schema="Organization")) == {"o-cjng"}
    assert ids(find(world, "root", query, schema="Document", owner="FGR")) == {
        "d-fgr-1", "d-fgr-2"}


def test_bad_filters_are_invalid_data(world: Store) -> None:
    for bad in ({"kind": "thing"}, {"date_from": "last week"}, {"country": "Mexico"}):
        with pytest.raises(InvalidData):
            Filters(**bad)
    with pytest.raises(InvalidData):
        Page(limit=0)
    with pytest.raises(InvalidData):
        Page(offset=-1)


def test_facets_count_only_visible_hits(world: Store) -> None:
    query = "cartel OR cártel OR cjng OR capi OR salas"
    found = find(world, "root", query)
    assert found.total == 6
    assert found.facets is not None
    assert found.facets["kind"] == {"document": 4, "entity": 2}
    # an entity counts under each visible source of a matching name (p-salas: FGR, DEA)
    assert found.facets["owner"] == {"DEA": 4, "FGR": 3}
    assert found.facets["schema"] == {"Document": 4, "Organization": 1, "Person": 1}
    assert found.facets["label"] == {"PUBLIC": 4, "SECRET": 2, "CONFIDENTIAL": 1}
    assert found.facets["country"] == {"mx": 4, "us": 2}
    carla = find(world, "carla", query)
    assert carla.total == 2
    assert carla.facets is not None
    assert carla.facets["kind"] == {"document": 1, "entity": 1}
    assert carla.facets["owner"] == {"FGR": 2}
    assert carla.facets["label"] == {"PUBLIC": 2}
    assert carla.facets["language"] == {"es": 2}


def test_snippets_mark_matches_and_escape_the_rest(world: Store) -> None:
    hit = find(world, "ana", "banda").hits[0]
    assert hit.snippet == ("La <mark>Banda</mark> del Puerto opera en Lázaro Cárdenas con "
                           "&lt;script&gt;alert(1)&lt;/script&gt;.")
    accented = find(world, "ana", "generacion extorsion*").hits[0]
    assert "<mark>Generación</mark>" in accented.snippet
    assert "<mark>extorsiona</mark>" in accented.snippet


def test_pagination_is_stable_and_complete(world: Store) -> None:
    query = "cartel OR cártel OR cjng OR cocaine OR extor* OR capi OR salas OR banda"
    view = world.view("root")
    everything = run_search(view, query, page=Page(limit=50))
    pages = [run_search(view, query, page=Page(offset=o, limit=2)) for o in range(0, 12, 2)]
    assert [h.id for p in pages for h in p.hits] == [h.id for h in everything.hits]
    assert len({h.id for h in everything.hits}) == everything.total == 9
    assert {p.total for p in pages} == {9}
    scores = [h.score for h in everything.hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("query", [
    "'; DROP TABLE document; --", '"\'" OR "\\""', "% _ \\ ;", "NEAR(cartel jalisco)",
    "cartel:jalisco", "^cartel", "{cartel}", "cartel* AND *", "a" * 900,
    "ñandú 東京 🚀", "' OR 1=1 --",
])
def test_hostile_queries_do_no_harm(world: Store, query: str) -> None:
    with contextlib.suppress(InvalidData):
        find(world, "ana", query, aliases=True)
    with world.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(document)).scalar() == 6


def test_unicode_and_punctuation_only_queries(world: Store) -> None:
    with pytest.raises(InvalidData, match="nothing to search"):
        find(world, "ana", "'; -- %")
    assert find(world, "ana", "ñandú 東京").total == 0


def test_reads_are_reported(world: Store) -> None:
    events: list[ReadEvent] = []
    world.observers.append(events.append)
    find(world, "bob", "capi OR houston")
    (event,) = events
    assert event.action == "search"
    assert event.entity_ids == ("p-salas",)
    assert event.document_ids == ("d-dea-1", "d-dea-2")
    assert event.detail["query"] == "capi OR houston"


def test_indexing_again_changes_nothing_and_reindex_agrees(world: Store) -> None:
    query = "cartel OR cártel OR cjng OR cocaine OR extor* OR capi OR salas OR banda"
    before = find(world, "root", query)
    with world.writer() as w:
        for doc_id in ("d-fgr-1", "d-dea-1"):
            assert index_document(w.conn, doc_id)
            index_statements(w.conn, document_id=doc_id)
        assert not index_document(w.conn, "no-such-document")
    again = find(world, "root", query)
    assert reindex(world) == (6, 7)
    rebuilt = find(world, "root", query)
    for other in (again, rebuilt):
        assert [(h.id, h.snippet) for h in other.hits] == [
            (h.id, h.snippet) for h in before.hits]
        assert (other.total, other.facets) == (before.total, before.facets)


def test_fuzzy_names_on_postgresql_only(world: Store) -> None:
    def fuzzy(who: str, query: str) -> set[str]:
        return ids(run_search(world.view(who), query, Filters(kind="entity"), fuzzy=True))

    if world.backend == "sqlite":
        with pytest.raises(InvalidData, match="PostgreSQL"):
            fuzzy("ana", "rigoberto sallas")
        return
    assert ids(find(world, "ana", "rigoberto sallas", kind="entity")) == set()
    assert fuzzy("ana", "rigoberto sallas") == {"p-salas"}
    assert fuzzy("ana", "Zefirine Walker") == set()
    assert fuzzy("bob", "Zefirine Walker") == {"p-hidden"}


def merge_medina(world: Store) -> None:
    """p-salas and p-medina judged one person on the strength of d-fgr-1 (PUBLIC, FGR): the
    merge is visible to ana and carla, not to bob; "Rigoberto Quintanilla" stays behind
    d-fgr-2 (CONFIDENTIAL), which carla may not read."""
    rows: list[dict[str, Any]] = [
        {"id": statement_id(d, "p-medina", p, v), "entity_id": "p-medina",
         "schema": "Person", "prop": p, "value": v, "document_id": d, "origin": "test"}
        for d, p, v in [("d-fgr-1", "alias", "Don Rigo"),
                        ("d-fgr-2", "name", "Rigoberto Quintanilla"),
                        ("d-fgr-2", "nationality", "gt")]]
    with world.writer() as w:
        w.add_statements(rows)
        index_statements(w.conn, [r["id"] for r in rows])
        add_judgement(w, world.principal("root"), "p-salas", "p-medina", POSITIVE, "test",
                      "same man", ["d-fgr-1"])


def test_a_merged_entity_is_one_hit_with_its_visible_names(world: Store) -> None:
    merge_medina(world)
    found = find(world, "ana", "rigo OR rigoberto OR quintanilla", kind="entity")
    assert [(h.id, h.kind, h.schema) for h in found.hits] == [
        ("p-medina", "entity", "Person")]
    assert found.hits[0].extra["names"] == [
        "Don Rigo", "Rigoberto Quintanilla", "Rigoberto Salas Medina"]
    assert found.hits[0].document_ids == ("d-fgr-1", "d-fgr-2")
    assert found.total == 1
    assert found.facets is not None
    assert found.facets["kind"] == {"entity": 1}
    assert found.facets["country"] == {"gt": 1, "mx": 1}
    assert ids(find(world, "ana", "rigoberto", country="gt")) == {"p-medina"}
    assert ids(find(world, "ana", "quintanilla", country="mx")) == {"p-medina"}
    assert ids(find(world, "ana", "Don Rigo", aliases=True, kind="entity")) == {"p-medina"}


def test_a_merge_does_not_reveal_a_member_name_the_reader_may_not_see(world: Store) -> None:
    merge_medina(world)
    carla = find(world, "carla", "rigo OR rigoberto OR quintanilla", kind="entity")
    assert [h.id for h in carla.hits] == ["p-medina"]
    assert carla.hits[0].extra["names"] == ["Don Rigo", "Rigoberto Salas Medina"]
    assert "Quintanilla" not in carla.hits[0].snippet
    assert carla.hits[0].document_ids == ("d-fgr-1",)
    assert carla.total == 1
    assert carla.facets is not None and carla.facets["country"] == {"mx": 1}
    assert find(world, "carla", "quintanilla").total == 0
    assert find(world, "carla", "rigoberto", country="gt").total == 0
    # bob may not see the judgement: the two ids stay apart, p-medina unseen
    assert [(h.id, h.extra["names"]) for h in find(world, "bob", "capi OR rigo").hits] == [
        ("p-salas", ["El Capi"])]


def test_a_relabelled_document_is_searched_under_its_new_label(world: Store) -> None:
    """Index rows carry their document's label; a label change, lowering or raising, must
    reach them in the same transaction, names included."""
    root = world.principal("root")

    def seen(user: str, query: str) -> set[str]:
        return {h.id for h in run_search(world.view(user), query).hits}

    assert seen("carla", "Zephyrine") == set()  # d-dea-2 is SECRET and DEA's
    with world.writer() as w:
        w.change_label("d-dea-2", Label(0, frozenset(), frozenset({"FGR"}), "DEA"), None,
                       root, "released to FGR for the joint case")
    assert seen("carla", "Zephyrine") == {"d-dea-2", "p-hidden"}
    with world.writer() as w:
        w.change_label("d-fgr-1", Label(2, frozenset(), frozenset(), "FGR"), None, root,
                       "source identified")
    assert seen("carla", "Rigoberto") == set()
    assert seen("ana", "Rigoberto") == {"d-fgr-1", "p-salas"}
    with world.engine.connect() as conn:
        stale = conn.execute(select(func.count()).select_from(search_document).join(
            document, document.c.id == search_document.c.document_id).where(
            search_document.c.label_id != document.c.label_id)).scalar_one()
    assert stale == 0


@pytest.mark.parametrize("query", ["SOURCE-158774", "158774", '"caso 2024-118"', "2024-118",
                                   "SOURCE-7E13FE", "7E13FE", "v1.2", "informe_final"])
def test_punctuated_tokens_are_found_however_they_are_asked_for(world: Store,
                                                                query: str) -> None:
    """PostgreSQL's own parser reads "SOURCE-158774" as a word and a signed number and
    "7E13FE" as a number only when it stands alone; text is indexed split at punctuation,
    as queries are, so both backends find these tokens in every form."""
    root = world.principal("root")
    with world.writer() as w:
        w.add_document(NewDocument("d-num", "d-num", Label(0, frozenset(), frozenset(), "FGR"),
                                   "AMBER", title="Expediente"), root)
        w.conn.execute(insert(document_text).values(
            document_id="d-num", text="Las fuentes SOURCE-158774 y SOURCE-7E13FE declararon "
                                      "en el caso 2024-118 (informe_final, v1.2)."))
        index_document(w.conn, "d-num")
    assert ids(find(world, "root", query)) == {"d-num"}


def test_the_ranking_alone_agrees_with_the_search(world: Store) -> None:
    for who in ("ana", "bob", "carla"):
        view = world.view(who)
        searcher = Searcher(world, view.resolved_rule, view.clusters())
        for query in ("extor*", "cartel OR cocaine OR capi", "marlines"):
            found = run_search(view, query, Filters(), False, Page(limit=50), False)
            ranked, total = searcher.ranked(query, Filters(), Page(limit=50), False)
            assert [(kind, key) for kind, key, _ in ranked] == [
                (hit.kind, hit.id) for hit in found.hits]
            assert total == found.total
