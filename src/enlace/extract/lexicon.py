"""Word lists kept as data (``data/patterns.yml`` plus ``titles.yml``), folded, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from enlace.extract.data_files import load_yaml
from enlace.extract.gazetteer import get_gazetteer
from enlace.extract.text import fold, fold_key

__all__ = ["Lexicon", "get_lexicon"]


def _words(raw: Any, key: str) -> frozenset[str]:
    vals = raw.get(key, []) if isinstance(raw, dict) else []
    return frozenset(fold_key(str(v)) for v in vals or [] if str(v).strip())


@dataclass(frozen=True)
class Lexicon:
    """Folded cue-word sets used to type spans."""

    group_words: frozenset[str]
    group_cues: frozenset[str]
    gov_words: frozenset[str]
    person_titles: frozenset[str]
    stop_names: frozenset[str]
    demonyms: frozenset[str]
    leader_roles: frozenset[str]
    member_roles: frozenset[str]
    crime_cues: frozenset[str] = frozenset()
    gov_heads_pre: tuple[str, ...] = ()
    gov_heads_post: tuple[str, ...] = ()
    gov_lone: tuple[str, ...] = ()
    place_cues: frozenset[str] = frozenset()
    place_patterns: tuple[str, ...] = ()
    first_names: frozenset[str] = frozenset()

    @cached_property
    def title_first_words(self) -> frozenset[str]:
        """First words of the titles (a cheap test before trying whole titles)."""
        return frozenset(t.split()[0] for t in self.person_titles if t)

    @cached_property
    def max_title_len(self) -> int:
        """The most words in one title."""
        return max((len(t.split()) for t in self.person_titles), default=1)


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The process-wide lexicon."""
    raw = load_yaml("patterns.yml") or {}
    gz = get_gazetteer()
    titles = set(_words(raw, "person_titles"))
    titles.update(fold_key(w) for w in gz.titles.words("official"))
    leader = frozenset(fold_key(w) for w in gz.titles.words("leader"))
    member = frozenset(fold_key(w) for w in gz.titles.words("member"))
    titles.update(leader)
    titles.update(member)
    return Lexicon(
        group_words=_words(raw, "group_words"),
        group_cues=_words(raw, "group_cues"),
        gov_words=_words(raw, "gov_words"),
        person_titles=frozenset(t for t in titles if t),
        stop_names=_words(raw, "stop_names"),
        demonyms=_words(raw, "demonyms"),
        leader_roles=leader,
        member_roles=member,
        crime_cues=_words(raw, "crime_cues"),
        gov_heads_pre=_raw_list(raw, "gov_heads_pre"),
        gov_heads_post=_raw_list(raw, "gov_heads_post"),
        gov_lone=_raw_list(raw, "gov_lone"),
        place_cues=_words(raw, "place_cues"),
        place_patterns=_raw_list(raw, "place_patterns"),
        first_names=_words(raw, "first_names"),
    )


def _raw_list(raw: Any, key: str) -> tuple[str, ...]:
    vals = raw.get(key, []) if isinstance(raw, dict) else []
    return tuple(str(v) for v in vals or [] if str(v).strip())


def folded_tokens(text: str) -> list[str]:
    """Folded word tokens of ``text`` (helper for cue checks)."""
    return fold_key(fold(text)).split()
