"""The CLI contract of the foundation: names, shapes and exit codes that outside checks call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from enlace.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None, ok: bool = True) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    if ok:
        assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.exit_code, result.stdout, result.stderr


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


PEOPLE = [
    {"id": "p-salas", "schema": "Person", "properties": {
        "name": ["Rigoberto Salas"], "nationality": ["mx"], "birthDate": ["1979-03-02"]}},
    {"id": "o-marlines", "schema": "Organization", "properties": {
        "name": ["Los Marlines"], "topics": ["crime.traffick.drug"]}},
    {"id": "m-1", "schema": "Membership", "properties": {
        "member": ["p-salas"], "organization": ["o-marlines"], "role": ["jefe de plaza"]}},
]
INFORMANT = [
    {"id": "p-salas", "schema": "Person", "properties": {"alias": ["El Bagre"]}},
    {"id": "p-source", "schema": "Person", "properties": {"name": ["Fuente Gamma"]}},
]


@pytest.fixture
def world(store_url: str, tmp_path: Path) -> tuple[str, Path]:
    db = store_url
    run("init", "--db", db)
    run("agency", "add", "FGR", "--name", "Fiscalía General de la República", "--country", "MX",
        "--db", db)
    run("agency", "add", "DEA", "--name", "Drug Enforcement Administration", "--country", "US",
        "--db", db)
    run("user", "add", "ana", "--agency", "FGR", "--clearance", "SECRETO",
        "--compartment", "SOURCES", "--db", db)
    run("user", "add", "mike", "--agency", "DEA", "--clearance", "SECRET", "--db", db)
    run("user", "add", "liaison", "--agency", "DEA", "--agency", "FGR",
        "--clearance", "RESTRICTED", "--role", "liaison", "--db", db)
    people = tmp_path / "people.jsonl"
    people.write_text("\n".join(json.dumps(e) for e in PEOPLE), encoding="utf-8")
    informant = tmp_path / "informant.jsonl"
    informant.write_text("\n".join(json.dumps(e) for e in INFORMANT), encoding="utf-8")
    run("load", str(people), "--as", "ana", "--classification", "RESTRICTED",
        "--releasable-to", "US", "--db", db)
    run("load", str(informant), "--as", "ana", "--classification", "SECRET",
        "--compartment", "SOURCES", "--db", db)
    return db, tmp_path


def test_entities_as_each_person(world: tuple[str, Path]) -> None:
    db, _ = world
    ana = {e["id"]: e for e in lines(run("entities", "--as", "ana", "--db", db)[1])}
    assert set(ana) == {"p-salas", "o-marlines", "m-1", "p-source"}
    assert ana["p-salas"]["properties"]["alias"] == ["El Bagre"]
    assert ana["p-salas"]["schema"] == "Person"
    mike = {e["id"]: e for e in lines(run("entities", "--as", "mike", "--db", db)[1])}
    assert set(mike) == {"p-salas", "o-marlines", "m-1"}
    assert "alias" not in mike["p-salas"]["properties"]
    assert mike["p-salas"]["properties"]["name"] == ["Rigoberto Salas"]


def test_entities_schema_filter(world: tuple[str, Path]) -> None:
    db, _ = world
    out = lines(run("entities", "--as", "ana", "--schema", "Person", "--db", db)[1])
    assert {e["id"] for e in out} == {"p-salas", "p-source"}
    out = lines(run("entities", "--as", "mike", "--schema", "LegalEntity", "--db", db)[1])
    assert {e["id"] for e in out} == {"p-salas", "o-marlines"}


def test_entity_with_sources(world: tuple[str, Path]) -> None:
    db, _ = world
    data = json.loads(run("entity", "p-salas", "--as", "ana", "--db", db)[1])
    assert data["id"] == "p-salas" and data["schema"] == "Person"
    sources = {v["value"]: v["sources"] for v in data["values"]}
    assert sources["El Bagre"][0]["label"] == "SECRET//SOURCES"
    assert sources["Rigoberto Salas"][0]["label"] == "RESTRICTED//REL TO US"
    assert sources["Rigoberto Salas"][0]["origin"] == "user:ana"
    assert len(data["documents"]) == 2


def test_hidden_entity_is_not_found(world: tuple[str, Path]) -> None:
    db, _ = world
    code, out, err = run("entity", "p-source", "--as", "mike", "--db", db, ok=False)
    assert code == 1 and out == "" and "not found" in err
    code, _, err2 = run("entity", "no-such-id", "--as", "mike", "--db", db, ok=False)
    assert code == 1 and err2.replace("no-such-id", "p-source") == err


def test_liaison_sees_through_either_agency(world: tuple[str, Path]) -> None:
    db, _ = world
    out = lines(run("entities", "--as", "liaison", "--db", db)[1])
    assert {e["id"] for e in out} == {"p-salas", "o-marlines", "m-1"}


def test_loading_the_same_bytes_again_stores_nothing(world: tuple[str, Path]) -> None:
    db, tmp = world
    before = lines(run("documents", "--as", "ana", "--db", db)[1])
    _, out, _ = run("load", str(tmp / "people.jsonl"), "--as", "ana", "--db", db)
    assert "nothing new" in out
    assert lines(run("documents", "--as", "ana", "--db", db)[1]) == before


def test_load_from_stdin(world: tuple[str, Path]) -> None:
    db, _ = world
    entity = {"id": "p-new", "schema": "Person", "properties": {"name": ["Nadia Pérez"]}}
    run("load", "-", "--as", "mike", "--db", db, input=json.dumps(entity) + "\n")
    assert "p-new" in {e["id"] for e in lines(run("entities", "--as", "mike", "--db", db)[1])}
    assert "p-new" not in {e["id"] for e in lines(run("entities", "--as", "ana", "--db", db)[1])}


@pytest.mark.parametrize(("content", "message"), [
    ('{"id": "a", "schema": "Person", "properties": {}}\n{"id": "b", "schema": "Person"',
     "line 2: not valid JSON"),
    ('{"id": "a", "schema": "Dragon", "properties": {}}', "line 1: unknown schema 'Dragon'"),
    ('{"id": "a", "schema": "Person", "properties": {"wings": ["2"]}}',
     "line 1: Person has no property 'wings'"),
    ('\n\n{"id": "a", "schema": "Person", "properties": {"nationality": ["Atlantis"]}}',
     "line 3: 'Atlantis' is not a valid country for Person:nationality; FtM would drop it"),
    ('{"id": "a", "schema": "Person", "properties": {"birthDate": ["yesterday"]}}',
     "is not a valid date"),
    ('{"schema": "Person", "properties": {}}', "line 1: the entity has no id"),
    ('["a"]', "line 1: expected a JSON object"),
    ('{"id": "a", "schema": "Thing", "properties": {}}', "abstract"),
    ('{"id": "a", "schema": "Person", "properties": {"name": [{"x": 1}]}}', "must be strings"),
])
def test_bad_lines_name_the_place_and_store_nothing(world: tuple[str, Path], content: str,
                                                      message: str) -> None:
    db, tmp = world
    bad = tmp / "bad.jsonl"
    good = json.dumps({"id": "p-first", "schema": "Person", "properties": {"name": ["Uno"]}})
    bad.write_text(good + "\n" + content if "line 1" not in message else content,
                   encoding="utf-8")
    if "line 1" not in message:
        message = message.replace("line 2", "line 3").replace("line 3:", "line 4:") \
            if content.startswith("\n") else message.replace("line 2", "line 3")
    code, out, err = run("load", str(bad), "--as", "ana", "--db", db, ok=False)
    assert code == 1, out
    assert "bad.jsonl" in err and message in " ".join(err.split()), err
    assert len(err.strip().splitlines()) == 1
    assert len(lines(run("documents", "--as", "ana", "--db", db)[1])) == 2


@pytest.mark.parametrize(("args", "message"), [
    (["--as", "nobody"], "unknown user 'nobody'"),
    (["--as", "ana", "--classification", "ULTRA"], "unknown classification 'ULTRA'"),
    (["--as", "ana", "--owner", "DEA"], "not a member of DEA"),
    (["--as", "ana", "--releasable-to", "NOPE"], "unknown agency 'NOPE'"),
    (["--as", "mike", "--compartment", "SOURCES"], "do not hold"),
    (["--as", "liaison"], "--owner"),
    (["--as", "liaison", "--owner", "FGR", "--classification", "SECRET"],
     "clearance is RESTRICTED"),
    (["--as", "ana", "--tlp", "purple"], "unknown TLP colour"),
])
def test_bad_label_options(world: tuple[str, Path], args: list[str], message: str) -> None:
    db, tmp = world
    new = tmp / "new.jsonl"
    new.write_text(json.dumps({"id": "x", "schema": "Person", "properties": {}}), encoding="utf-8")
    code, _, err = run("load", str(new), *args, "--db", db, ok=False)
    assert code == 1 and message in " ".join(err.split())
    assert len(lines(run("documents", "--as", "ana", "--db", db)[1])) == 2


def test_missing_file_and_uninitialised_store(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'none' / 'enlace.db'}"
    code, _, err = run("entities", "--as", "ana", "--db", db, ok=False)
    assert code == 1 and "enlace init" in err
    code, _, err = run("init", "--db", db)
    code, _, err = run("load", str(tmp_path / "nope.jsonl"), "--as", "x", "--db", db, ok=False)
    assert code == 1 and "no such file" in err


def test_db_from_environment(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENLACE_DB_URL", store_url)
    run("init")
    run("agency", "add", "CNI", "--name", "Centro Nacional de Inteligencia", "--country", "MX")
    assert lines(run("agency", "list")[1]) == [
        {"code": "CNI", "name": "Centro Nacional de Inteligencia", "country": "MX"}]


def test_label_set_and_history(world: tuple[str, Path]) -> None:
    db, _ = world
    docs = lines(run("documents", "--as", "ana", "--db", db)[1])
    secret = next(d for d in docs if d["label"].startswith("SECRET"))["id"]
    code, _, err = run("label", "set", secret, "--as", "ana", "--classification", "PUBLIC",
                       "--db", db, ok=False)
    assert code == 2 and "--why" in err
    run("label", "set", secret, "--as", "ana", "--classification", "CONFIDENTIAL",
        "--clear-compartments", "--releasable-to", "US", "--why", "informant moved abroad",
        "--db", db)
    assert "p-source" in {e["id"] for e in lines(run("entities", "--as", "mike", "--db", db)[1])}
    history = lines(run("label", "history", secret, "--as", "mike", "--db", db)[1])
    assert history[0]["by"] == "ana" and history[0]["reason"] == "informant moved abroad"
    assert history[0]["to"] == "CONFIDENTIAL//REL TO US"


def test_document_explains_access(world: tuple[str, Path]) -> None:
    db, _ = world
    doc = lines(run("documents", "--as", "mike", "--db", db)[1])[0]
    data = json.loads(run("document", doc["id"], "--as", "mike", "--db", db)[1])
    assert data["access"] == "releasable to US"
    code, _, err = run("document", "missing", "--as", "mike", "--db", db, ok=False)
    assert code == 1 and "not found" in err


def test_user_show(world: tuple[str, Path]) -> None:
    db, _ = world
    data = json.loads(run("user", "show", "liaison", "--db", db)[1])
    assert data == {"name": "liaison", "clearance": "RESTRICTED", "agencies": ["DEA", "FGR"],
                    "countries": ["MX", "US"], "compartments": [], "roles": ["liaison"]}
