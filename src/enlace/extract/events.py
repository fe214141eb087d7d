"""Events from trigger lexicons, one per event type and sentence.

Triggers live in ``data/event_triggers.yml`` (regexes on accent-folded text, per
language).  For each sentence with a trigger:

* participants are the people, groups and agencies mentioned in the sentence, in order.
  A sentence naming none but with a pronoun ("indicted him") takes the document's
  protagonist (the person named most so far); otherwise it borrows the actors of the
  previous sentence of its paragraph, else of the next; with none, no event is emitted
  (an event nobody took part in is not useful);
* ``OTHER`` (escapes, attacks, kidnappings, rewards...) is only used when the sentence has
  no trigger of a specific type;
* a sentence that continues the previous one's event (same type, next sentence of the
  paragraph, a shared actor or none) is merged into it rather than counted twice;
* location is a place introduced by "in/en/near/at..." (not a modifier like "U.S.
  custody", not a dateline), preferring one after the trigger and nearest to it; else the
  last place of the previous sentence in the same paragraph;
* date is the date phrase of the sentence nearest to the trigger; when the sentence has
  none, the nearest date phrase of an earlier sentence of the same paragraph (a date
  anchors the sentences that follow it); else ``None``.  The document date itself is
  never used as an event date: it only resolves relative phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from enlace.extract.data_files import load_yaml
from enlace.extract.dates import DateMatch
from enlace.extract.model import EVENT_TYPES, ExtractedEvent, Mention

__all__ = ["EntityMention", "detect_events", "trigger_regexes", "trigger_sentences"]

PARTICIPANT_TYPES = ("PERSON", "CRIMINAL_GROUP", "GOV_AGENCY")


@dataclass(frozen=True)
class EntityMention:
    """A mention tagged with its entity (key, name, type)."""

    start: int
    end: int
    key: str
    name: str
    type: str


def _spaces(pattern: str) -> str:
    """A plain space matches any whitespace, except inside look-behinds (fixed width)."""
    out: list[str] = []
    depth_lookbehind = 0
    depth = 0
    i = 0
    while i < len(pattern):
        if pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] in "!=":
            depth_lookbehind = depth + 1
        ch = pattern[i]
        if ch == "(" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif ch == ")" and (i == 0 or pattern[i - 1] != "\\"):
            if depth == depth_lookbehind:
                depth_lookbehind = 0
            depth -= 1
        out.append(r"\s+" if ch == " " and not depth_lookbehind else ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=4)
def trigger_regexes(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """``(event type, compiled trigger regex)`` for ``lang``."""
    raw = load_yaml("event_triggers.yml") or {}
    out: list[tuple[str, re.Pattern[str]]] = []
    for etype, table in raw.items():
        if etype not in EVENT_TYPES or not isinstance(table, dict):
            continue
        pats = [_spaces(str(p)) for p in table.get(lang, []) or []]
        if pats:
            alt = "|".join(sorted(pats, key=len, reverse=True))
            out.append((etype, re.compile(r"(?<![\w])(?:" + alt + r")(?![\w])")))
    return out


def trigger_sentences(folded: str, lang: str, sentences: list[tuple[int, int]]) -> set[int]:
    """Indices of the sentences with at least one event trigger."""
    rx = _any_trigger(lang)
    return {i for i, (s0, s1) in enumerate(sentences) if rx.search(folded, s0, s1)}


@lru_cache(maxsize=4)
def _any_trigger(lang: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{rx.pattern})" for _etype, rx in trigger_regexes(lang)))


def detect_events(
    text: str,
    folded: str,
    lang: str,
    sentences: list[tuple[int, int]],
    paragraphs: list[int],
    mentions: list[EntityMention],
    dates: list[DateMatch],
    wanted: set[int] | None = None,
) -> list[ExtractedEvent]:
    """Events of the document, in text order.  ``wanted``: the
    :func:`trigger_sentences` of the document, when the caller has them already."""
    regs = trigger_regexes(lang)
    if wanted is None:
        wanted = trigger_sentences(folded, lang, sentences)
    events: list[ExtractedEvent] = []
    for si, (s0, s1) in enumerate(sentences):
        if si not in wanted:
            continue
        sent_f = folded[s0:s1]
        found: dict[str, re.Match[str]] = {}
        for etype, rx in regs:
            m = rx.search(sent_f)
            if m:
                found[etype] = m
        if not found:
            continue
        if len(found) > 1:
            found.pop("OTHER", None)
        in_sent = [m for m in mentions if s0 <= m.start and m.end <= s1]
        if not any(m.type in PARTICIPANT_TYPES for m in in_sent):
            # "A grand jury indicted him in 2019": a pronoun stands for the document's
            # protagonist (the person named most often so far).  Otherwise "Ten soldiers
            # were killed in the fighting, he said." takes its actors from the previous
            # sentence of the paragraph, else the next; with none, no event.
            hero = _surname_person(text[s0:s1], mentions, s0)
            if hero is None and _PRONOUN.search(sent_f):
                hero = _protagonist(mentions, s0)
            borrowed = (
                [hero] if hero else _neighbour_participants(mentions, sentences, paragraphs, si)
            )
            if not borrowed:
                continue
            in_sent = borrowed + in_sent
        for etype, m in sorted(found.items(), key=lambda kv: kv[1].start()):
            t0, t1 = s0 + m.start(), s0 + m.end()
            if _BACK_REFERENCE.search(folded[max(s0, t0 - 8) : t0]) and any(
                e.type == etype for e in events
            ):
                continue  # "The seizure came days after...": the event told before
            ev = ExtractedEvent(
                type=etype,
                sentence=text[s0:s1],
                sentence_start=s0,
                sentence_end=s1,
                trigger=Mention(t0, t1, text[t0:t1]),
            )
            seen: set[str] = set()
            for em in in_sent:
                if em.type in PARTICIPANT_TYPES and em.key not in seen:
                    seen.add(em.key)
                    ev.participants.append(em.name)
                    ev.participant_keys.append(em.key)
            loc = _location(in_sent, t0, folded)
            if loc is None:
                loc = _previous_location(mentions, sentences, paragraphs, si)
            if loc is not None:
                ev.location, ev.location_key = loc.name, loc.key
            d = _date(dates, s0, s1, t0)
            if d is not None:
                ev.date, ev.date_precision, ev.date_source = d.value, d.precision, "sentence"
            else:
                d = _previous_date(dates, sentences, paragraphs, si)
                if d is not None:
                    ev.date, ev.date_precision, ev.date_source = d.value, d.precision, "context"
            prev_ev = events[-1] if events else None
            if prev_ev is not None and _same_event(prev_ev, ev, sentences, paragraphs):
                _merge(prev_ev, ev)
                continue
            events.append(ev)
    return events


def _sentence_index(sentences: list[tuple[int, int]], start: int) -> int:
    for i, (s0, _s1) in enumerate(sentences):
        if s0 == start:
            return i
    return -1


def _same_event(
    a: ExtractedEvent, b: ExtractedEvent, sentences: list[tuple[int, int]], paragraphs: list[int]
) -> bool:
    """A follow-up sentence about the same event: same type, next sentence, shared actor."""
    if a.type != b.type or a.sentence_start == b.sentence_start:
        return False
    ia, ib = (
        _sentence_index(sentences, a.sentence_start),
        _sentence_index(sentences, b.sentence_start),
    )
    if ib - ia != 1 or paragraphs[ia] != paragraphs[ib]:
        return False
    if b.date is not None and b.date_source == "sentence" and a.date not in (None, b.date):
        return False
    return (
        not b.participant_keys
        or bool(set(a.participant_keys) & set(b.participant_keys))
        or (not a.participant_keys)
    )


def _merge(a: ExtractedEvent, b: ExtractedEvent) -> None:
    for k, n in zip(b.participant_keys, b.participants, strict=True):
        if k not in a.participant_keys:
            a.participant_keys.append(k)
            a.participants.append(n)
    if a.date is None and b.date is not None:
        a.date, a.date_precision, a.date_source = b.date, b.date_precision, b.date_source
    if a.location is None and b.location is not None:
        a.location, a.location_key = b.location, b.location_key


# Object and possessive forms only: "he said" reports, "indicted him" is about someone.
_PRONOUN = re.compile(
    r"(?<!\w)(?:him|his|the defendant|the \d+-year-old|el acusado|la acusada|el detenido|"
    r"la detenida|el capo|lo|la detuvo)(?!\w)"
)


_BACK_REFERENCE = re.compile(r"(?:^|\s)(?:the|this|that|la|el|esta|este|dicha|dicho)\s+$")


def _surname_person(
    sentence: str, mentions: list[EntityMention], before: int
) -> EntityMention | None:
    """A bare surname that fits several people ("Hernández" beside Juan Orlando and
    Juan Antonio Hernández) was left unresolved; for an event, the person it most likely
    means is the one named most so far."""
    words = {w for w in re.findall(r"[A-ZÁÉÍÓÚÑ][\w'-]+", sentence)}
    if not words:
        return None
    fits = [
        m
        for m in mentions
        if m.type == "PERSON" and m.start < before and words & set(m.name.split()[1:])
    ]
    return _protagonist(fits, before) if fits else None


def _protagonist(mentions: list[EntityMention], before: int) -> EntityMention | None:
    counts: dict[str, int] = {}
    last: dict[str, EntityMention] = {}
    for m in mentions:
        if m.start >= before:
            break
        if m.type == "PERSON":
            counts[m.key] = counts.get(m.key, 0) + 1
            last[m.key] = m
    if not counts:
        return None
    key = max(counts, key=lambda k: (counts[k], last[k].start))
    return last[key]


def _neighbour_participants(
    mentions: list[EntityMention],
    sentences: list[tuple[int, int]],
    paragraphs: list[int],
    si: int,
) -> list[EntityMention]:
    for j in (si - 1, si + 1):
        if 0 <= j < len(sentences) and paragraphs[j] == paragraphs[si]:
            p0, p1 = sentences[j]
            found = [
                m for m in mentions if p0 <= m.start and m.end <= p1 and m.type in PARTICIPANT_TYPES
            ]
            if found:
                return found
    return []


_PLACE_PREP = re.compile(
    r"(?:(?:^|\s)(?:in|at|near|outside|inside|en|cerca de|a las afueras de|afueras de|"
    r"desde|from|hacia|to|a)|(?:region|zona|zona rural|municipio|estado|departamento|"
    r"ciudad|town|city|state|area|region|outskirts|afueras|comunidad|poblado)\s+(?:de|del|of))"
    r"\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+)?$"
)


def _location(in_sent: list[EntityMention], trigger: int, folded: str = "") -> EntityMention | None:
    """The place of the event: a place introduced by "in/en/near..." wins over a place
    used as a modifier ("U.S. custody", "Mexico's army"); then after the trigger, nearest."""
    locs = [m for m in in_sent if m.type == "LOCATION" and not _is_dateline(folded, m)]
    if not locs:
        return None

    def rank(m: EntityMention) -> tuple[int, int, int]:
        prep = bool(folded) and bool(_PLACE_PREP.search(folded[max(0, m.start - 25) : m.start]))
        return (0 if prep else 1, 0 if m.start >= trigger else 1, abs(m.start - trigger))

    return min(locs, key=rank)


def _is_dateline(folded: str, m: EntityMention) -> bool:
    if not folded:
        return False
    line_start = folded.rfind("\n", 0, m.start) + 1
    head = folded[line_start : m.start]
    # fold() turns the dash of "CULIACÁN, Mexico — ..." into "-"
    return len(head) < 30 and " - " in folded[m.end : m.end + 30] and " - " not in head


def _previous_location(
    mentions: list[EntityMention], sentences: list[tuple[int, int]], paragraphs: list[int], si: int
) -> EntityMention | None:
    if si == 0 or paragraphs[si - 1] != paragraphs[si]:
        return None
    p0, p1 = sentences[si - 1]
    locs = [m for m in mentions if p0 <= m.start and m.end <= p1 and m.type == "LOCATION"]
    return locs[-1] if locs else None


def _date(dates: list[DateMatch], s0: int, s1: int, trigger: int) -> DateMatch | None:
    cands = [d for d in dates if s0 <= d.start and d.end <= s1 and d.value is not None]
    if not cands:
        return None
    return min(cands, key=lambda d: abs(d.start - trigger))


def _previous_date(
    dates: list[DateMatch], sentences: list[tuple[int, int]], paragraphs: list[int], si: int
) -> DateMatch | None:
    j = si - 1
    while j >= 0 and paragraphs[j] == paragraphs[si]:
        p0, p1 = sentences[j]
        cands = [d for d in dates if p0 <= d.start and d.end <= p1 and d.value is not None]
        if cands:
            return cands[-1]
        j -= 1
    return None
