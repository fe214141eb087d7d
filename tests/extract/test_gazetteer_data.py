"""Checks on the curated gazetteer data files used by the extraction layer.

The YAML files are hand-edited, so these tests guard their shape and consistency: counts,
unique ids, references that resolve, alias and acronym collisions, allowed codes and kinds,
and no empty strings. Each checker is a plain function returning a list of problems, and is
itself tested on small bad inputs so that the data tests cannot pass vacuously.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from followthemoney import registry

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "enlace" / "extract" / "data"

MIN_GROUPS = 150
MIN_AGENCIES = 120
MIN_TITLES_PER_LIST = 40
REQUIRED_TITLE_LANGS = ("en", "es")

GROUP_KINDS = frozenset(
    {
        "cartel",
        "faction",
        "cell",
        "gang",
        "guerrilla",
        "paramilitary",
        "militia",
        "prison_gang",
        "mafia",
        "armed_wing",
    }
)
AGENCY_KINDS = frozenset(
    {
        "police",
        "military",
        "justice",
        "prosecutor",
        "court",
        "intelligence",
        "finance",
        "customs",
        "migration",
        "ministry",
        "prison",
        "international",
    }
)
TOPICS = frozenset(
    {
        "crime",
        "crime.traffick.drug",
        "crime.traffick.human",
        "crime.fin",
        "crime.theft",
        "crime.boss",
        "crime.terror",
        "crime.war",
    }
)
GROUP_REF_FIELDS = ("successor_of", "allies", "rivals")
GROUP_STRING_LISTS = ("aliases", "weak_aliases")
GROUP_KEYS = frozenset(
    {
        "id",
        "name",
        "aliases",
        "weak_aliases",
        "countries",
        "kind",
        "parent",
        "successor_of",
        "allies",
        "rivals",
        "topics",
        "active_from",
    }
)
GROUP_REQUIRED = frozenset({"id", "name", "countries", "kind", "topics"})
AGENCY_KEYS = frozenset(
    {
        "id",
        "name",
        "names",
        "acronyms",
        "ambiguous_acronyms",
        "country",
        "kind",
        "parent",
        "valid_to",
    }
)
AGENCY_REQUIRED = frozenset({"id", "name", "country", "kind"})
TITLE_SECTIONS = ("official_titles", "leader_roles", "member_roles")

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[a-z]{2}$")
FIRST_YEAR = 1900
THIS_YEAR = datetime.date.today().year


# ---------------------------------------------------------------------------------------------
# helpers and checkers (pure functions, each returns a list of problems)
# ---------------------------------------------------------------------------------------------
def fold(text: str) -> str:
    """Case- and accent-fold a string and collapse whitespace, as the matcher compares."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def load(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def walk_strings(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (path, leaf) for every scalar leaf of a loaded YAML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk_strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_strings(value, f"{path}[{index}]")
    else:
        yield path, node


def find_empty_strings(doc: Any) -> list[str]:
    return [
        path
        for path, leaf in walk_strings(doc)
        if isinstance(leaf, str) and (not leaf.strip() or leaf != leaf.strip())
    ]


def find_duplicate_ids(entries: Iterable[dict[str, Any]]) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for entry in entries:
        ident = str(entry.get("id"))
        if ident in seen:
            dupes.append(ident)
        seen.add(ident)
    return dupes


def find_bad_ids(entries: Iterable[dict[str, Any]]) -> list[str]:
    return [
        repr(e.get("id"))
        for e in entries
        if not isinstance(e.get("id"), str) or not ID_RE.match(e["id"])
    ]


def find_dangling_group_refs(groups: list[dict[str, Any]]) -> list[str]:
    ids = {g["id"] for g in groups}
    problems = []
    for group in groups:
        parent = group.get("parent")
        if parent is not None and parent not in ids:
            problems.append(f"{group['id']}.parent -> {parent}")
        if parent == group["id"]:
            problems.append(f"{group['id']}.parent is itself")
        for field in GROUP_REF_FIELDS:
            for ref in _as_list(group.get(field)):
                if ref not in ids:
                    problems.append(f"{group['id']}.{field} -> {ref}")
                if ref == group["id"]:
                    problems.append(f"{group['id']}.{field} refers to itself")
    return problems


def find_ally_rival_conflicts(groups: list[dict[str, Any]]) -> list[str]:
    return [
        f"{g['id']}: {sorted(set(_as_list(g.get('allies'))) & set(_as_list(g.get('rivals'))))}"
        for g in groups
        if set(_as_list(g.get("allies"))) & set(_as_list(g.get("rivals")))
    ]


def find_parent_cycles(entries: list[dict[str, Any]]) -> list[str]:
    parents = {e["id"]: e.get("parent") for e in entries}
    problems = []
    for start in parents:
        seen = {start}
        node = parents.get(start)
        while node is not None:
            if node in seen:
                problems.append(start)
                break
            seen.add(node)
            node = parents.get(node)
    return problems


def group_surface_forms(group: dict[str, Any]) -> tuple[set[str], set[str]]:
    """Folded (strong, weak) surface forms of a group; a name listed as weak counts as weak."""
    weak = {fold(a) for a in _as_list(group.get("weak_aliases"))}
    strong = {fold(a) for a in [group["name"], *_as_list(group.get("aliases"))]} - weak
    return strong, weak


def find_alias_collisions(groups: list[dict[str, Any]]) -> list[str]:
    """A folded string used by two groups must be weak in at least one of them."""
    owners: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for group in groups:
        strong, weak = group_surface_forms(group)
        for form in strong:
            owners[form].append((group["id"], True))
        for form in weak:
            owners[form].append((group["id"], False))
    problems = []
    for form, users in owners.items():
        # Two groups may share a form only if at most one of them holds it as a strong alias.
        strong_users = sorted({gid for gid, is_strong in users if is_strong})
        if len(strong_users) > 1:
            problems.append(f"{form!r}: {sorted({gid for gid, _ in users})}")
    return problems


def find_strong_weak_overlap(groups: list[dict[str, Any]]) -> list[str]:
    """Within one group, an alias may not be listed both as strong and as weak."""
    problems = []
    for group in groups:
        strong = {fold(a) for a in _as_list(group.get("aliases"))}
        weak = {fold(a) for a in _as_list(group.get("weak_aliases"))}
        if strong & weak:
            problems.append(f"{group['id']}: {sorted(strong & weak)}")
    return problems


def find_exact_duplicates_in_lists(
    entries: list[dict[str, Any]], fields: Iterable[str]
) -> list[str]:
    problems = []
    for entry in entries:
        for field in fields:
            values = _as_list(entry.get(field))
            dupes = sorted({v for v in values if values.count(v) > 1}, key=str)
            if dupes:
                problems.append(f"{entry['id']}.{field}: {dupes}")
    return problems


def find_acronym_collisions(agencies: list[dict[str, Any]]) -> list[str]:
    """An acronym may identify only one agency on its own; others must list it as ambiguous."""
    owners: dict[str, list[str]] = defaultdict(list)
    for agency in agencies:
        for acronym in {fold(a) for a in _as_list(agency.get("acronyms"))}:
            owners[acronym].append(agency["id"])
    return [f"{acr!r}: {ids}" for acr, ids in owners.items() if len(ids) > 1]


def find_acronym_self_overlap(agencies: list[dict[str, Any]]) -> list[str]:
    problems = []
    for agency in agencies:
        strong = {fold(a) for a in _as_list(agency.get("acronyms"))}
        weak = {fold(a) for a in _as_list(agency.get("ambiguous_acronyms"))}
        if strong & weak:
            problems.append(f"{agency['id']}: {sorted(strong & weak)}")
    return problems


def find_agency_name_collisions(agencies: list[dict[str, Any]]) -> list[str]:
    """Within a country, a full name may belong to one agency only."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for agency in agencies:
        for name in [agency["name"], *_as_list(agency.get("names"))]:
            owners[(agency["country"], fold(name))].add(agency["id"])
    return [f"{key}: {sorted(ids)}" for key, ids in owners.items() if len(ids) > 1]


def find_dangling_agency_parents(agencies: list[dict[str, Any]]) -> list[str]:
    ids = {a["id"] for a in agencies}
    return [
        f"{a['id']}.parent -> {a.get('parent')}"
        for a in agencies
        if a.get("parent") is not None and (a["parent"] not in ids or a["parent"] == a["id"])
    ]


def is_country(code: Any, allow_int: bool = False) -> bool:
    if not isinstance(code, str):
        return False
    if allow_int and code == "int":
        return True
    return bool(COUNTRY_RE.match(code)) and code != "zz" and code in registry.country.names


def find_schema_problems(
    entries: list[dict[str, Any]],
    allowed: frozenset[str],
    required: frozenset[str],
    string_lists: Iterable[str],
) -> list[str]:
    problems = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(f"[{index}] is not a mapping")
            continue
        label = entry.get("id", f"[{index}]")
        extra = set(entry) - allowed
        missing = required - set(entry)
        if extra:
            problems.append(f"{label}: unknown keys {sorted(extra)}")
        if missing:
            problems.append(f"{label}: missing keys {sorted(missing)}")
        if not isinstance(entry.get("name"), str):
            problems.append(f"{label}: name is not a string")
        for field in string_lists:
            value = entry.get(field)
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{label}.{field} must be a list of strings: {value!r}")
    return problems


# ---------------------------------------------------------------------------------------------
# fixtures
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def groups() -> list[dict[str, Any]]:
    data = load("criminal_groups.yml")
    assert isinstance(data, list), "criminal_groups.yml must be a list of entries"
    return data


@pytest.fixture(scope="module")
def agencies() -> list[dict[str, Any]]:
    data = load("agencies.yml")
    assert isinstance(data, list), "agencies.yml must be a list of entries"
    return data


@pytest.fixture(scope="module")
def titles() -> dict[str, Any]:
    data = load("titles.yml")
    assert isinstance(data, dict), "titles.yml must be a mapping"
    return data


# ---------------------------------------------------------------------------------------------
# the checkers themselves catch bad data
# ---------------------------------------------------------------------------------------------
def _group(ident: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "name": name,
        "countries": ["mx"],
        "kind": "cartel",
        "topics": ["crime"],
    } | extra


def test_fold_ignores_case_accents_and_spacing() -> None:
    assert fold("  Cártel  de JUÁREZ ") == fold("cartel de juarez") == "cartel de juarez"
    assert fold("Ñetas") == "netas"


def test_alias_collision_checker_flags_shared_strong_alias() -> None:
    bad = [_group("a", "Los Rojos"), _group("b", "Grupo B", aliases=["los rojos"])]
    assert find_alias_collisions(bad) != []
    accented = [_group("a", "Cártel X"), _group("b", "Grupo B", aliases=["CARTEL X"])]
    assert find_alias_collisions(accented) != []


def test_alias_collision_checker_accepts_weak_on_one_side() -> None:
    ok = [_group("a", "Los Rojos"), _group("b", "Grupo B", weak_aliases=["Los Rojos"])]
    assert find_alias_collisions(ok) == []
    both_weak = [
        _group("a", "Los Rojos", weak_aliases=["Los Rojos"]),
        _group("b", "Los Rojos", weak_aliases=["Los Rojos"]),
    ]
    assert find_alias_collisions(both_weak) == []


def test_reference_and_id_checkers_flag_bad_data() -> None:
    bad = [
        _group("a", "A", parent="missing"),
        _group("b", "B", rivals=["b"], allies=["a"]),
        _group("b", "B2"),
        _group("Bad Id", "C"),
    ]
    assert find_dangling_group_refs(bad)
    assert find_duplicate_ids(bad) == ["b"]
    assert find_bad_ids(bad) == ["'Bad Id'"]
    cyclic = [_group("x", "X", parent="y"), _group("y", "Y", parent="x")]
    assert find_parent_cycles(cyclic)
    conflicted = [_group("p", "P", allies=["q"], rivals=["q"]), _group("q", "Q")]
    assert find_ally_rival_conflicts(conflicted)


def test_acronym_and_empty_string_checkers_flag_bad_data() -> None:
    bad = [
        {"id": "mx-fgr", "name": "A", "country": "mx", "kind": "prosecutor", "acronyms": ["FGR"]},
        {"id": "sv-fgr", "name": "B", "country": "sv", "kind": "prosecutor", "acronyms": ["fgr"]},
    ]
    assert find_acronym_collisions(bad)
    bad[1]["ambiguous_acronyms"] = bad[1].pop("acronyms")
    assert find_acronym_collisions(bad) == []
    assert find_empty_strings({"a": ["x", ""], "b": {"c": "  "}, "d": " padded"}) == [
        "a[1]",
        "b.c",
        "d",
    ]
    assert find_schema_problems(
        [{"id": "x", "name": "X", "aliases": ["ok", 18], "colour": "red"}],
        GROUP_KEYS,
        GROUP_REQUIRED,
        GROUP_STRING_LISTS,
    )


def test_country_checker() -> None:
    assert is_country("mx")
    assert not is_country("MX")
    assert not is_country("mex")
    assert not is_country("zz")
    assert not is_country("int")
    assert is_country("int", allow_int=True)


# ---------------------------------------------------------------------------------------------
# criminal_groups.yml
# ---------------------------------------------------------------------------------------------
def test_group_count(groups: list[dict[str, Any]]) -> None:
    assert len(groups) >= MIN_GROUPS


def test_group_schema(groups: list[dict[str, Any]]) -> None:
    string_lists = (*GROUP_STRING_LISTS, "countries", "topics", *GROUP_REF_FIELDS)
    assert find_schema_problems(groups, GROUP_KEYS, GROUP_REQUIRED, string_lists) == []


def test_group_ids_unique_and_slugs(groups: list[dict[str, Any]]) -> None:
    assert find_duplicate_ids(groups) == []
    assert find_bad_ids(groups) == []


def test_group_references_resolve(groups: list[dict[str, Any]]) -> None:
    assert find_dangling_group_refs(groups) == []
    assert find_parent_cycles(groups) == []
    assert find_ally_rival_conflicts(groups) == []


def test_group_aliases_do_not_collide(groups: list[dict[str, Any]]) -> None:
    assert find_alias_collisions(groups) == []


def test_group_aliases_are_consistent_within_entry(groups: list[dict[str, Any]]) -> None:
    assert find_strong_weak_overlap(groups) == []
    assert (
        find_exact_duplicates_in_lists(groups, (*GROUP_STRING_LISTS, "countries", "topics")) == []
    )
    redundant = [g["id"] for g in groups if g["name"] in _as_list(g.get("aliases"))]
    assert redundant == [], "the canonical name should not be repeated in aliases"


def test_group_countries(groups: list[dict[str, Any]]) -> None:
    bad = [(g["id"], c) for g in groups for c in _as_list(g.get("countries")) if not is_country(c)]
    assert bad == []
    assert [g["id"] for g in groups if not g.get("countries")] == []


def test_group_kinds_and_topics(groups: list[dict[str, Any]]) -> None:
    assert [(g["id"], g.get("kind")) for g in groups if g.get("kind") not in GROUP_KINDS] == []
    bad_topics = [
        (g["id"], t) for g in groups for t in _as_list(g.get("topics")) if t not in TOPICS
    ]
    assert bad_topics == []
    assert all(t in registry.topic.names for t in TOPICS)
    assert [g["id"] for g in groups if not g.get("topics")] == []


def test_group_parent_matches_kind(groups: list[dict[str, Any]]) -> None:
    # Factions, cells and armed wings normally hang off a parent; a parent on a top-level
    # cartel or guerrilla would be a data error.
    standalone = {"cartel", "guerrilla", "prison_gang", "mafia"}
    wrong = [g["id"] for g in groups if g.get("parent") and g["kind"] in standalone]
    assert wrong == []


def test_group_years(groups: list[dict[str, Any]]) -> None:
    bad = [
        (g["id"], g["active_from"])
        for g in groups
        if "active_from" in g
        and not (
            isinstance(g["active_from"], int)
            and not isinstance(g["active_from"], bool)
            and FIRST_YEAR <= g["active_from"] <= THIS_YEAR
        )
    ]
    assert bad == []


def test_group_no_empty_strings(groups: list[dict[str, Any]]) -> None:
    assert find_empty_strings(groups) == []


@pytest.mark.parametrize(
    ("alias", "group_id"),
    [
        ("CJNG", "cjng"),
        ("Cartel de Sinaloa", "sinaloa"),
        ("Clan del Golfo", "clan-del-golfo"),
        ("Primeiro Comando da Capital", "pcc"),
        ("MS-13", "ms13"),
        ("Tren de Aragua", "tren-de-aragua"),
    ],
)
def test_well_known_aliases_resolve(
    groups: list[dict[str, Any]], alias: str, group_id: str
) -> None:
    matches = [g["id"] for g in groups if fold(alias) in group_surface_forms(g)[0]]
    assert matches == [group_id]


# ---------------------------------------------------------------------------------------------
# agencies.yml
# ---------------------------------------------------------------------------------------------
def test_agency_count(agencies: list[dict[str, Any]]) -> None:
    assert len(agencies) >= MIN_AGENCIES


def test_agency_schema(agencies: list[dict[str, Any]]) -> None:
    string_lists = ("names", "acronyms", "ambiguous_acronyms")
    assert find_schema_problems(agencies, AGENCY_KEYS, AGENCY_REQUIRED, string_lists) == []


def test_agency_ids_unique_and_slugs(agencies: list[dict[str, Any]]) -> None:
    assert find_duplicate_ids(agencies) == []
    assert find_bad_ids(agencies) == []


def test_agency_parents_resolve(agencies: list[dict[str, Any]]) -> None:
    assert find_dangling_agency_parents(agencies) == []
    assert find_parent_cycles(agencies) == []


def test_agency_countries_and_kinds(agencies: list[dict[str, Any]]) -> None:
    assert [(a["id"], a["country"]) for a in agencies if not is_country(a["country"], True)] == []
    assert [(a["id"], a["kind"]) for a in agencies if a["kind"] not in AGENCY_KINDS] == []


def test_agency_acronyms_do_not_collide(agencies: list[dict[str, Any]]) -> None:
    assert find_acronym_collisions(agencies) == []
    assert find_acronym_self_overlap(agencies) == []


def test_agency_names_unique_within_country(agencies: list[dict[str, Any]]) -> None:
    assert find_agency_name_collisions(agencies) == []
    fields = ("names", "acronyms", "ambiguous_acronyms")
    assert find_exact_duplicates_in_lists(agencies, fields) == []


def test_agency_valid_to(agencies: list[dict[str, Any]]) -> None:
    bad = [
        (a["id"], a["valid_to"])
        for a in agencies
        if a.get("valid_to") is not None
        and not (
            isinstance(a["valid_to"], int)
            and not isinstance(a["valid_to"], bool)
            and FIRST_YEAR <= a["valid_to"] <= THIS_YEAR
        )
    ]
    assert bad == []


def test_agency_no_empty_strings(agencies: list[dict[str, Any]]) -> None:
    assert find_empty_strings(agencies) == []


def test_shared_acronym_is_resolved_deliberately(agencies: list[dict[str, Any]]) -> None:
    by_id = {a["id"]: a for a in agencies}
    assert "FGR" in by_id["mx-fgr"]["acronyms"]
    assert "FGR" in by_id["sv-fgr"].get("ambiguous_acronyms", [])
    assert by_id["mx-pgr"].get("valid_to") == 2018
    assert by_id["mx-cisen"].get("valid_to") == 2018
    assert by_id["mx-policia-federal"].get("valid_to") == 2019


# ---------------------------------------------------------------------------------------------
# titles.yml
# ---------------------------------------------------------------------------------------------
def test_titles_structure(titles: dict[str, Any]) -> None:
    assert set(titles) == set(TITLE_SECTIONS)
    for section in TITLE_SECTIONS:
        langs = titles[section]
        assert isinstance(langs, dict), section
        for lang in REQUIRED_TITLE_LANGS:
            assert lang in langs, f"{section}.{lang} missing"
        for lang, values in langs.items():
            assert re.match(r"^[a-z]{2}$", lang), f"{section}: bad language code {lang!r}"
            assert isinstance(values, list), f"{section}.{lang}"
            assert all(isinstance(v, str) for v in values), f"{section}.{lang}"


def test_titles_counts(titles: dict[str, Any]) -> None:
    short = [
        (section, lang, len(titles[section][lang]))
        for section in TITLE_SECTIONS
        for lang in REQUIRED_TITLE_LANGS
        if len(titles[section][lang]) < MIN_TITLES_PER_LIST
    ]
    assert short == []


def test_titles_clean(titles: dict[str, Any]) -> None:
    assert find_empty_strings(titles) == []
    not_lower = [v for _, v in walk_strings(titles) if isinstance(v, str) and v != v.lower()]
    assert not_lower == []
    dupes = [
        (section, lang, v)
        for section in TITLE_SECTIONS
        for lang, values in titles[section].items()
        for v in set(values)
        if values.count(v) > 1
    ]
    assert dupes == []


def test_titles_official_and_member_lists_disjoint(titles: dict[str, Any]) -> None:
    # A word that marks an official must not also mark a gang member in the same language.
    overlap = []
    for lang, officials in titles["official_titles"].items():
        members = set(titles["member_roles"].get(lang, []))
        overlap += [(lang, t) for t in officials if t in members]
    assert overlap == []
