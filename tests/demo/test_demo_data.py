"""The bundled demo case (``src/enlace/demo/data``) is valid, coherent and shows the rules.

``case.yml`` lists the agencies, users and labelled source documents; every document
file holds FollowTheMoney entities, one JSON object a line. The checks below are plain
functions that return a list of problems (empty when all is well), so the last part of
this module can feed them broken copies of the real data and prove that they fail.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

import enlace  # first: it points FollowTheMoney at enlace's schemata (Seizure, Arrest, ...)
from enlace.model.ftm import ftm_model

DATA = Path(enlace.__file__).resolve().parent / "demo" / "data"
CASE_FILE = DATA / "case.yml"

LEVELS = ("PUBLIC", "RESTRICTED", "CONFIDENTIAL", "SECRET")  # lowest first
TLP = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
ROLES = ("analyst", "liaison", "compliance", "admin")
NAMED_COMPARTMENTS = ("SOURCES", "FININT")
OPERATION_RE = re.compile(r"^OP-[A-Z][A-Z0-9-]{1,28}$")
AGENCY_RE = re.compile(r"^[A-Z][A-Z0-9_-]{2,15}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
USER_RE = re.compile(r"^[a-z]+(\.[a-z]+)*$")
ENTITY_ID_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")
LANGUAGES = ("es", "en")

CASE_KEYS = {"title", "description", "focus", "agencies", "users", "documents", "texts"}
AGENCY_KEYS = {"code", "name", "country"}
USER_KEYS = {"name", "full_name", "agencies", "clearance", "compartments", "roles"}
DOCUMENT_KEYS = {"file", "title", "loaded_by", "owner", "classification", "compartments",
                 "releasable_to", "tlp", "language"}

#: Readable id prefixes; a schema not listed here may use any prefix.
ID_PREFIXES = {
    "Person": "p-", "Organization": "o-", "Company": "c-", "PublicBody": "pb-",
    "BankAccount": "acct-", "Address": "addr-", "Vessel": "v-", "Vehicle": "ve-",
    "Event": "ev-", "Seizure": "sz-", "Arrest": "arr-", "Charges": "chg-",
    "Membership": "mem-", "Associate": "assoc-", "Family": "fam-", "Employment": "emp-",
    "Directorship": "dir-", "Representation": "rep-", "Ownership": "own-",
    "UnknownLink": "ul-", "Note": "nte-", "Payment": "pay-",
}  # fmt: skip

#: Types whose values must already be written in FtM's canonical form.
CANONICAL_TYPES = {"date", "country", "topic", "gender", "entity"}

#: CLABE bank codes of the banks the demo uses (Banxico's participant list).
CLABE_BANKS = {
    "002": "Banamex", "012": "BBVA México", "014": "Santander", "021": "HSBC",
    "072": "Banorte", "127": "Banco Azteca", "137": "BanCoppel",
}  # fmt: skip

#: Properties that identify a person; a value stated only under SOURCES must stay there.
IDENTIFYING = ("name", "alias", "weakAlias", "previousName", "firstName", "middleName",
               "lastName", "birthDate", "phone", "email", "idNumber", "passportNumber",
               "address")

PERSON_NAMES = ("name", "alias", "weakAlias", "previousName", "firstName", "middleName",
                "lastName")

Case = dict[str, Any]
Docs = dict[str, list[Any]]  # document file -> parsed lines


# Loading ----------------------------------------------------------------------------

def load_case(path: Path = CASE_FILE) -> Case:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} must hold a mapping"
    return data


def parse_jsonl(path: Path) -> tuple[list[Any], list[str]]:
    """The objects in a JSON-lines file, and a problem for each line that is not JSON."""
    items: list[Any] = []
    problems: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            problems.append(f"{path.name}:{number}: blank line")
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{number}: not JSON ({exc})")
    return items, problems


def load_documents(case: Case, root: Path = DATA) -> Docs:
    docs: Docs = {}
    for doc in case.get("documents") or []:
        path = root / str(doc.get("file"))
        docs[doc["file"]] = parse_jsonl(path)[0] if path.is_file() else []
    return docs


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case()


@pytest.fixture(scope="module")
def docs(case: Case) -> Docs:
    return load_documents(case)


# Helpers ----------------------------------------------------------------------------

def rank(level: str) -> int:
    return LEVELS.index(level)


def fold(text: str) -> str:
    """Lower-case ASCII, for comparing names and ids."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def compartment_ok(name: Any) -> bool:
    return isinstance(name, str) and (name in NAMED_COMPARTMENTS or bool(OPERATION_RE.match(name)))


def label_of(doc: dict[str, Any]) -> tuple[Any, ...]:
    return (doc["owner"], doc["classification"], tuple(sorted(doc["compartments"])),
            tuple(sorted(doc["releasable_to"])), doc["tlp"])


def agency_countries(case: Case) -> dict[str, str]:
    return {a["code"]: a["country"] for a in case["agencies"]}


def user_countries(case: Case, user: dict[str, Any]) -> set[str]:
    countries = agency_countries(case)
    return {countries[code] for code in user["agencies"] if code in countries}


def may_see(case: Case, user: dict[str, Any], doc: dict[str, Any]) -> bool:
    """enlace's access rule (see enlace.sharing.policy), without grants."""
    if rank(user["clearance"]) < rank(doc["classification"]):
        return False
    if not set(doc["compartments"]) <= set(user["compartments"]):
        return False
    if doc["owner"] in user["agencies"]:
        return True
    return bool(set(doc["releasable_to"]) & (set(user["agencies"]) | user_countries(case, user)))


def visible_files(case: Case, user: dict[str, Any]) -> set[str]:
    return {d["file"] for d in case["documents"] if may_see(case, user, d)}


def clabe_check_digit(first17: str) -> int:
    weights = (3, 7, 1) * 6
    return (10 - sum(int(d) * w % 10 for d, w in zip(first17, weights, strict=False)) % 10) % 10


def values(entity: dict[str, Any], prop: str) -> list[str]:
    found = (entity.get("properties") or {}).get(prop) or []
    return [v for v in found if isinstance(v, str)]


def is_sources(doc: dict[str, Any]) -> bool:
    return "SOURCES" in doc["compartments"]


# Checks on case.yml -----------------------------------------------------------------

def check_case(case: Case, root: Path = DATA) -> list[str]:
    """Shape of case.yml, agencies, users and document labels."""
    from followthemoney import registry  # here, so that enlace is imported first

    problems: list[str] = []
    if set(case) != CASE_KEYS:
        problems.append(f"case.yml keys are {sorted(case)}, expected {sorted(CASE_KEYS)}")
    for key in ("title", "description"):
        if not isinstance(case.get(key), str) or not case[key].strip():
            problems.append(f"case.yml needs a non-empty {key}")

    agencies: dict[str, str] = {}
    for agency in case.get("agencies") or []:
        if set(agency) != AGENCY_KEYS:
            problems.append(f"agency {agency}: keys must be {sorted(AGENCY_KEYS)}")
            continue
        code = agency["code"]
        if not isinstance(code, str) or not AGENCY_RE.match(code):
            problems.append(f"agency code {code!r} must be 3-16 capitals (2 are countries)")
        if code in agencies:
            problems.append(f"agency {code} is listed twice")
        if not isinstance(agency["country"], str) or not COUNTRY_RE.match(agency["country"]):
            problems.append(f"agency {code}: country {agency['country']!r} is not a code like MX")
        elif registry.country.clean(agency["country"]) is None:
            problems.append(f"agency {code}: {agency['country']!r} is not a country")
        if not str(agency["name"] or "").strip():
            problems.append(f"agency {code} needs a name")
        agencies[code] = agency["country"]
    targets = set(agencies) | set(agencies.values())

    users: dict[str, dict[str, Any]] = {}
    for user in case.get("users") or []:
        if set(user) != USER_KEYS:
            problems.append(f"user {user.get('name')}: keys must be {sorted(USER_KEYS)}")
            continue
        name = user["name"]
        if not isinstance(name, str) or not USER_RE.match(name):
            problems.append(f"user name {name!r} must look like ana.ruiz")
        if name in users:
            problems.append(f"user {name} is listed twice")
        users[name] = user
        if not str(user["full_name"] or "").strip():
            problems.append(f"user {name} needs a full_name")
        if not user["agencies"] or len(set(user["agencies"])) != len(user["agencies"]):
            problems.append(f"user {name} needs one or more distinct agencies")
        for code in user["agencies"] or []:
            if code not in agencies:
                problems.append(f"user {name}: unknown agency {code!r}")
        if user["clearance"] not in LEVELS:
            problems.append(f"user {name}: clearance {user['clearance']!r} not in {LEVELS}")
        for comp in user["compartments"]:
            if not compartment_ok(comp):
                problems.append(f"user {name}: unknown compartment {comp!r}")
        if not user["roles"] or not set(user["roles"]) <= set(ROLES):
            problems.append(f"user {name}: roles {user['roles']!r} must come from {ROLES}")

    files: set[str] = set()
    for doc in case.get("documents") or []:
        where = f"document {doc.get('file')}"
        if set(doc) != DOCUMENT_KEYS:
            problems.append(f"{where}: keys are {sorted(doc)}, expected {sorted(DOCUMENT_KEYS)}")
            continue
        file = doc["file"]
        if not isinstance(file, str) or not re.fullmatch(r"documents/[a-z0-9-]+\.jsonl", file):
            problems.append(f"{where}: file must be documents/<slug>.jsonl")
        elif not (root / file).is_file():
            problems.append(f"{where}: the file does not exist")
        if file in files:
            problems.append(f"{where}: listed twice")
        files.add(file)
        if not str(doc["title"] or "").strip():
            problems.append(f"{where}: needs a title")
        if doc["owner"] not in agencies:
            problems.append(f"{where}: unknown owner agency {doc['owner']!r}")
        if doc["classification"] not in LEVELS:
            problems.append(f"{where}: classification {doc['classification']!r} not in {LEVELS}")
        if doc["tlp"] not in TLP:
            problems.append(f"{where}: TLP {doc['tlp']!r} not in {TLP}")
        elif doc["tlp"] == "CLEAR" and doc["classification"] != "PUBLIC":
            problems.append(f"{where}: TLP:CLEAR is only for PUBLIC documents")
        if doc["language"] not in LANGUAGES:
            problems.append(f"{where}: language {doc['language']!r} not in {LANGUAGES}")
        comps = doc["compartments"]
        if not isinstance(comps, list) or len(set(comps)) != len(comps):
            problems.append(f"{where}: compartments must be a list without repeats")
            comps = []
        for comp in comps:
            if not compartment_ok(comp):
                problems.append(f"{where}: unknown compartment {comp!r}")
        rel = doc["releasable_to"]
        if not isinstance(rel, list) or not rel or len(set(rel)) != len(rel):
            problems.append(f"{where}: releasable_to must be a non-empty list without repeats")
            rel = []
        for target in rel:
            if target not in targets:
                problems.append(f"{where}: releasable to {target!r}, which is no agency code "
                                "and no agency's country")
        loader = users.get(doc["loaded_by"])
        if loader is None:
            problems.append(f"{where}: loaded_by {doc['loaded_by']!r} is not a user")
            continue
        if doc["owner"] not in loader["agencies"]:
            problems.append(f"{where}: {loader['name']} is not a member of {doc['owner']}")
        if (doc["classification"] in LEVELS and loader["clearance"] in LEVELS
                and rank(loader["clearance"]) < rank(doc["classification"])):
            problems.append(f"{where}: {loader['name']} is cleared only to "
                            f"{loader['clearance']}, below {doc['classification']}")
        missing = set(comps) - set(loader["compartments"])
        if missing:
            problems.append(f"{where}: {loader['name']} does not hold {sorted(missing)}")

    on_disk = {f"documents/{p.name}" for p in (root / "documents").glob("*.jsonl")}
    for orphan in sorted(on_disk - files):
        problems.append(f"{orphan} is not listed in case.yml")
    return problems


# Checks on entities -----------------------------------------------------------------

def check_entity(raw: Any, where: str) -> list[str]:
    """One line of a document file: a valid FtM entity whose every value cleans."""
    model = ftm_model()
    if not isinstance(raw, dict) or set(raw) != {"id", "schema", "properties"}:
        return [f"{where}: must be an object with exactly id, schema and properties"]
    eid, schema_name, props = raw["id"], raw["schema"], raw["properties"]
    where = f"{where} {eid}"
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None:
        return [f"{where}: unknown schema {schema_name!r}"]
    problems: list[str] = []
    if schema.abstract:
        problems.append(f"{where}: schema {schema.name} is abstract")
    if not isinstance(eid, str) or not ENTITY_ID_RE.match(eid):
        problems.append(f"{where}: ids are lower-case slugs such as p-rigoberto-salas")
    elif schema.name in ID_PREFIXES and not eid.startswith(ID_PREFIXES[schema.name]):
        problems.append(f"{where}: a {schema.name} id starts with {ID_PREFIXES[schema.name]}")
    if not isinstance(props, dict) or not props:
        return [*problems, f"{where}: properties must be a non-empty object"]
    try:
        proxy = model.get_proxy(raw, cleaned=False)  # silently drops what it cannot use
    except Exception as exc:  # a wrong shape of values, e.g. a number instead of a list
        return [*problems, f"{where}: FtM cannot read it ({exc})"]
    for name, vals in props.items():
        prop = schema.get(name)
        if prop is None:
            problems.append(f"{where}: {schema.name} has no property {name!r}")
            continue
        if prop.stub:
            problems.append(f"{where}: {name} is a reverse property; set it on the other side")
            continue
        if not isinstance(vals, list) or not vals:
            problems.append(f"{where}: {name} must be a non-empty list of strings")
            continue
        if len(set(map(str, vals))) != len(vals):
            problems.append(f"{where}: {name} repeats a value")
        kept = set(proxy.get(prop))
        for value in vals:
            if not isinstance(value, str) or not value.strip() or value != value.strip():
                problems.append(f"{where}: {name} value {value!r} must be a trimmed, "
                                "non-empty string")
                continue
            cleaned = prop.type.clean(value, proxy=proxy)
            if cleaned is None:
                problems.append(f"{where}: {name} value {value!r} is not a valid "
                                f"{prop.type.name}")
                continue
            if prop.type.name in CANONICAL_TYPES and cleaned != value:
                problems.append(f"{where}: write {name} value {value!r} as {cleaned!r}")
            if cleaned not in kept:
                problems.append(f"{where}: FtM dropped {name} value {value!r}")
    for name in sorted(schema.required):
        if not proxy.get(name):
            problems.append(f"{where}: {schema.name} requires {name}")
    if schema.is_a("BankAccount"):
        problems += check_bank_account(raw, where)
    return problems


def check_bank_account(raw: dict[str, Any], where: str) -> list[str]:
    """A Mexican account carries a valid CLABE whose bank code matches its bank name."""
    if values(raw, "country") != ["mx"]:
        return []
    problems: list[str] = []
    numbers = values(raw, "accountNumber")
    if len(numbers) != 1:
        return [f"{where}: a Mexican account needs exactly one accountNumber (its CLABE)"]
    clabe = numbers[0]
    if not re.fullmatch(r"\d{18}", clabe):
        return [f"{where}: CLABE {clabe!r} must be 18 digits"]
    if clabe_check_digit(clabe[:17]) != int(clabe[17]):
        problems.append(f"{where}: CLABE {clabe} has a wrong check digit "
                        f"(expected {clabe_check_digit(clabe[:17])})")
    bank = CLABE_BANKS.get(clabe[:3])
    if bank is None:
        problems.append(f"{where}: CLABE bank code {clabe[:3]} is not in CLABE_BANKS")
    elif values(raw, "bankName") != [bank]:
        problems.append(f"{where}: CLABE bank code {clabe[:3]} is {bank}, "
                        f"not {values(raw, 'bankName')}")
    return problems


def check_document_entities(file: str, entities: list[Any]) -> list[str]:
    """Every entity of one document is valid, its id unique, its references resolvable.

    A document is self-contained: whoever may see it sees every entity it links to.
    """
    problems: list[str] = []
    schemata: dict[str, str] = {}
    for number, raw in enumerate(entities, 1):
        where = f"{file}:{number}"
        problems += check_entity(raw, where)
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            if raw["id"] in schemata:
                problems.append(f"{where}: id {raw['id']} appears twice in the document")
            schemata[raw["id"]] = str(raw.get("schema"))
    if not entities:
        problems.append(f"{file}: holds no entities")
    model = ftm_model()
    for raw in entities:
        schema = model.get(str(raw.get("schema"))) if isinstance(raw, dict) else None
        if schema is None or not isinstance(raw.get("properties"), dict):
            continue
        for name in raw["properties"]:
            prop = schema.get(name)
            if prop is None or prop.type.name != "entity":
                continue
            for ref in values(raw, name):
                target = model.get(schemata.get(ref, ""))
                if target is None:
                    problems.append(f"{file} {raw['id']}: {name} points to {ref!r}, which is "
                                    "not in this document")
                elif prop.range is not None and not target.is_a(prop.range):
                    problems.append(f"{file} {raw['id']}: {name} needs a {prop.range.name}, "
                                    f"{ref} is a {target.name}")
    return problems


def check_across_documents(docs: Docs) -> list[str]:
    """One id means one thing: the same schema wherever it appears."""
    problems: list[str] = []
    seen: dict[str, tuple[str, str]] = {}
    for file, entities in docs.items():
        for raw in entities:
            if not isinstance(raw, dict):
                continue
            eid, schema = str(raw.get("id")), str(raw.get("schema"))
            if eid in seen and seen[eid][0] != schema:
                problems.append(f"{eid} is a {seen[eid][0]} in {seen[eid][1]} "
                                f"but a {schema} in {file}")
            seen.setdefault(eid, (schema, file))
    return problems


def check_sources_protected(case: Case, docs: Docs) -> list[str]:
    """What only SOURCES documents say to identify someone appears nowhere else.

    For every entity, identifying values stated under SOURCES that no other document
    states about the same entity must not occur in any non-SOURCES document; and no word
    of a person's name known only under SOURCES may appear in an id that a non-SOURCES
    document shows (ids are visible to everyone who sees any statement of an entity).
    """
    sources = {d["file"] for d in case["documents"] if is_sources(d)}
    inside: dict[str, set[str]] = defaultdict(set)
    inside_names: dict[str, set[str]] = defaultdict(set)  # of persons, for the id check
    outside: dict[str, set[str]] = defaultdict(set)
    for file, entities in docs.items():
        for raw in entities:
            for prop, vals in (raw.get("properties") or {}).items():
                if file in sources and prop in IDENTIFYING:
                    inside[raw["id"]].update(vals)
                    if raw["schema"] == "Person" and prop in PERSON_NAMES:
                        inside_names[raw["id"]].update(vals)
                elif file not in sources:
                    outside[raw["id"]].update(vals)
    secrets = {v for eid, vals in inside.items() for v in vals - outside[eid]}
    names = {v for eid, vals in inside_names.items() for v in vals - outside[eid]}
    words = {w for v in names for w in re.findall(r"[a-z]{3,}", fold(v))}
    problems: list[str] = []
    for file, entities in docs.items():
        if file in sources:
            continue
        for raw in entities:
            id_words = set(raw["id"].split("-"))
            for ref in entity_references(raw):
                id_words |= set(ref.split("-"))
            for word in sorted(id_words & words):
                problems.append(f"{file}: id {raw['id']} or a link in it contains {word!r}, "
                                "a word known only under SOURCES")
            for prop, vals in (raw.get("properties") or {}).items():
                for value in vals:
                    for secret in secrets:
                        if fold(secret) in fold(str(value)):
                            problems.append(f"{file} {raw['id']}: {prop} reveals {secret!r}, "
                                            "known only under SOURCES")
    return problems


def entity_references(raw: dict[str, Any]) -> list[str]:
    """The ids an entity links to."""
    schema = ftm_model().get(raw.get("schema", ""))
    if schema is None:
        return []
    refs: list[str] = []
    for name in raw.get("properties") or {}:
        prop = schema.get(name)
        if prop is not None and prop.type.name == "entity":
            refs += values(raw, name)
    return refs


def informants(case: Case, docs: Docs) -> dict[str, set[str]]:
    """Persons named in SOURCES documents and only under other names elsewhere.

    Maps each id to its names under SOURCES: the identities the demo protects.
    """
    by_file = {d["file"]: d for d in case["documents"]}
    real: dict[str, set[str]] = defaultdict(set)
    cover: dict[str, set[str]] = defaultdict(set)
    for file, entities in docs.items():
        for raw in entities:
            if raw["schema"] == "Person":
                names = set(values(raw, "name"))
                (real if is_sources(by_file[file]) else cover)[raw["id"]] |= names
    return {eid: names for eid, names in real.items()
            if cover.get(eid) and not names & cover[eid]}


def spanning_entities(case: Case, docs: Docs) -> dict[str, set[tuple[Any, ...]]]:
    """Entity ids stated by several documents, with the distinct labels they carry."""
    labels: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    files: dict[str, set[str]] = defaultdict(set)
    by_file = {d["file"]: d for d in case["documents"]}
    for file, entities in docs.items():
        for raw in entities:
            labels[raw["id"]].add(label_of(by_file[file]))
            files[raw["id"]].add(file)
    return {eid: labels[eid] for eid in labels if len(files[eid]) > 1}


# The tests on the real data ---------------------------------------------------------

def test_case_file_agencies_users_and_labels_are_valid(case: Case) -> None:
    assert check_case(case) == []


def test_every_document_file_parses(case: Case) -> None:
    problems: list[str] = []
    for doc in case["documents"]:
        problems += parse_jsonl(DATA / doc["file"])[1]
    assert problems == []


def test_every_entity_is_valid_ftm_with_clean_values(docs: Docs) -> None:
    problems: list[str] = []
    for file, entities in docs.items():
        problems += check_document_entities(file, entities)
    assert problems == []


def test_an_id_means_the_same_thing_in_every_document(docs: Docs) -> None:
    assert check_across_documents(docs) == []


def test_informant_identities_stay_under_sources(case: Case, docs: Docs) -> None:
    assert check_sources_protected(case, docs) == []


def test_the_case_is_big_enough_and_mixed(case: Case) -> None:
    documents, users = case["documents"], case["users"]
    assert len(users) >= 12
    assert len(documents) >= 12
    assert {d["language"] for d in documents} == set(LANGUAGES)
    assert any(is_sources(d) for d in documents)
    assert any("FININT" in d["compartments"] for d in documents)
    assert any(d["classification"] == "SECRET"
               and any(OPERATION_RE.match(c) for c in d["compartments"]) for d in documents)
    assert any(d["classification"] == "PUBLIC" for d in documents)
    operations = {c for d in documents for c in d["compartments"] if OPERATION_RE.match(c)}
    assert len(operations) == 1, f"one operation compartment, found {sorted(operations)}"
    countries = set(agency_countries(case).values())
    assert any(set(d["releasable_to"]) >= countries for d in documents), "nothing shared by all"
    for country in countries:  # something kept within each country
        assert any(set(d["releasable_to"]) <= {country} | {
            a["code"] for a in case["agencies"] if a["country"] == country} for d in documents)
    for agency in case["agencies"]:
        assert any(agency["code"] in u["agencies"] for u in users), agency["code"]
        assert any(d["owner"] == agency["code"] for d in documents), agency["code"]
    assert any(len(u["agencies"]) > 1 for u in users), "nobody belongs to two agencies"
    assert any("admin" in u["roles"] for u in users)
    assert any("compliance" in u["roles"] for u in users)


def test_some_entities_are_built_from_differently_labelled_documents(
        case: Case, docs: Docs) -> None:
    spanning = spanning_entities(case, docs)
    assert any(len(labels) > 1 for labels in spanning.values())
    assert any(len(labels) >= 4 for labels in spanning.values()), "no entity spans 4 labels"


def test_each_agency_sees_a_different_picture(case: Case) -> None:
    all_files = {d["file"] for d in case["documents"]}
    seen_by_agency: dict[str, set[str]] = defaultdict(set)
    for user in case["users"]:
        files = visible_files(case, user)
        assert files, f"{user['name']} sees nothing"
        assert files != all_files, f"{user['name']} sees everything"
        for code in user["agencies"]:
            seen_by_agency[code] |= files
    pictures = list(seen_by_agency.values())
    assert len(pictures) == len(case["agencies"])
    assert all(a != b for i, a in enumerate(pictures) for b in pictures[i + 1:])
    for doc in case["documents"]:
        assert may_see(case, _user(case, doc["loaded_by"]), doc), doc["file"]
        if not is_sources(doc):  # source reports may stay with their handler
            readers = [u["name"] for u in case["users"] if may_see(case, u, doc)]
            assert len(readers) >= 2, f"{doc['file']} is seen only by {readers}"


def test_an_informant_is_named_only_for_sources_holders(case: Case, docs: Docs) -> None:
    """Some Person is named in a SOURCES document and shown elsewhere under a cover name."""
    protected = informants(case, docs)
    assert protected, "no Person has a real name under SOURCES and a cover name elsewhere"
    for eid, real_names in protected.items():
        holders = visible_to_names(case, docs, real_names)
        assert holders, f"nobody sees the name of {eid}"
        for user in case["users"]:
            if user["name"] in holders:
                assert "SOURCES" in user["compartments"], (eid, user["name"])
        assert any("SOURCES" not in u["compartments"]
                   and any(eid in ids_in(docs[f]) for f in visible_files(case, u))
                   for u in case["users"]), f"nobody without SOURCES sees {eid} at all"


def visible_to_names(case: Case, docs: Docs, names: Iterable[str]) -> set[str]:
    wanted = set(names)
    return {u["name"] for u in case["users"]
            if any(wanted & set(values(raw, "name"))
                   for f in visible_files(case, u) for raw in docs[f])}


def ids_in(entities: list[Any]) -> set[str]:
    return {raw["id"] for raw in entities}


def test_the_labels_are_ones_the_default_marking_scheme_accepts(case: Case) -> None:
    from enlace.model.markings import MarkingScheme, compartment

    scheme = MarkingScheme.load()
    assert [lv.name for lv in scheme.levels] == list(LEVELS)
    for doc in case["documents"]:
        scheme.level(doc["classification"])
        assert scheme.tlp_colour(doc["tlp"]) == doc["tlp"]
        for comp in doc["compartments"]:
            assert compartment(comp) == comp
    for user in case["users"]:
        for role in user["roles"]:
            assert scheme.role(role) == role


# The checks can fail ----------------------------------------------------------------

def _entity(docs: Docs, eid: str) -> tuple[str, dict[str, Any]]:
    for file, entities in docs.items():
        for raw in entities:
            if raw["id"] == eid:
                return file, raw
    raise LookupError(eid)


def _first(docs: Docs, schema: str) -> tuple[str, dict[str, Any]]:
    for file, entities in docs.items():
        for raw in entities:
            if raw["schema"] == schema:
                return file, raw
    raise LookupError(schema)


def _doc_problems(docs: Docs) -> list[str]:
    return [p for f, e in docs.items() for p in check_document_entities(f, e)]


def _break_unknown_property(docs: Docs) -> None:
    _first(docs, "Person")[1]["properties"]["shoeSize"] = ["44"]


def _break_bad_date(docs: Docs) -> None:
    _first(docs, "Person")[1]["properties"]["birthDate"] = ["mañana"]


def _break_non_canonical_country(docs: Docs) -> None:
    _first(docs, "Organization")[1]["properties"]["country"] = ["MX"]


def _break_not_a_list(docs: Docs) -> None:
    _first(docs, "Payment")[1]["properties"]["amount"] = 61200


def _break_bad_country(docs: Docs) -> None:
    _first(docs, "Organization")[1]["properties"]["country"] = ["Narnia"]


def _break_empty_value(docs: Docs) -> None:
    _first(docs, "Person")[1]["properties"]["alias"] = [""]


def _break_clabe_check_digit(docs: Docs) -> None:
    raw = _first(docs, "BankAccount")[1]
    number = raw["properties"]["accountNumber"][0]
    raw["properties"]["accountNumber"] = [number[:17] + str((int(number[17]) + 1) % 10)]


def _break_clabe_bank(docs: Docs) -> None:
    _first(docs, "BankAccount")[1]["properties"]["bankName"] = ["Banco Imaginario"]


def _break_dangling_link(docs: Docs) -> None:
    _first(docs, "Membership")[1]["properties"]["member"] = ["p-nobody-at-all"]


def _break_wrong_range(docs: Docs) -> None:
    file, raw = _first(docs, "Membership")
    person = next(r for r in docs[file] if r["schema"] == "Person")
    raw["properties"]["organization"] = [person["id"]]


def _break_missing_required(docs: Docs) -> None:
    del _first(docs, "Person")[1]["properties"]["name"]


def _break_unknown_schema(docs: Docs) -> None:
    _first(docs, "Person")[1]["schema"] = "Pirate"


def _break_duplicate_id(docs: Docs) -> None:
    file, raw = _first(docs, "Person")
    docs[file].append(copy.deepcopy(raw))


@pytest.mark.parametrize("breaker", [
    _break_unknown_property, _break_bad_date, _break_non_canonical_country, _break_not_a_list,
    _break_bad_country,
    _break_empty_value, _break_clabe_check_digit, _break_clabe_bank, _break_dangling_link,
    _break_wrong_range, _break_missing_required, _break_unknown_schema, _break_duplicate_id,
])
def test_entity_checks_catch(docs: Docs, breaker: Any) -> None:
    broken = copy.deepcopy(docs)
    breaker(broken)
    assert _doc_problems(broken)


def test_schema_clash_across_documents_is_caught(docs: Docs) -> None:
    broken = copy.deepcopy(docs)
    file, raw = _first(broken, "Person")
    other = next(f for f in broken if f != file)
    broken[other].append({"id": raw["id"], "schema": "Company", "properties": {"name": ["X"]}})
    assert check_across_documents(broken)


def test_a_leaked_informant_name_is_caught(case: Case, docs: Docs) -> None:
    open_doc = next(d for d in case["documents"] if d["classification"] == "PUBLIC")
    real_name = sorted(next(iter(informants(case, docs).values())))[0]
    broken = copy.deepcopy(docs)
    broken[open_doc["file"]].append({"id": "nte-leak", "schema": "Note", "properties": {
        "name": ["Nota"], "description": [f"La fuente es {real_name}."]}})
    assert check_sources_protected(case, broken)
    broken = copy.deepcopy(docs)
    last = fold(real_name).split()[-1]
    broken[open_doc["file"]].append({"id": f"p-{last}", "schema": "Person",
                                     "properties": {"name": ["Persona"]}})
    assert check_sources_protected(case, broken)


def _user(case: Case, name: str) -> dict[str, Any]:
    return next(u for u in case["users"] if u["name"] == name)


@pytest.mark.parametrize("change", [
    {"loaded_by": "nobody.here"},
    {"classification": "TOP SECRET"},
    {"tlp": "PURPLE"},
    {"owner": "KGB"},
    {"releasable_to": ["ZZ"]},
    {"compartments": ["sources"]},
    {"language": "fr"},
    {"file": "documents/missing.jsonl"},
    {"tlp": "CLEAR", "classification": "SECRET"},
])
def test_label_checks_catch(case: Case, change: dict[str, Any]) -> None:
    broken = copy.deepcopy(case)
    broken["documents"][0].update(change)
    assert check_case(broken)


def test_a_loader_must_hold_the_label(case: Case) -> None:
    broken = copy.deepcopy(case)
    doc = next(d for d in broken["documents"] if d["compartments"])
    loader = _user(broken, doc["loaded_by"])
    loader["compartments"] = []
    assert any("does not hold" in p for p in check_case(broken))
    broken = copy.deepcopy(case)
    doc = next(d for d in broken["documents"] if d["classification"] == "SECRET")
    _user(broken, doc["loaded_by"])["clearance"] = "RESTRICTED"
    assert any("cleared only" in p for p in check_case(broken))
    broken = copy.deepcopy(case)
    doc = broken["documents"][0]
    doc["loaded_by"] = next(u["name"] for u in broken["users"]
                            if doc["owner"] not in u["agencies"])
    assert any("not a member" in p for p in check_case(broken))


def test_user_checks_catch(case: Case) -> None:
    changes: list[dict[str, Any]] = [
        {"agencies": ["NOPE"]}, {"clearance": "ULTRA"}, {"roles": ["god"]},
        {"compartments": ["op-marlin"]}, {"agencies": []},
    ]
    for change in changes:
        broken = copy.deepcopy(case)
        broken["users"][0].update(change)
        assert check_case(broken), change


def test_access_rule_matches_enlace_policy(case: Case) -> None:
    """The rule used above agrees with enlace.sharing.policy.decide on every pair."""
    from enlace.model.markings import Label
    from enlace.sharing.policy import Principal, decide

    countries = agency_countries(case)
    for number, user in enumerate(case["users"]):
        principal = Principal(number, user["name"], rank(user["clearance"]),
                              frozenset(user["compartments"]), frozenset(user["agencies"]),
                              frozenset(countries[a] for a in user["agencies"]))
        for doc in case["documents"]:
            label = Label(rank(doc["classification"]), frozenset(doc["compartments"]),
                          frozenset(doc["releasable_to"]), doc["owner"])
            assert bool(decide(principal, label)) == may_see(case, user, doc), (
                user["name"], doc["file"])


def test_the_focus_entity_is_a_person_in_the_case(case: Case, docs: Docs) -> None:
    focus = case["focus"]
    schemata = {e["schema"] for entities in docs.values() for e in entities if e["id"] == focus}
    assert schemata == {"Person"}


# The text documents (ingested through the pipeline) -------------------------------------

TEXT_KEYS = DOCUMENT_KEYS | {"date", "obtained_in"}
CLABE_RE = re.compile(r"(?<!\d)\d{18}(?!\d)")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_texts(case: Case, docs: Docs, root: Path = DATA) -> list[str]:
    """Labels, files, dates, CLABEs and informant names of the case's text documents."""
    problems: list[str] = []
    users = {u["name"]: u for u in case["users"]}
    protected = {n for names in informants(case, docs).values() for n in names}
    for item in case.get("texts") or []:
        where = item.get("file")
        if not set(DOCUMENT_KEYS) <= set(item) <= TEXT_KEYS:
            problems.append(f"{where}: keys are {sorted(item)}")
            continue
        path = root / str(item["file"])
        if not str(item["file"]).startswith("texts/") or not path.is_file():
            problems.append(f"{where}: no such file under texts/")
            continue
        text = path.read_text(encoding="utf-8")
        if item["language"] not in LANGUAGES:
            problems.append(f"{where}: language {item['language']!r}")
        if not DATE_RE.match(str(item["date"])):
            problems.append(f"{where}: date {item['date']!r} is not YYYY-MM-DD")
        if "obtained_in" in item and not COUNTRY_RE.match(str(item["obtained_in"])):
            problems.append(f"{where}: obtained_in {item['obtained_in']!r}")
        loader = users.get(item["loaded_by"])
        if loader is None or not may_see(case, loader, item) \
                or item["owner"] not in loader["agencies"]:
            problems.append(f"{where}: {item['loaded_by']} cannot load it under its label")
        for number in CLABE_RE.findall(text):
            if number[:3] not in CLABE_BANKS or clabe_check_digit(number[:17]) != int(number[17]):
                problems.append(f"{where}: {number} is not a valid CLABE")
        if not is_sources(item):
            problems += [f"{where}: names {name!r} outside SOURCES" for name in sorted(protected)
                         if fold(name) in fold(text)]
    return problems


def test_the_text_documents_are_valid(case: Case, docs: Docs) -> None:
    texts = case["texts"]
    assert len(texts) >= 30
    assert {t["language"] for t in texts} == set(LANGUAGES)
    assert any(is_sources(t) for t in texts)
    assert any(t.get("obtained_in") == "MX" and t["owner"] in ("DEA", "HSI") for t in texts)
    assert sum(len(CLABE_RE.findall((DATA / t["file"]).read_text(encoding="utf-8")))
               for t in texts) >= 5
    assert check_texts(case, docs) == []


@pytest.mark.parametrize("change", [
    {"loaded_by": "carlos.navarro"}, {"language": "fr"}, {"date": "mayo"},
    {"obtained_in": "Mexico"}, {"file": "texts/missing.md"},
])
def test_text_checks_catch(case: Case, docs: Docs, change: dict[str, Any]) -> None:
    broken = copy.deepcopy(case)
    broken["texts"][0].update(change)
    assert check_texts(broken, docs)


def test_text_checks_catch_a_bad_clabe_and_a_leaked_name(
        case: Case, docs: Docs, tmp_path: Path) -> None:
    name = sorted(next(iter(informants(case, docs).values())))[0]
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "bad.md").write_text(
        f"# Nota\n\nCuenta 012470019384756201 de {name}.\n", encoding="utf-8")
    broken = copy.deepcopy(case)
    open_text = next(t for t in broken["texts"] if not is_sources(t))
    open_text["file"] = "texts/bad.md"
    problems = check_texts({**broken, "texts": [open_text]}, docs, tmp_path)
    assert any("CLABE" in p for p in problems) and any("outside SOURCES" in p for p in problems)
