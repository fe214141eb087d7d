"""Gazetteer of criminal groups and government agencies, and a fast matcher over it.

Data comes from ``data/criminal_groups.yml`` and ``data/agencies.yml`` (and
``data/titles.yml`` for role words).  Names and aliases are matched accent- and
case-insensitively on a folded copy of the text (see :func:`enlace.extract.text.fold`),
acronyms case-sensitively on the original text.  Matching walks a token trie from every
token start and keeps the longest match, so it is linear in the text length.

Match strengths:

* ``strong``: a full name or alias; always accepted.
* ``acronym``: an unambiguous acronym ("CJNG", "DEA"), case-sensitive.
* ``weak``: a group's weak alias ("Sinaloa", "Golfo") or an agency's ambiguous acronym;
  the pipeline accepts it only with a cue nearby or when the same entry is
  otherwise named in the document.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any, TypeVar

from enlace.exceptions import InvalidData
from enlace.extract.data_files import load_yaml
from enlace.extract.text import TOKEN_RE, fold

__all__ = [
    "AgencyEntry",
    "Gazetteer",
    "GazetteerMatch",
    "GroupEntry",
    "PhraseIndex",
    "Titles",
    "get_gazetteer",
]


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Mapping):
        out: list[str] = []
        for v in value.values():
            out.extend(_strs(v))
        return tuple(out)
    if isinstance(value, Iterable):
        out2: list[str] = []
        for v in value:
            out2.extend(_strs(v))
        return tuple(out2)
    return (str(value),)


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class GroupEntry:
    """One criminal group of the gazetteer."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    kind: str | None = None
    parent: str | None = None
    successor_of: tuple[str, ...] = ()
    allies: tuple[str, ...] = ()
    rivals: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgencyEntry:
    """One government agency of the gazetteer."""

    id: str
    name: str
    names: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    ambiguous_acronyms: tuple[str, ...] = ()
    country: str | None = None
    kind: str | None = None
    parent: str | None = None
    valid_to: str | None = None


@dataclass(frozen=True)
class GazetteerMatch:
    """A gazetteer hit: offsets into the original text."""

    start: int
    end: int
    text: str
    type: str  # "CRIMINAL_GROUP" or "GOV_AGENCY"
    entry_id: str
    strength: str  # "strong", "acronym" or "weak"


@dataclass(frozen=True)
class Titles:
    """Role words from ``titles.yml``, folded, per language."""

    official: dict[str, tuple[str, ...]] = field(default_factory=dict)
    leader: dict[str, tuple[str, ...]] = field(default_factory=dict)
    member: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def words(self, kind: str, lang: str | None = None) -> tuple[str, ...]:
        table = {"official": self.official, "leader": self.leader, "member": self.member}[kind]
        if lang is None:
            return tuple(dict.fromkeys(w for ws in table.values() for w in ws))
        return table.get(lang, ())


_Payload = tuple[str, str, str]  # (type, entry_id, strength)
_RANK = {"strong": 3, "acronym": 2, "weak": 1}


class _Trie:
    __slots__ = ("root",)

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def add(self, toks: list[str], payload: _Payload) -> None:
        if not toks:
            return
        node = self.root
        for t in toks:
            node = node.setdefault(t, {})
        old = node.get("\0")
        if old is None or _RANK[payload[2]] > _RANK[old[2]]:
            node["\0"] = payload

    def longest(self, toks: list[str], i: int) -> tuple[int, _Payload] | None:
        """The longest entry starting at token ``i``: ``(end token, payload)``.

        Inside a name, a connector the entry does not have ("de", "del", "of") may be
        skipped, so "Cártel de Jalisco Nueva Generación" finds "Cártel Jalisco Nueva
        Generación"; the trie is walked along both readings.
        """
        best: tuple[int, _Payload] | None = None
        stack: list[tuple[dict[str, Any], int]] = [(self.root, i)]
        steps = 0
        while stack and steps < 256:
            steps += 1
            node, j = stack.pop()
            if j >= len(toks):
                continue
            nxt = node.get(toks[j])
            if nxt is not None:
                pay = nxt.get("\0")
                if pay is not None and (best is None or j + 1 > best[0]):
                    best = (j + 1, pay)
                stack.append((nxt, j + 1))
            if j > i and toks[j] in _SKIPPABLE and j + 1 < len(toks):
                stack.append((node, j + 1))
        return best


@lru_cache(maxsize=4)
def _token_spans(folded: str) -> list[tuple[int, int]]:
    """Token offsets of a folded text (cached: groups, agencies and places share them)."""
    return [(m.start(), m.end()) for m in TOKEN_RE.finditer(folded)]


def _toks(s: str) -> list[str]:
    return TOKEN_RE.findall(s)


_ARTICLES = {"the", "el", "la", "los", "las"}
_SKIPPABLE = frozenset({"de", "del", "of"})


class PhraseIndex:
    """Names folded into one trie, acronyms (case-sensitive) into another."""

    def __init__(self) -> None:
        self._folded = _Trie()
        self._cased = _Trie()

    def add(self, name: str, payload: _Payload) -> None:
        if not name or not name.strip():
            return
        if _looks_like_acronym(name):
            strength = "acronym" if payload[2] == "strong" else payload[2]
            self._cased.add(_toks(name), (payload[0], payload[1], strength))
            return
        toks = _toks(fold(name))
        self._folded.add(toks, payload)
        # "the Sinaloa Cartel" and "Sinaloa Cartel" are both fine; Spanish articles stay
        # ("Los Sinaloa" must not match "Sinaloa")
        if len(toks) > 1 and toks[0] == "the":
            self._folded.add(toks[1:], payload)

    def add_cased(self, name: str, payload: _Payload) -> None:
        self._cased.add(_toks(name), payload)

    def match(self, text: str, folded: str) -> list[GazetteerMatch]:
        """Longest, non-overlapping matches, left to right."""
        spans = _token_spans(folded)
        ftoks = [folded[s:e] for s, e in spans]
        ctoks = [text[s:e] for s, e in spans]
        out: list[GazetteerMatch] = []
        i = 0
        froot, croot = self._folded.root, self._cased.root
        while i < len(spans):
            if ftoks[i] not in froot and ctoks[i] not in croot:
                i += 1
                continue
            a = self._folded.longest(ftoks, i) if ftoks[i] in froot else None
            b = self._cased.longest(ctoks, i) if ctoks[i] in croot else None
            best = a
            if b is not None and (a is None or b[0] > a[0]):
                best = b
            if best is None:
                i += 1
                continue
            j, (typ, eid, strength) = best
            start, end = spans[i][0], spans[j - 1][1]
            # a lower-case article is not part of the name as the text gives it
            if j - i > 1 and ftoks[i] in _ARTICLES and ctoks[i].islower():
                start = spans[i + 1][0]
            out.append(GazetteerMatch(start, end, text[start:end], typ, eid, strength))
            i = j
        return out


class Gazetteer:
    """Groups, agencies and places, and the matchers built from them."""

    def __init__(
        self,
        groups: Iterable[GroupEntry],
        agencies: Iterable[AgencyEntry],
        titles: Titles | None = None,
        places: Iterable[tuple[str, tuple[str, ...], bool]] = (),
    ) -> None:
        self.groups: dict[str, GroupEntry] = {g.id: g for g in groups}
        self.agencies: dict[str, AgencyEntry] = {a.id: a for a in agencies}
        self.titles = titles or Titles()
        self.orgs = PhraseIndex()
        self.places = PhraseIndex()
        self.place_names: dict[str, str] = {}
        for g in self.groups.values():
            weak = {fold(w) for w in g.weak_aliases}
            for n in (g.name, *g.aliases):
                if fold(n) not in weak:
                    self.orgs.add(n, ("CRIMINAL_GROUP", g.id, "strong"))
            for n in g.weak_aliases:
                self.orgs.add(n, ("CRIMINAL_GROUP", g.id, "weak"))
        for a in self.agencies.values():
            for n in (a.name, *a.names):
                self.orgs.add(n, ("GOV_AGENCY", a.id, "strong"))
            for n in a.acronyms:
                self.orgs.add_cased(n, ("GOV_AGENCY", a.id, "acronym"))
            for n in a.ambiguous_acronyms:
                self.orgs.add_cased(n, ("GOV_AGENCY", a.id, "weak"))
        for pid, names, is_weak in places:
            if names:
                self.place_names[pid] = names[0]
            for n in names:
                self.places.add(n, ("LOCATION", pid, "weak" if is_weak else "strong"))

    def entry_name(self, entry_id: str) -> str | None:
        if entry_id in self.groups:
            return self.groups[entry_id].name
        if entry_id in self.agencies:
            return self.agencies[entry_id].name
        return self.place_names.get(entry_id)

    def match(self, text: str, folded: str | None = None) -> list[GazetteerMatch]:
        """Group and agency matches in ``text`` (longest first, no overlaps)."""
        return self.orgs.match(text, fold(text) if folded is None else folded)

    def match_places(self, text: str, folded: str | None = None) -> list[GazetteerMatch]:
        """Place matches in ``text``; folded names must start with a capital in the text."""
        found = self.places.match(text, fold(text) if folded is None else folded)
        return [m for m in found if m.text[:1].isupper()]


def _looks_like_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    if not letters or " " in name.strip():
        return False
    upper = sum(1 for c in letters if c.isupper())
    return (upper >= 2 and upper >= len(letters) - 1) or name.isupper()


_Entry = TypeVar("_Entry", GroupEntry, AgencyEntry)


def _entry(cls: type[_Entry], d: Mapping[str, Any]) -> _Entry:
    """A gazetteer entry from its YAML mapping: every field after ``id`` and ``name`` is
    read by its key, as one optional string (default ``None``) or a tuple of strings."""
    values: dict[str, Any] = {"id": str(d["id"]), "name": str(d.get("name") or d["id"])}
    for f in fields(cls):
        if f.name not in values:
            values[f.name] = _opt(d.get(f.name)) if f.default is None else _strs(d.get(f.name))
    return cls(**values)


def _entries(raw: Any, key: str) -> list[Mapping[str, Any]]:
    if raw is None:
        return []
    if isinstance(raw, Mapping):
        raw = raw.get(key, raw.get("entries", []))
    if not isinstance(raw, list):
        raise InvalidData(f"The gazetteer file for {key} must hold a list of entries.")
    return [d for d in raw if isinstance(d, Mapping) and d.get("id")]


def _titles(raw: Any) -> Titles:
    if not isinstance(raw, Mapping):
        return Titles()

    def table(key: str) -> dict[str, tuple[str, ...]]:
        val = raw.get(key) or {}
        if not isinstance(val, Mapping):
            return {"en": tuple(fold(w) for w in _strs(val))}
        return {str(k): tuple(fold(w) for w in _strs(v)) for k, v in val.items()}

    return Titles(
        official=table("official_titles"),
        leader=table("leader_roles"),
        member=table("member_roles"),
    )


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _cached() -> Gazetteer:
    groups = [_entry(GroupEntry, d) for d in _entries(load_yaml("criminal_groups.yml"), "groups")]
    agencies = [_entry(AgencyEntry, d) for d in _entries(load_yaml("agencies.yml"), "agencies")]
    places = [
        (str(d["id"]), _strs(d.get("names")), bool(d.get("weak")))
        for d in _entries(load_yaml("locations.yml"), "locations")
    ]
    return Gazetteer(groups, agencies, _titles(load_yaml("titles.yml")), places)


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    with _LOCK:
        return _cached()
