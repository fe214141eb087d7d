"""Link analysis through the API: each person gets the graph they may see, and 404 for the
informant CORAL, whom only CNI (and FGR, by a sanitized note) may see."""

from __future__ import annotations

import io
import zipfile

from fastapi.testclient import TestClient
from tests.api.conftest import log_in, logged_in

INFORMANT = "p-source-coral"
REAL_NAME = "Marisol Tena Urquidi"
COUSIN = "p-yesenia-olvera"  # one hop from CORAL


def test_neighbours_paths_and_hidden_ends(client: TestClient) -> None:
    log_in(client, "tomas.arce")
    around = client.get(f"/api/graph/neighbours/{INFORMANT}").json()
    assert around == client.get(f"/api/entities/{INFORMANT}/graph").json()
    assert {n["id"]: n["hops"] for n in around["nodes"]}[COUSIN] == 1
    found = client.get("/api/graph/paths", params={"start": INFORMANT, "end": COUSIN}).json()
    assert [p["length"] for p in found["paths"]] == [1]
    assert [n["id"] for n in found["paths"][0]["nodes"]] == [INFORMANT, COUSIN]

    brennan, _ = logged_in(client, "michael.brennan")
    assert brennan.get(f"/api/graph/neighbours/{COUSIN}").status_code == 200
    for path in (f"/api/graph/neighbours/{INFORMANT}", "/api/graph/neighbours/p-nobody"):
        assert brennan.get(path).status_code == 404, path
    for params in ({"start": INFORMANT, "end": COUSIN}, {"start": COUSIN, "end": INFORMANT}):
        hidden = brennan.get("/api/graph/paths", params=params)
        assert hidden.status_code == 404 and REAL_NAME not in hidden.text
    assert brennan.get("/api/graph/paths", params={"start": COUSIN, "end": "p-nobody"}
                       ).status_code == 404
    too_far = brennan.get("/api/graph/paths", params={"start": COUSIN, "end": COUSIN,
                                                      "max_hops": 99})
    assert too_far.status_code == 422


def test_centrality_and_communities_rank_only_visible_entities(client: TestClient) -> None:
    log_in(client, "tomas.arce")
    ranked = client.get("/api/graph/central",
                        params={"measure": "degree", "limit": 500}).json()
    assert INFORMANT in [r["id"] for r in ranked]
    assert [r["rank"] for r in ranked] == list(range(1, len(ranked) + 1))
    brennan, _ = logged_in(client, "michael.brennan")
    for measure in ("degree", "betweenness", "pagerank"):
        answer = brennan.get("/api/graph/central", params={"measure": measure, "limit": 500})
        assert answer.status_code == 200
        scores = [r["score"] for r in answer.json()]
        assert scores == sorted(scores, reverse=True) and scores
        assert INFORMANT not in answer.text and "CORAL" not in answer.text
    wrong = brennan.get("/api/graph/central", params={"measure": "fame"})
    assert wrong.status_code == 400 and "degree" in wrong.json()["error"]
    groups = brennan.get("/api/graph/communities").json()
    assert groups and all(g["size"] >= 2 for g in groups)
    assert INFORMANT not in str(groups)
    mine = client.get("/api/graph/communities", params={"min_size": 1}).json()
    assert INFORMANT in str(mine)


def test_exports_download_graphml_and_gephi_csv(client: TestClient) -> None:
    log_in(client, "tomas.arce")
    graphml = client.get("/api/graph/export")
    assert graphml.status_code == 200
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    assert "attachment" in graphml.headers["content-disposition"]
    assert "<graphml" in graphml.text and INFORMANT in graphml.text
    gephi = client.get("/api/graph/export", params={"format": "csv", "around": INFORMANT,
                                                    "hops": 1})
    assert gephi.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(gephi.content)) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = archive.read("nodes.csv").decode("utf-8").splitlines()
    assert nodes[0] == "Id,Label,schema"
    assert {line.split(",")[0] for line in nodes[1:]} >= {INFORMANT, COUSIN}

    brennan, _ = logged_in(client, "michael.brennan")
    theirs = brennan.get("/api/graph/export", params={"format": "graphml"})
    assert theirs.status_code == 200 and "<graphml" in theirs.text
    assert INFORMANT not in theirs.text and REAL_NAME not in theirs.text
    hidden = brennan.get("/api/graph/export", params={"format": "csv", "around": INFORMANT})
    assert hidden.status_code == 404
    assert brennan.get("/api/graph/export", params={"format": "gexf"}).status_code == 400


def test_graph_routes_need_a_login(client: TestClient) -> None:
    for path in ("/api/graph/central", "/api/graph/communities", "/api/graph/export",
                 f"/api/graph/neighbours/{COUSIN}"):
        assert client.get(path).status_code == 401, path
