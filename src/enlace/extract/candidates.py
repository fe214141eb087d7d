"""Collect typed mention candidates from every source and settle overlaps.

Sources, by priority (higher wins an overlap, then the longer span):

=========================================  =====
place patterns ("Southern District of X")    101
accounts, phones, gazetteer groups          100
and agencies (names, acronyms)
weak gazetteer aliases with crime context    95
embedded nicknames ('Ismael "El Mayo" Z.')   92
nickname constructions (alias ...)         90-91
group name patterns ("Cártel de X")          88
lone agency heads ("el Ejército")            87
agency name patterns ("Policía Nacional")    86
NER orgs typed by cue words                  85
place gazetteer                              80
place cue + name ("municipio de X")          75
title + name ("el general X")                70
quoted nicknames ("El Mencho")               60
NER "Los X" groups                           55
other NER spans                              50
given name + capitalised words               45
=========================================  =====

spaCy labels are only a hint: groups and agencies are typed by the gazetteer or cue
words, ``LOC`` spans that look like people (title before, a name token shared with a
known person, a common given name, Spanish personal "a", "El Chapo Guzmán") become
PERSON, people after "in/en" become places, and noise is dropped: pronouns and stop
words, lower-case words, dates, a capitalised word that opens a sentence or that the text
also uses in lower case, departments inside job titles ("secretario de Seguridad").
Other occurrences of an alias typed by a construction take the construction's type.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc

from enlace.extract.accounts import find_accounts
from enlace.extract.aliases import NAME, find_aliases
from enlace.extract.dates import MONTHS, WEEKDAYS, find_dates
from enlace.extract.gazetteer import Gazetteer, GazetteerMatch
from enlace.extract.lexicon import Lexicon
from enlace.extract.phones import find_phones
from enlace.extract.text import TOKEN_RE, fold_key

__all__ = ["Cand", "collect_candidates"]


@dataclass
class Cand:
    """A typed span proposed by one source."""

    start: int
    end: int
    type: str
    source: str
    prio: int
    gid: str | None = None
    name: str | None = None  # overrides the surface as the entity name
    aliases: list[str] = field(default_factory=list)
    value: str | None = None  # normalised value (accounts, phones)
    is_alias: bool = False

    def overlaps(self, other: Cand) -> bool:
        return self.start < other.end and other.start < self.end


_NAME_RE = re.compile(NAME)
_UPPER_WORD = re.compile(r"[A-ZÁÉÍÓÚÑÜ]")
_PLACE_PREPS = frozenset(
    [
        "in",
        "en",
        "de",
        "del",
        "of",
        "near",
        "from",
        "desde",
        "hacia",
        "to",
        "a",
        "at",
        "cerca",
        "entre",
        "between",
        "estado",
        "state",
    ]
)


@lru_cache(maxsize=4)
def _title_re(titles: frozenset[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(t) for t in titles), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")\.?\s+")


@lru_cache(maxsize=4)
def _group_re() -> re.Pattern[str]:
    up = "A-ZÁÉÍÓÚÑÜ"
    tok = rf"[{up}0-9][\w’'-]*"
    names = rf"{tok}(?:\s+(?:(?:de|del|de\s+la|de\s+los)\s+)?{tok}){{0,4}}"
    return re.compile(
        rf"\b(?P<a>[Cc][aá]rtel(?:es)?\s+(?:(?:de\s+(?:los|las|la)|del|de)\s+)?{names})"
        rf"|(?P<b>{names}\s+[Cc]artel)\b"
    )


def _prev_tokens(folded: str, pos: int, n: int) -> list[str]:
    toks = TOKEN_RE.findall(folded[max(0, pos - 60) : pos])
    return toks[-n:]


_ARTICLES = frozenset({"el", "la", "los", "las", "the", "un", "una", "a", "an"})


def _strip_leading(
    text: str,
    start: int,
    end: int,
    lex: Lexicon,
    words: frozenset[str],
    is_stop: Callable[[str], bool] | None = None,
) -> tuple[int, int]:
    """Drop leading titles, stop words and loose articles (and trailing possessives)."""
    while True:
        seg = text[start:end]
        m = re.match(r"(\S+?)[,:]?\s+", seg)
        if not m:
            break
        first = fold_key(m.group(1))
        rest = seg[m.end() :]
        two = re.match(r"(\S+\s+\S+)\s+", seg)
        if two and fold_key(two.group(1)) in words:
            start += two.end()
            continue
        if first in words or (first == "the"):
            start += m.end()
            continue
        if is_stop is not None and is_stop(first):
            article = first in _ARTICLES
            if not article or not rest[:1].isupper() or not seg[:1].isupper():
                start += m.end()
                continue
        break
    seg = text[start:end]
    for suf in ("'s", "’s", "'", "’"):
        if seg.endswith(suf):
            end -= len(suf)
            break
    seg = text[start:end]
    stripped = seg.rstrip(" ,.;:-—")
    end = start + len(stripped)
    return start, end


def classify_org(surface: str, lex: Lexicon) -> str | None:
    """CRIMINAL_GROUP, GOV_AGENCY or None from the words of an organisation name."""
    key = fold_key(surface)
    toks = key.split()
    if not toks:
        return None
    words = set(toks)
    bigrams = {" ".join(toks[i : i + 2]) for i in range(len(toks) - 1)}
    if (words | bigrams) & (lex.group_words - {"los", "las"}):
        return "CRIMINAL_GROUP"
    if (words | bigrams) & lex.gov_words:
        return "GOV_AGENCY"
    if toks[0] in ("los", "las") and len(toks) > 1 and surface.split()[0][0].isupper():
        return "CRIMINAL_GROUP"
    return None


_CONNECT = frozenset(
    {"de", "del", "la", "las", "los", "el", "y", "e", "of", "the", "and", "do", "da"}
)
_LOC_PREPS = re.compile(r"(?:^|\s)(?:in|en|near|cerca\s+de|hacia|towards|outside|afueras\s+de)\s+$")


def _ner_cands(
    text: str, folded: str, doc: Doc, lang: str, lex: Lexicon, person_tokens: set[str]
) -> list[Cand]:
    out: list[Cand] = []
    vocab = doc.vocab

    def is_stop(w: str) -> bool:
        return bool(vocab[w].is_stop)

    for ent in doc.ents:
        label = ent.label_
        s0 = ent.start_char
        cut = max(text.rfind(" — ", s0, ent.end_char), text.rfind(". ", s0, ent.end_char))
        if cut >= 0:  # "Sin. — Elementos del Ejército": no name spans a dateline or a stop
            s0 = cut + (3 if text.startswith(" — ", cut) else 2)
        start, end = _strip_leading(text, s0, ent.end_char, lex, lex.person_titles, is_stop)
        if end <= start:
            continue
        surface = text[start:end]
        if not surface[:1].isupper() and not surface[:1].isdigit():
            continue
        key = fold_key(surface)
        toks = key.split()
        if key in lex.stop_names or len(key) < 2 or (len(toks) == 1 and is_stop(key)):
            continue
        raw_toks = surface.split()
        lower_content = [t for t in raw_toks if t[:1].islower() and fold_key(t) not in _CONNECT]
        if (
            lower_content
            and label not in ("PERSON", "PER")
            and (len(lower_content) > 1 or label == "MISC")
        ):
            continue
        before = folded[max(0, start - 15) : start]
        if label in ("PERSON", "PER"):
            if any(ch.isdigit() for ch in surface) or lower_content:
                continue
            start = _extend_left(text, start, lex, is_stop)
            surface = text[start:end]
            org = classify_org(surface, lex)
            if org == "CRIMINAL_GROUP" and toks[0] in ("los", "las"):
                out.append(Cand(start, end, org, "ner", 55))
            elif org == "GOV_AGENCY" and len(toks) > 1:
                out.append(Cand(start, end, org, "ner", 85))
            elif _LOC_PREPS.search(before) and toks[0] not in ("el", "la"):
                out.append(Cand(start, end, "LOCATION", "ner-retyped", 50))
            else:
                out.append(Cand(start, end, "PERSON", "ner", 50))
        elif label in ("GPE", "LOC"):
            org = classify_org(surface, lex)
            if org is not None:
                out.append(Cand(start, end, org, "ner", 85 if org == "GOV_AGENCY" else 55))
                continue
            if _looks_like_person(text, folded, start, end, person_tokens, lex, lang):
                out.append(Cand(start, end, "PERSON", "ner-retyped", 50))
                continue
            out.append(Cand(start, end, "LOCATION", "ner", 50))
        elif label in ("ORG", "MISC", "NORP"):
            org = classify_org(surface, lex)
            if org is None:
                if label != "NORP" and _LOC_PREPS.search(before) and not lower_content:
                    out.append(Cand(start, end, "LOCATION", "ner-retyped", 48))  # "en Jesús María"
                elif lang == "es" and _looks_like_person(
                    text, folded, start, end, person_tokens, lex, lang
                ):
                    out.append(Cand(start, end, "PERSON", "ner-retyped", 45))
                continue
            if label == "NORP" and org != "CRIMINAL_GROUP":
                continue
            out.append(Cand(start, end, org, "ner", 85))
    return out


_PREV_WORD = re.compile(r"([A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+)\s$")


def _extend_left(text: str, start: int, lex: Lexicon, is_stop: Callable[[str], bool]) -> int:
    """Take in given names the model left out ("captured [Ovidio] Guzmán López")."""
    for _ in range(2):
        m = _PREV_WORD.search(text[max(0, start - 30) : start])
        if not m:
            break
        word = m.group(1)
        key = fold_key(word)
        wstart = start - len(m.group(0))
        sentence_initial = (
            not text[:wstart].rstrip(' "“«(') or text[:wstart].rstrip()[-1:] in ".!?\n—:"
        )
        if key in lex.person_titles or key in lex.stop_names or is_stop(key):
            break
        if sentence_initial and key not in lex.first_names:
            break
        start = wstart
    return start


def _looks_like_person(
    text: str,
    folded: str,
    start: int,
    end: int,
    person_tokens: set[str],
    lex: Lexicon,
    lang: str,
) -> bool:
    toks = fold_key(text[start:end]).split()
    if not toks:
        return False
    before = folded[max(0, start - 15) : start]
    if _LOC_PREPS.search(before):
        return False
    if set(toks) <= person_tokens:
        return True
    if lang == "es" and len(toks) >= 2 and text[max(0, start - 3) : start] in ("El ", "La "):
        return True  # "El Chapo Guzmán": nickname article + name
    if len(toks) >= 2 and toks[0] in lex.first_names and toks[-1] not in lex.first_names:
        return True
    return lang == "es" and bool(re.search(r"(?:^|\s)a\s$", before)) and len(toks) >= 2


def _gazetteer_cands(
    text: str, folded: str, gz: Gazetteer, lex: Lexicon, ner_labels: dict[tuple[int, int], str]
) -> list[Cand]:
    out: list[Cand] = []
    matches = gz.match(text, folded)
    strong_ids = {m.entry_id for m in matches if m.strength != "weak"}
    for m in matches:
        if not any(ch.isupper() for ch in m.text):
            continue  # "la familia" is not "La Familia"
        if m.strength != "weak":
            out.append(Cand(m.start, m.end, m.type, "gazetteer", 100, gid=m.entry_id))
            continue
        window = TOKEN_RE.findall(folded[max(0, m.start - 60) : m.end + 60])
        cue = bool(set(window) & lex.crime_cues)
        if m.type == "GOV_AGENCY":
            cue = m.entry_id in strong_ids
        elif not cue and m.entry_id in strong_ids:
            cue = ner_labels.get((m.start, m.end)) not in ("GPE", "LOC")
        if cue:
            out.append(Cand(m.start, m.end, m.type, "gazetteer-weak", 95, gid=m.entry_id))
    for p in gz.match_places(text, folded):
        if p.strength == "weak" and not _weak_place_ok(text, folded, p, ner_labels):
            continue
        out.append(Cand(p.start, p.end, "LOCATION", "places", 80, gid=p.entry_id))
    return out


def _weak_place_ok(
    text: str, folded: str, p: GazetteerMatch, ner_labels: dict[tuple[int, int], str]
) -> bool:
    if ner_labels.get((p.start, p.end)) in ("GPE", "LOC"):
        return True
    prev = _prev_tokens(folded, p.start, 1)
    before = text[max(0, p.start - 30) : p.start].split()
    after = text[p.end : p.end + 30].split()
    cap_before = bool(before) and before[-1][:1].isupper() and before[-1][-1:] not in ",."
    cap_after = bool(after) and after[0][:1].isupper()
    return bool(prev) and prev[0] in _PLACE_PREPS and not cap_before and not cap_after


_APPOS_HEAD = re.compile(
    r"(?:^|[\s,(])([\w.]+(?:\s[\w.]+){0,2}?)\s+(?:de|del|of|for)\s+[^,.;]{2,60}?,\s*$"
)


def _title_prefix(words: list[str], lex: Lexicon) -> int:
    """How many leading words of ``words`` form a title ("Defense Secretary", "Gral.")."""
    if not words or fold_key(words[0]) not in lex.title_first_words:
        return 0
    n = 0
    while n < len(words):
        for k in range(min(lex.max_title_len, len(words) - n), 0, -1):
            if fold_key(" ".join(words[n : n + k])) in lex.person_titles:
                n += k
                break
        else:
            break
    return n


def _title_cands(text: str, folded: str, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    for nm in _NAME_RE.finditer(text):
        words = nm.group().split()
        s = nm.start()
        lead = _title_prefix(words, lex)
        if lead:
            for w in words[:lead]:
                s = text.index(w, s) + len(w)
            while s < nm.end() and text[s].isspace():
                s += 1
            words = words[lead:]
            titled = True
        else:
            head = folded[max(0, nm.start() - 40) : nm.start()]
            prev = head.split()
            titled = bool(head[-1:].isspace()) and _title_prefix(prev[-3:], lex) == len(prev[-3:])
            if not titled and prev:
                for k in (3, 2, 1):
                    if len(prev) >= k and fold_key(" ".join(prev[-k:])) in lex.person_titles:
                        titled = bool(head[-1:].isspace())
                        break
            if not titled and head.endswith(", "):
                m = _APPOS_HEAD.search(folded[max(0, nm.start() - 90) : nm.start()])
                titled = bool(m and fold_key(m.group(1)) in lex.person_titles) and len(words) >= 2
        if not titled or not words:
            continue
        e = nm.end()
        if text[s:e].endswith(("'s", "’s")):
            e -= 2
        key = fold_key(text[s:e])
        if not key or key in lex.stop_names or classify_org(text[s:e], lex):
            continue
        out.append(Cand(s, e, "PERSON", "title", 70))
    return out


def _group_pattern_cands(text: str, folded: str, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    for m in _group_re().finditer(text):
        g = "a" if m.group("a") else "b"
        s, e = m.start(g), m.end(g)
        if g == "b":
            toks = text[s:e].split()
            while toks and fold_key(toks[0]) in lex.demonyms:
                s = text.index(toks[1], s + len(toks[0])) if len(toks) > 1 else e
                toks = toks[1:]
            if len(toks) < 2:
                continue
        out.append(Cand(s, e, "CRIMINAL_GROUP", "group-pattern", 88))
    return out


@lru_cache(maxsize=4)
def _gov_res(
    pre: tuple[str, ...], post: tuple[str, ...], lone: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    up = "A-ZÁÉÍÓÚÑÜ"
    # a capitalised word, or a dotted acronym ("U.S."); never a word ending a sentence
    cap = rf"(?:[A-Z](?:\.[A-Z])+\.|[{up}][\w'’-]*|[A-Z]{{2,}})"
    conn = r"(?:(?:de|del|de\s+la|de\s+las|de\s+los|of|of\s+the|for|for\s+the|para|y|e|and)\s+)"

    def alt(ws: tuple[str, ...]) -> str:
        return "|".join(sorted((re.escape(w) for w in ws), key=len, reverse=True))

    pre_re = re.compile(rf"\b(?:{alt(pre)})(?:\s+{conn}?{cap})+")
    cap_word = rf"(?:[A-Z](?:\.[A-Z])+\.|[{up}][\w-]*|[A-Z]{{2,}})"
    post_re = re.compile(rf"(?<![\w'’])(?:{cap_word}\s+){{1,4}}(?:{alt(post)})\b")
    lone_re = re.compile(
        rf"(?<=[a-záéíóúñ,]\s)(?:{alt(lone)})\b(?!\s+(?:[{up}]|de\s|del\s|of\s|for\s))"
    )
    return pre_re, post_re, lone_re


def _gov_pattern_cands(text: str, lex: Lexicon) -> list[Cand]:
    pre_re, post_re, lone_re = _gov_res(lex.gov_heads_pre, lex.gov_heads_post, lex.gov_lone)
    out: list[Cand] = []
    for m in pre_re.finditer(text):
        s, e = m.start(), m.end()
        # trailing connector-less lowercase is impossible; trim a trailing "Y"/"E" word
        out.append(Cand(s, e, "GOV_AGENCY", "gov-pattern", 86))
    for m in post_re.finditer(text):
        s, e = m.start(), m.end()
        words = text[s:e].split()
        while words and (
            fold_key(words[0]) in ("the", "el", "la", "a", "an")
            or fold_key(words[0]) in lex.stop_names
        ):
            s = text.index(words[1], s + len(words[0])) if len(words) > 1 else e
            words = words[1:]
        if len(words) >= 2:
            out.append(Cand(s, e, "GOV_AGENCY", "gov-pattern", 86))
    for m in lone_re.finditer(text):
        prev = re.search(r"(\S+)\s$", text[max(0, m.start() - 30) : m.start()])
        if (
            prev
            and prev.group(1)[:1].isupper()
            and not prev.group(1).endswith(",")
            and fold_key(prev.group(1)) not in ("el", "la", "the", "los", "las")
        ):
            continue  # "Federal Police", "National Civil Police": not a lone head
        out.append(Cand(m.start(), m.end(), "GOV_AGENCY", "gov-lone", 87))
    return out


@lru_cache(maxsize=4)
def _place_cue_re(cues: frozenset[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(c).replace(r"\ ", r"\s+") for c in cues), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")\s+")


def _place_cue_cands(text: str, folded: str, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    if lex.place_cues:
        for m in _place_cue_re(lex.place_cues).finditer(folded):
            if not text[m.start() : m.start() + 1].islower():
                continue
            nm = _NAME_RE.match(text, m.end())
            if not nm:
                continue
            surface = nm.group()
            if classify_org(surface, lex) or fold_key(surface) in lex.stop_names:
                continue
            out.append(Cand(nm.start(), nm.end(), "LOCATION", "place-cue", 75))
    for rx in lex.place_patterns:
        for m in re.finditer(rx, text):
            out.append(Cand(m.start(), m.end(), "LOCATION", "place-pattern", 101))
    return out


def _first_name_cands(text: str, lex: Lexicon) -> list[Cand]:
    """Capitalised runs that start with a common given name: people the model missed."""
    out: list[Cand] = []
    for m in _NAME_RE.finditer(text):
        words = m.group().split()
        if len(words) < 2 or fold_key(words[0]) not in lex.first_names:
            continue
        if classify_org(m.group(), lex):
            continue
        if _LOC_PREPS.search(text[max(0, m.start() - 15) : m.start()].lower()):
            continue  # "en Jesús María"
        out.append(Cand(m.start(), m.end(), "PERSON", "first-name", 45))
    return out


def _resolve_overlaps(cands: list[Cand]) -> list[Cand]:
    chosen: list[Cand] = []
    for c in sorted(cands, key=lambda c: (-c.prio, -(c.end - c.start), c.start)):
        if c.end <= c.start:
            continue
        if any(c.overlaps(o) for o in chosen):
            continue
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def collect_candidates(
    text: str, folded: str, doc: Doc, lang: str, gz: Gazetteer, lex: Lexicon
) -> tuple[list[Cand], list[tuple[int, int]]]:
    """Settled mention candidates and alias links between them (index pairs)."""
    ner_labels = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
    cands: list[Cand] = []
    for a in find_accounts(text):
        cands.append(Cand(a.start, a.end, "BANK_ACCOUNT", a.scheme.lower(), 100, value=a.number))
    for ph in find_phones(text):
        if not any(c.start <= ph.start < c.end for c in cands):
            cands.append(Cand(ph.start, ph.end, "PHONE", "phone", 100, value=ph.e164))
    cands.extend(_gazetteer_cands(text, folded, gz, lex, ner_labels))
    cands.extend(_group_pattern_cands(text, folded, lex))
    cands.extend(_title_cands(text, folded, lex))
    cands.extend(_gov_pattern_cands(text, lex))
    cands.extend(_place_cue_cands(text, folded, lex))

    pending_links: list[tuple[Cand, Cand]] = []
    acronyms = []
    for link in find_aliases(text):
        if link.kind == "embedded":
            c = Cand(link.main_start, link.main_end, "PERSON", "alias-embedded", 92, name=link.name)
            c.aliases.append(text[link.alias_start : link.alias_end])
            cands.append(c)
        elif link.kind == "nickname":
            ms, me = _strip_leading(text, link.main_start, link.main_end, lex, lex.person_titles)
            mtype = "PERSON"
            for o in cands:
                if (
                    o.prio >= 86
                    and o.start < me
                    and o.end == me
                    and o.type in ("CRIMINAL_GROUP", "GOV_AGENCY")
                ):
                    ms, me, mtype = o.start, o.end, o.type
            if me <= ms:
                continue
            main = Cand(ms, me, mtype, "alias-main", 90)
            alias = Cand(link.alias_start, link.alias_end, mtype, "alias", 91, is_alias=True)
            cands.extend((main, alias))
            pending_links.append((main, alias))
        elif link.kind == "quoted":
            cands.append(
                Cand(link.alias_start, link.alias_end, "PERSON", "quoted", 60, is_alias=True)
            )
        else:
            acronyms.append(link)

    person_tokens: set[str] = set()
    for c in cands:
        if c.type == "PERSON" and c.source in ("title", "alias-main", "alias-embedded"):
            person_tokens.update(fold_key(c.name or text[c.start : c.end]).split())
    for ent in doc.ents:
        if ent.label_ in ("PER", "PERSON") and len(ent) > 1:
            person_tokens.update(fold_key(ent.text).split())
    person_tokens -= {"de", "del", "la", "los", "las", "el", "y"}
    cands.extend(_ner_cands(text, folded, doc, lang, lex, person_tokens))
    cands.extend(_first_name_cands(text, lex))

    chosen = _resolve_overlaps(cands)
    lower_words = frozenset(w for w in TOKEN_RE.findall(text) if w.islower())
    lower_words = frozenset(fold_key(w) for w in lower_words)
    chosen = [c for c in chosen if _keep(text, c, lex, lower_words)]
    links: list[tuple[int, int]] = []
    for main_c, alias_c in pending_links:
        # the construction's ends may have been won by other sources with the same span
        ia = next((i for i, c in enumerate(chosen) if c.start <= main_c.start < c.end), None)
        ib = next((i for i, c in enumerate(chosen) if c.start <= alias_c.start < c.end), None)
        if ia is None or ib is None or ia == ib:
            continue
        if chosen[ib].prio < 80 or chosen[ib].type != chosen[ia].type:
            chosen[ib].type = chosen[ia].type
        chosen[ib].is_alias = chosen[ib].is_alias or chosen[ib].gid != chosen[ia].gid
        links.append((ia, ib))
    # acronyms in brackets take the type of the entity right before them
    for link in acronyms:
        owner = next((c for c in chosen if c.end == link.main_end), None)
        if owner is None or owner.type in ("BANK_ACCOUNT", "PHONE"):
            continue
        existing = next(
            (c for c in chosen if c.start == link.alias_start and c.end == link.alias_end), None
        )
        if existing is None:
            if any(link.alias_start < c.end and c.start < link.alias_end for c in chosen):
                continue
            existing = Cand(
                link.alias_start,
                link.alias_end,
                owner.type,
                "acronym",
                90,
                gid=owner.gid,
                is_alias=True,
            )
            chosen.append(existing)
        else:
            existing.is_alias = True
            if existing.type != owner.type:
                existing.type = owner.type
        links.append((chosen.index(owner), chosen.index(existing)))
    _retype_alias_echoes(text, chosen, links)
    _share_surnames(text, chosen, lex)
    return chosen, links


_AND = re.compile(r"\s+(?:y|e|and)\s+")


def _share_surnames(text: str, chosen: list[Cand], lex: Lexicon) -> None:
    """ "los hermanos Johnny y José Alfredo Hurtado Olascoaga": the lone given name takes
    the surnames of the full name it is coordinated with."""
    people = [c for c in chosen if c.type == "PERSON" and not c.is_alias and c.name is None]
    for a, b in pairwise(people):
        first = text[a.start : a.end]
        if " " in first or not _AND.fullmatch(text[a.end : b.start]):
            continue
        words = text[b.start : b.end].split()
        k = 0
        while k < len(words) and fold_key(words[k]) in lex.first_names:
            k += 1
        if 0 < k < len(words):
            a.name = first + " " + " ".join(words[k:])


def _retype_alias_echoes(text: str, chosen: list[Cand], links: list[tuple[int, int]]) -> None:
    """Other occurrences of a linked alias ("CV", "El Mencho") that only the statistical
    model typed take the alias's type: the construction is better evidence."""
    typed = {text[chosen[b].start : chosen[b].end]: chosen[a] for a, b in links}
    for c in chosen:
        owner = typed.get(text[c.start : c.end])
        if owner is not None and c.prio < 80 and c.type != owner.type:
            c.type = owner.type
            c.gid = owner.gid


def _keep(text: str, c: Cand, lex: Lexicon, lower_words: frozenset[str]) -> bool:
    if c.type in ("BANK_ACCOUNT", "PHONE"):
        return True
    nl = text.find("\n", c.start, c.end)
    if nl >= 0:  # no name runs across a line break
        c.end = c.start + len(text[c.start : nl].rstrip())
        if c.end <= c.start:
            return False
    surface = text[c.start : c.end]
    key = fold_key(surface)
    if not key or key in lex.stop_names:
        return False
    if c.type == "GOV_AGENCY" and c.source != "gazetteer" and _title_context(text, c, lex):
        return False
    if c.prio <= 50 and " " not in key and key in lower_words:
        return False  # "Líderes", "Seguridad": the text also uses the word in lower case
    if c.source == "ner" and c.type == "PERSON" and " " not in key and key not in lex.first_names:
        head = text[max(0, c.start - 3) : c.start]
        if c.start == 0 or head.endswith(("\n", ". ", ".\n", ": ", "— ")):
            return False  # "Depósitos a la cuenta...": a capitalised word opening a sentence
    if c.prio >= 80:
        return True
    if not _UPPER_WORD.search(surface):
        return False
    if c.type in ("PERSON", "LOCATION") and _DATE_WORD.match(key):
        dates = find_dates(surface)
        if dates and dates[0].start == 0 and dates[0].end >= len(surface.rstrip(". ")):
            return False
    return True


_TITLE_OF = re.compile(r"(\S+(?:\s+\S+)?)\s+(?:de|del|de la|of|for|of the)\s+$")


_TITLE_HEADS = frozenset(
    {
        "secretary", "minister", "chief", "director", "spokesman", "spokeswoman", "official",
        "officials", "officer", "officers", "agent", "agents", "head",
    }
)  # fmt: skip


def _title_context(text: str, c: Cand, lex: Lexicon) -> bool:
    """ "secretario de Seguridad", "Defense Secretary": a department inside a job title."""
    m = _TITLE_OF.search(text[max(0, c.start - 30) : c.start])
    if m:
        words = m.group(1)
        if fold_key(words) in lex.person_titles or fold_key(words.split()[-1]) in lex.person_titles:
            return True
    after = re.match(r"\s+(\w+)", text[c.end : c.end + 20])
    return bool(after and fold_key(after.group(1)) in _TITLE_HEADS)


_DATE_WORD = re.compile(
    "(?:" + "|".join(sorted((*MONTHS, *WEEKDAYS), key=len, reverse=True)) + r")\b"
)
