"""Within-document resolution: group mentions into entities.

Mentions are joined when

1. an alias construction links them ("X, alias Y", "Name (ACR)");
2. they resolve to the same gazetteer entry (group, agency or place);
3. they have the same surface and type;
4. a person's short form ("Guzmán", "Ovidio Guzmán", "Chapo Guzmán") fits exactly one
   fuller name of the document (tokens of the name and of its nicknames, accent- and
   case-insensitive).  A short form that fits two people — "Guzmán" beside "Joaquín
   Guzmán Loera" and "Ovidio Guzmán López" — is not merged and is dropped, rather than
   guessed;
5. an all-capitals acronym spells the initials of another entity of the same type.

Then every other occurrence in the text of a surface the entity is known by (its
mentions, aliases, and unambiguous surname forms for people) becomes a mention too,
longest surfaces first, never overlapping a mention already taken.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from enlace.extract.candidates import Cand
from enlace.extract.text import fold_key

__all__ = ["Cluster", "resolve_mentions"]

_CONNECTORS = frozenset({"de", "del", "la", "las", "los", "el", "y", "the", "of", "and", "e"})
_ARTICLES = frozenset({"el", "la", "los", "las", "the", "don", "dona"})
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "el",
        "la",
        "los",
        "las",
        "in",
        "en",
        "a",
        "an",
        "and",
        "y",
        "but",
        "pero",
        "when",
        "cuando",
        "after",
        "tras",
        "despues",
        "while",
        "mientras",
        "said",
        "dijo",
        "on",
        "el",
        "of",
        "de",
        "for",
        "para",
        "as",
        "como",
        "with",
        "con",
        "by",
        "por",
    ]
)


@dataclass
class Cluster:
    """One resolved entity: its mentions as ``(start, end)`` and naming."""

    type: str
    name: str
    aliases: list[str]
    spans: list[tuple[int, int]]
    gid: str | None = None
    values: list[str] = field(default_factory=list)


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def _name_tokens(s: str) -> list[str]:
    return [t for t in fold_key(s).split() if t not in _CONNECTORS and t.isalnum()]


def _initials(s: str) -> str:
    return "".join(t[0] for t in _name_tokens(s)).upper()


def resolve_mentions(text: str, cands: list[Cand], links: list[tuple[int, int]]) -> list[Cluster]:
    """Clusters of ``cands`` with their propagated mentions, in order of first mention."""
    n = len(cands)
    uf = _UF(n)
    surf = [text[c.start : c.end] for c in cands]
    for a, b in links:
        uf.union(a, b)
    by_key: dict[tuple[str, str], int] = {}
    for i, c in enumerate(cands):
        if c.gid:
            k = (c.type, "gid:" + c.gid)
            if k in by_key:
                uf.union(by_key[k], i)
            else:
                by_key[k] = i
        k2 = (c.type, "s:" + (c.value or fold_key(surf[i])))
        if k2 in by_key:
            uf.union(by_key[k2], i)
        else:
            by_key[k2] = i
    _join_person_short_forms(cands, surf, uf)
    _join_acronyms(cands, surf, uf)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)
    made = [_make_cluster(cands, surf, members) for members in groups.values()]
    clusters = [c for c in made if c is not None]
    _propagate(text, clusters)
    clusters.sort(key=lambda c: min(c.spans))
    return clusters


def _join_person_short_forms(cands: list[Cand], surf: list[str], uf: _UF) -> None:
    people = [i for i, c in enumerate(cands) if c.type == "PERSON"]
    bags: dict[int, set[str]] = defaultdict(set)
    full: dict[int, int] = defaultdict(int)  # root -> most name tokens of a full form

    def rebuild() -> None:
        bags.clear()
        full.clear()
        for i in people:
            r = uf.find(i)
            c = cands[i]
            toks = _name_tokens(c.name or surf[i])
            bags[r].update(toks)
            for a in c.aliases:
                bags[r].update(t for t in _name_tokens(a) if t not in _ARTICLES)
            if c.is_alias:
                bags[r].update(t for t in toks if t not in _ARTICLES)
            elif c.name is not None or len(toks) >= 2:
                full[r] = max(full[r], len(toks) + (1 if c.name else 0))

    rebuild()
    order = sorted(people, key=lambda i: -len(_name_tokens(cands[i].name or surf[i])))
    for i in order:
        c = cands[i]
        if c.name is not None or c.is_alias:
            continue
        toks = [t for t in _name_tokens(surf[i]) if t not in _ARTICLES]
        if not toks:
            continue
        own = uf.find(i)
        if full.get(own, 0) > len(toks):
            continue  # already part of a fuller entity
        fits = {
            r
            for r, bag in bags.items()
            if r != own and full.get(r, 0) > len(toks) and set(toks) <= bag
        }
        if len(fits) == 1:
            uf.union(next(iter(fits)), i)
            rebuild()
        elif len(fits) > 1:
            c.source = "ambiguous-short-form"


def _join_acronyms(cands: list[Cand], surf: list[str], uf: _UF) -> None:
    for i, c in enumerate(cands):
        s = surf[i].replace(".", "")
        if not (2 <= len(s) <= 8 and s.isalpha() and s.isupper()):
            continue
        for j, o in enumerate(cands):
            if j == i or o.type != c.type or uf.find(i) == uf.find(j):
                continue
            if len(_name_tokens(surf[j])) >= 2 and _initials(surf[j]) == s:
                uf.union(j, i)
                break


def _make_cluster(cands: list[Cand], surf: list[str], members: list[int]) -> Cluster | None:
    best = max(members, key=lambda i: (cands[i].prio, -cands[i].start))
    typ = cands[best].type
    ms = [i for i in members if cands[i].type == typ] or members
    if all(cands[i].source == "ambiguous-short-form" for i in ms):
        return None
    gid = next((cands[i].gid for i in ms if cands[i].gid), None)
    override = next((cands[i].name for i in ms if cands[i].name), None)
    full_forms = [i for i in ms if not cands[i].is_alias and not _acronymish(surf[i])]
    if override:
        name = override
    elif full_forms:
        pick = max(
            full_forms,
            key=lambda i: (
                not (surf[i].isupper() and len(surf[i]) > 4),  # "CULIACÁN" in a dateline
                len(_name_tokens(surf[i])),
                len(surf[i]),
                -cands[i].start,
            ),
        )
        name = surf[pick]
    else:
        name = surf[max(ms, key=lambda i: (len(surf[i]), -cands[i].start))]
    name = name.strip()
    name_toks = set(_name_tokens(name))
    aliases: list[str] = []
    for i in sorted(ms, key=lambda i: cands[i].start):
        for a in [*cands[i].aliases, surf[i]]:
            if a == name or a in aliases:
                continue
            is_alias = cands[i].is_alias or a in cands[i].aliases
            if typ == "PERSON":
                if not is_alias:
                    continue
            elif not is_alias and set(_name_tokens(a)) <= name_toks:
                continue
            aliases.append(a)
    values = sorted({v for i in ms if (v := cands[i].value)})
    spans = sorted({(cands[i].start, cands[i].end) for i in ms})
    return Cluster(typ, name, aliases, spans, gid, values)


def _acronymish(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and " " not in s and sum(c.isupper() for c in letters) >= 2


def _surname_forms(name: str) -> list[str]:
    words = [w for w in name.split() if w]
    if len(words) < 2:
        return []
    forms: list[str] = []
    for i in range(1, len(words)):
        for j in range(i + 1, len(words) + 1):
            part = words[i:j]
            if part[0].lower() in _CONNECTORS or part[-1].lower() in _CONNECTORS:
                continue
            forms.append(" ".join(part))
    forms.append(" ".join(words[:2]))
    if len(words) >= 3:
        forms.append(f"{words[0]} {words[-2]}" if len(words) >= 4 else " ".join(words[:2]))
    return forms


def _propagate(text: str, clusters: list[Cluster]) -> None:
    taken = sorted(sp for c in clusters for sp in c.spans)
    claims: dict[str, set[int]] = defaultdict(set)
    person_forms: set[str] = set()
    for idx, c in enumerate(clusters):
        if c.type in ("BANK_ACCOUNT", "PHONE"):
            continue
        forms = {text[s:e] for s, e in c.spans} | set(c.aliases) | {c.name}
        if c.type == "PERSON":
            short = set(_surname_forms(c.name)) - forms
            person_forms |= short
            forms |= short
        for f in forms:
            f = f.strip()
            if len(f) >= 3 or (len(f) >= 2 and f.isupper()):
                claims[f].add(idx)
    occupied = [False] * (len(text) + 1)
    for s, e in taken:
        for k in range(s, e):
            occupied[k] = True
    for form in sorted(claims, key=len, reverse=True):
        owners = claims[form]
        if len(owners) != 1:
            continue
        idx = next(iter(owners))
        if not form[0].isupper() and not form[0].isdigit():
            continue
        pos = text.find(form)
        while pos >= 0:
            s, e = pos, pos + len(form)
            pos = text.find(form, pos + 1)
            if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
                continue
            if any(occupied[s:e]):
                continue
            # a surname form must not be part of a longer capitalised name
            if form in person_forms and _glued_to_name(text, s, e):
                continue
            clusters[idx].spans.append((s, e))
            for k in range(s, e):
                occupied[k] = True
    for c in clusters:
        c.spans.sort()


def _glued_to_name(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 25) : start]
    after = text[end : end + 25]
    mb = re.search(r"([A-ZÁÉÍÓÚÑ][\w’'-]*)\s$", before)
    ma = re.match(r"\s([A-ZÁÉÍÓÚÑ][\w’'-]*)", after)
    if mb and fold_key(mb.group(1)) in _FUNCTION_WORDS:
        mb = None
    return bool(mb) or bool(ma)
