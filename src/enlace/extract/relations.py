"""Relations stated in a sentence, from patterns kept as data.

Patterns (``data/relation_patterns.yml``) relate two entity mentions of one sentence by
the text between them (and optionally just before or after them), on the accent-folded
text.  Role words from ``titles.yml`` (leader and member roles) extend the macros.  A
pattern applies to coordinated mentions as well: in "X and Y, leaders of Z" both X and
Y lead Z, and "operates in Jalisco, Michoacán and Colima" gives three places.

Beyond pairs: reciprocal list patterns ("X, Y y Z se disputan...": every pair rivals),
anaphoric roles ("Su líder, X": X leads the group named last), group anaphors ("su
grupo", "the cartel" stand for the last group named), and one sentence-level
co-occurrence rule for OPERATES_IN (a group and a place in a sentence about activity,
each place paired with the nearest group and whatever is coordinated with it; places in
datelines, places that speak ("Washington said"), court venues and sentences about what
happened to a person are left out).  An end followed by a possessive ("Guzmán's partner
X") or another entity of the same type in between blocks a pair pattern.

The gazetteer's parents, allies and rivals are never used to emit a relation (nor, so
far, to break ties: patterns are tried in file order and the first that fits wins).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from enlace.extract.events import EntityMention
from enlace.extract.gazetteer import Gazetteer, load_yaml
from enlace.extract.model import RELATION_TYPES, ExtractedRelation
from enlace.extract.text import fold

__all__ = ["RelationPattern", "detect_relations", "load_patterns"]

MAX_GAP = 160
_COORD = re.compile(
    r"\s*(?:,|;|,?\s*(?:and|y|e|as well as|asi como|and of|y de|y del|and his|and her|y su))\s*"
    r"(?:(?:brother|brothers|son|sons|hermano|hermanos|hijo|hijos|partner|socio)\s+)?"
    r"(?:(?:remnants of|remanentes de|members of|miembros de|cells of|celulas de)\s+)?"
    r"(?:the\s+|el\s+|la\s+|los\s+|las\s+|a\s+|al\s+)?"
)
SYMMETRIC = frozenset({"ALLY_OF", "RIVAL_OF"})


@dataclass(frozen=True)
class RelationPattern:
    """One compiled relation pattern (``between`` is None for reciprocal list patterns)."""

    name: str
    relation: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    order: str
    between: re.Pattern[str] | None
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None


# Text that may sit between two mentions of the same entity without breaking the unit:
# "Dairo Antonio Úsuga David, alias "Otoniel"," / "Cártel Jalisco Nueva Generación (CJNG)".
_SAME_UNIT = re.compile(
    r"[\s,(\"']*(?:(?:alias|a\.k\.a\.|aka|also known as|better known as|known as|also called"
    r"|conocid[oa] como|mejor conocid[oa] como|apodad[oa]|nicknamed|or|o|el|la)\s*)?[\s\"'(]*"
)
_POSSESSIVE = re.compile(r"['’]s\b")
_LEAD_CLOSE = re.compile(r"^[\s\"')\]]+(?=[,;:]|\s|$)")
_NOISE = re.compile(r"\([^()]{0,60}\)|\"")


def _alt(words: tuple[str, ...]) -> str:
    ws = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(ws) + ")" if ws else "(?!)"


def _expand(rx: str, macros: dict[str, str]) -> str:
    for _ in range(4):
        new = re.sub(r"\{(\w+)\}", lambda m: macros.get(m.group(1), m.group(0)), rx)
        if new == rx:
            break
        rx = new
    return rx


@lru_cache(maxsize=1)
def _macros() -> dict[str, str]:
    from enlace.extract.gazetteer import get_gazetteer

    raw = load_yaml("relation_patterns.yml") or {}
    macros = {str(k): str(v) for k, v in (raw.get("macros") or {}).items()}
    titles = get_gazetteer().titles
    macros["leader"] = (
        "(?:" + _alt(titles.words("leader")) + "|" + macros.get("leader_extra", "(?!)") + ")"
    )
    macros["member"] = _alt(titles.words("member"))
    return macros


@lru_cache(maxsize=1)
def load_patterns() -> tuple[RelationPattern, ...]:
    """The compiled relation patterns."""
    raw = load_yaml("relation_patterns.yml") or {}
    macros = _macros()
    out: list[RelationPattern] = []
    for p in raw.get("patterns") or []:
        rel = str(p["relation"])
        if rel not in RELATION_TYPES:
            continue
        before = p.get("before")
        after = p.get("after")
        between = p.get("between")
        out.append(
            RelationPattern(
                name=str(p.get("name", rel)),
                relation=rel,
                source=tuple(p.get("source") or ()),
                target=tuple(p.get("target") or ()),
                order=str(p.get("order", "st")),
                between=re.compile(_expand(str(between), macros)) if between else None,
                before=re.compile(_expand(str(before), macros)) if before else None,
                after=re.compile(_expand(str(after), macros)) if after else None,
            )
        )
    return tuple(out)


def _units(folded: str, ms: list[EntityMention]) -> list[EntityMention]:
    """Merge runs of mentions of one entity joined by alias material into one unit."""
    out: list[EntityMention] = []
    for m in ms:
        if out and out[-1].key == m.key and _SAME_UNIT.fullmatch(folded[out[-1].end : m.start]):
            prev = out[-1]
            out[-1] = EntityMention(prev.start, m.end, prev.key, prev.name, prev.type)
            continue
        out.append(m)
    # swallow a closing quote or bracket right after a unit
    return out


def _blocked(folded: str, ms: list[EntityMention], i: int, j: int) -> bool:
    """Another entity of the same type as an end sits between the two ends (not as a
    possessive: "Guzmán's partner"): "X work with Y, while Z are allied with W" does not
    relate Y and W."""
    a, b = ms[i], ms[j]
    for k in range(i + 1, j):
        m = ms[k]
        if m.type in (a.type, b.type) and not _POSSESSIVE.match(folded[m.end : m.end + 3]):
            return True
    return False


def _between(folded: str, a: EntityMention, b: EntityMention) -> str:
    return _between_span(folded, a.end, b.start)


@lru_cache(maxsize=4096)
def _between_span(folded: str, start: int, end: int) -> str:
    text = folded[start:end]
    text = _NOISE.sub(" ", text)
    text = _LEAD_CLOSE.sub(" ", text)
    return re.sub(r"\s+", " ", text).replace(" ,", ",")


def _chains(text: str, ms: list[EntityMention]) -> dict[int, tuple[list[int], list[int]]]:
    """For each mention index: coordinated same-type mentions to its left and right."""
    left: dict[int, list[int]] = {}
    right: dict[int, list[int]] = {}
    for i in range(len(ms)):
        left[i], right[i] = [i], [i]
    for i in range(1, len(ms)):
        a, b = ms[i - 1], ms[i]
        if a.type == b.type and _COORD.fullmatch(_between(text, a, b)):
            left[i] = left[i - 1] + [i]
    for i in range(len(ms) - 2, -1, -1):
        a, b = ms[i], ms[i + 1]
        if a.type == b.type and _COORD.fullmatch(_between(text, a, b)):
            right[i] = [i, *right[i + 1]]
    return {i: (left[i], right[i]) for i in range(len(ms))}


def detect_relations(
    text: str,
    folded: str,
    sentences: list[tuple[int, int]],
    mentions: list[EntityMention],
    gz: Gazetteer | None = None,
) -> list[ExtractedRelation]:
    """Relations of the document, one per (source, relation, target)."""
    patterns = load_patterns()
    pair_patterns = [p for p in patterns if p.between is not None]
    list_patterns = [p for p in patterns if p.between is None]
    out: list[ExtractedRelation] = []
    seen: set[tuple[str, str, str, int]] = set()

    def emit(sm: EntityMention, rel: str, tm: EntityMention, s0: int, s1: int, name: str) -> None:
        if sm.key == tm.key:
            return
        key = (sm.key, rel, tm.key, s0)
        if key in seen:
            return
        seen.add(key)
        out.append(
            ExtractedRelation(
                source=sm.name,
                relation=rel,
                target=tm.name,
                sentence=text[s0:s1],
                source_key=sm.key,
                target_key=tm.key,
                sentence_start=s0,
                sentence_end=s1,
                pattern=name,
            )
        )

    for s0, s1 in sentences:
        real = [m for m in mentions if s0 <= m.start and m.end <= s1]
        ms = _units(
            folded,
            sorted(real + _group_anaphors(folded, s0, s1, mentions, real), key=lambda m: m.start),
        )
        if len(ms) < 2:
            continue
        chains = _chains(folded, ms)
        # reciprocal list patterns: "X, Y and Z, which fight each other" / "rival gangs X and Y"
        for i in range(len(ms)):
            chain = chains[i][1]
            if len(chain) < 2 or (i > 0 and i in chains[i - 1][1]):
                continue
            first, last = ms[chain[0]], ms[chain[-1]]
            for p in list_patterns:
                if first.type not in p.source:
                    continue
                if p.before and not p.before.search(folded[s0 : first.start]):
                    continue
                if p.after and not p.after.match(folded[last.end : s1]):
                    continue
                if not p.before and not p.after:
                    continue
                for x in range(len(chain)):
                    for y in range(x + 1, len(chain)):
                        emit(ms[chain[x]], p.relation, ms[chain[y]], s0, s1, p.name)
                break
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                a, b = ms[i], ms[j]
                if a.key == b.key or b.start - a.end > MAX_GAP or b.start < a.end:
                    continue
                between = _between(folded, a, b)
                for p in pair_patterns:
                    src, tgt = (a, b) if p.order == "st" else (b, a)
                    if src.type not in p.source or tgt.type not in p.target:
                        continue
                    assert p.between is not None
                    if not p.between.fullmatch(between):
                        continue
                    if p.before and not p.before.search(folded[s0 : a.start]):
                        continue
                    if p.after and not p.after.match(folded[b.end : s1]):
                        continue
                    if (
                        p.order == "st"
                        and p.after is None
                        and _POSSESSIVE.match(folded[b.end : b.end + 3])
                    ):
                        continue  # "a son of Guzmán's partner X": not Guzmán's relation
                    if _blocked(folded, ms, i, j):
                        continue
                    left_side = chains[i][0]
                    right_side = chains[j][1]
                    srcs, tgts = (
                        (left_side, right_side) if p.order == "st" else (right_side, left_side)
                    )
                    for si in srcs:
                        for ti in tgts:
                            emit(ms[si], p.relation, ms[ti], s0, s1, p.name)
                    break
    _anaphoric(folded, sentences, mentions, emit)
    _cooccurrence(text, folded, sentences, mentions, emit)
    return _dedupe(out)


_SPEAKER = re.compile(
    r"\s+(?:on\s+\w+day\s+|el\s+\w+\s+)?(?:(?:also|has|had|will|would|ha|habia)\s+)?"
    r"(?:says|said|say|designated|designate|considers|considera|designo|sanciono|sanctioned|"
    r"sanction|accused|accuse|charged|indicted|offered|ofrecio|announced|accuses|rejected|"
    r"rejects|dijo|dice|anuncio|acusa|acuso|rechaza|rechazo|sostiene|asegura|aseguro)\b"
)


def _dateline(text: str, m: EntityMention) -> bool:
    """A dateline place ("CULIACÁN, Mexico —") or a place speaking ("Washington said")."""
    surface = text[m.start : m.end]
    if surface.isupper() and len(surface) > 3:
        return True
    line_start = text.rfind("\n", 0, m.start) + 1
    head = text[line_start : m.start]
    if (
        len(head) < 40
        and re.search(r"[—–]", text[m.end : m.end + 40])
        and "—" not in head
        and (head.strip() == "" or head.strip().isupper() or head.strip().endswith(","))
    ):
        return True
    return bool(_SPEAKER.match(fold(text[m.end : m.end + 30])))


@lru_cache(maxsize=1)
def _anaphoric_rules() -> tuple[tuple[str, str, tuple[str, ...], str, re.Pattern[str]], ...]:
    raw = load_yaml("relation_patterns.yml") or {}
    macros = _macros()
    out = []
    for r in raw.get("anaphoric") or []:
        out.append(
            (
                str(r.get("name", r["relation"])),
                str(r["relation"]),
                tuple(r.get("source") or ("PERSON",)),
                str((r.get("target") or ["CRIMINAL_GROUP"])[0]),
                re.compile(_expand(str(r["before"]), macros)),
            )
        )
    return tuple(out)


def _most_named(prior: list[EntityMention]) -> EntityMention:
    """The entity named most often (ties: most recently) — whom "his brother" is about."""
    counts: dict[str, int] = {}
    for g in prior:
        counts[g.key] = counts.get(g.key, 0) + 1
    return max(reversed(prior), key=lambda g: counts[g.key])


def _anaphoric(
    folded: str,
    sentences: list[tuple[int, int]],
    mentions: list[EntityMention],
    emit: Callable[[EntityMention, str, EntityMention, int, int, str], None],
) -> None:
    """ "Su líder, X": X takes the role in the group named last before it."""
    rules = _anaphoric_rules()
    if not rules:
        return
    for s0, s1 in sentences:
        ms = _units(folded, [m for m in mentions if s0 <= m.start and m.end <= s1])
        chains = _chains(folded, ms)
        for i, m in enumerate(ms):
            for name, rel, stypes, ttype, before in rules:
                if m.type not in stypes or not before.search(folded[s0 : m.start]):
                    continue
                prior = [
                    g for g in mentions if g.type == ttype and g.end <= m.start and g.key != m.key
                ]
                if not prior:
                    continue
                target = prior[-1] if ttype != "PERSON" else _most_named(prior)
                for si in chains[i][1]:
                    emit(ms[si], rel, target, s0, s1, name)


_PLURAL_ANAPHOR = re.compile(
    r"(?<!\w)(?:both|the two|ambos|ambas|los dos|las dos)\s+"
    r"(?:gangs|groups|cartels|organizations|factions|grupos|bandas|carteles|organizaciones|"
    r"pandillas|facciones)(?!\w)"
)
_ANAPHOR = re.compile(
    r"(?<!\w)(?:the|this|that|el|la|esta|este|dicha|dicho)\s+(?:group|gang|cartel|organization|"
    r"organisation|criminal group|faction|grupo|banda|cartel|organizacion|organizacion criminal|"
    r"pandilla|faccion|estructura)(?!\w)"
)


@lru_cache(maxsize=1)
def _cooc_rules() -> tuple[
    tuple[str, str, str, re.Pattern[str] | None, re.Pattern[str] | None], ...
]:
    raw = load_yaml("relation_patterns.yml") or {}
    out = []
    for r in raw.get("cooccurrence") or []:
        req = r.get("require")
        excl = r.get("exclude")
        out.append(
            (
                str(r["relation"]),
                str(r["source"]),
                str(r["target"]),
                re.compile(str(req)) if req else None,
                re.compile(str(excl)) if excl else None,
            )
        )
    return tuple(out)


_LEGAL = re.compile(
    r"(?<!\w)(?:arrested|captured|detained|extradited|sentenced|convicted|indicted|charged|"
    r"detenid[oa]|capturad[oa]|capturaron|detuvieron|extraditad[oa]|sentenciad[oa]|"
    r"condenad[oa]|acusad[oa]|vinculad[oa] a proceso|trasladad[oa])(?!\w)"
)


def _about_a_person(sent: str, ms: list[EntityMention]) -> bool:
    """A sentence about what happened to a person (arrest, trial, transfer): its places
    are where that happened, not where a group operates."""
    return any(m.type == "PERSON" for m in ms) and bool(_LEGAL.search(sent))


_GROUP_ANAPHOR = re.compile(
    r"(?<!\w)(?:su|sus|its|their|the|this|that|esta|este|dicha|dicho|el|la)\s+"
    r"(?:group|gang|cartel|organization|organisation|criminal group|criminal organization|"
    r"grupo|banda|cartel|organizacion|organizacion criminal|pandilla|estructura)(?!\w)"
)


def _group_anaphors(
    folded: str, s0: int, s1: int, mentions: list[EntityMention], real: list[EntityMention]
) -> list[EntityMention]:
    """ "Su grupo mantiene una guerra con el CJNG": "the group", "la organización" stand for
    the group named last before them (virtual mentions, for relations only)."""
    out: list[EntityMention] = []
    for m in _GROUP_ANAPHOR.finditer(folded, s0, s1):
        if any(r.start < m.end() and m.start() < r.end for r in real):
            continue
        if any(r.type == "CRIMINAL_GROUP" and r.end <= m.start() for r in real):
            continue  # a group named earlier in the sentence makes "the group" ambiguous
        if folded[m.end() : m.end() + 4].startswith((" de ", " of ", " del")):
            continue  # "el grupo de Zambada", "the cartel of X": not an anaphor
        prior = [g for g in mentions if g.type == "CRIMINAL_GROUP" and g.end <= m.start()]
        if prior:
            g = prior[-1]
            out.append(EntityMention(m.start(), m.end(), g.key, g.name, g.type))
    return out


def _distance(a: EntityMention, b: EntityMention) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


def _cooccurrence(
    text: str,
    folded: str,
    sentences: list[tuple[int, int]],
    mentions: list[EntityMention],
    emit: Callable[[EntityMention, str, EntityMention, int, int, str], None],
) -> None:
    """Sentence-level co-occurrence rules (e.g. a group and a place in an activity sentence).

    A group anaphor ("the cartel", "la organización") stands for the last group named before.
    """
    rules = _cooc_rules()
    if not rules:
        return
    recent_groups: list[EntityMention] = []
    for s0, s1 in sentences:
        ms = [m for m in mentions if s0 <= m.start and m.end <= s1]
        sent = folded[s0:s1]
        for rel, stype, ttype, req, excl in rules:
            sources = [m for m in ms if m.type == stype]
            if not sources and stype == "CRIMINAL_GROUP" and recent_groups:
                if _PLURAL_ANAPHOR.search(sent) and len(recent_groups) >= 2:
                    sources = recent_groups[-2:]
                elif _ANAPHOR.search(sent):
                    sources = recent_groups[-1:]
            targets = [m for m in ms if m.type == ttype and not _dateline(text, m)]
            if not sources or not targets:
                continue
            if req is not None and not req.search(sent):
                continue
            if rel == "OPERATES_IN" and _about_a_person(sent, ms):
                continue
            units = _units(folded, ms)
            chains = _chains(folded, units)
            for tm in targets:
                if excl is not None and excl.search(folded[max(s0, tm.start - 40) : tm.start]):
                    continue
                # the nearest source (and what is coordinated with it) only: in a list of
                # six cartels and two places, not every pair is a claim
                near = min(sources, key=lambda sm: _distance(sm, tm))
                group = [near]
                for ui, u in enumerate(units):
                    if u.key == near.key and u.start <= near.start < u.end:
                        group = [units[k] for k in sorted(set(chains[ui][0] + chains[ui][1]))]
                        break
                for sm in group:
                    emit(sm, rel, tm, s0, s1, "cooccurrence")
        for g in ms:
            if g.type == "CRIMINAL_GROUP":
                recent_groups = [r for r in recent_groups if r.key != g.key] + [g]


def _dedupe(rels: list[ExtractedRelation]) -> list[ExtractedRelation]:
    out: list[ExtractedRelation] = []
    keys: set[tuple[str, str, str]] = set()
    for r in rels:
        k = (r.source_key, r.relation, r.target_key)
        if r.relation in SYMMETRIC and (r.target_key, r.relation, r.source_key) in keys:
            continue
        if k in keys:
            continue
        keys.add(k)
        out.append(r)
    return out
