"""Where a text can be phrased differently without changing what it says.

:func:`segment` cuts a text into fixed pieces and :class:`Choice` points, each with the
equivalent forms a copy may take there: a phrase from a synonym set (``data/synonyms.yml``,
English and Spanish), a number written with or without a thousands separator or, from
two to twelve, in words, a date in one of three formats, and a list of names in another
order (with or without the serial comma in English). The first form of a choice is the
one the text had. The same text always gives the same segments, which is what lets a
leaked copy be compared with every recipient's.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SYNONYMS = Path(__file__).parent / "data" / "synonyms.yml"
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
}
NUMBER_WORDS = {
    "en": ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve"],
    "es": ["dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once",
           "doce"],
}
STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "was", "with", "that", "he", "she", "on", "is"},
    "es": {"el", "la", "de", "que", "y", "los", "las", "en", "por", "con", "una", "se", "del"},
}
UPPER = "A-ZÁÉÍÓÚÑÜ"
WORD = r"[\wÁÉÍÓÚÑÜáéíóúñü'-]"
NAME = rf"[{UPPER}]{WORD}*(?: (?:de |del |la )?[{UPPER}]{WORD}*){{0,3}}"
LIST_RE = re.compile(rf"(?<=[\w,;:] )({NAME})((?:, {NAME}){{1,3}})(,?) (and|y|e) ({NAME})(?!\w)")
ISO_DATE_RE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
MAX_ORDERS = 6


@dataclass(frozen=True)
class Choice:
    """A place where copies differ: the equivalent forms, the text's own first."""

    forms: tuple[str, ...]
    kind: str


Segment = str | Choice


def language(text: str, hint: str | None = None) -> str:
    """``en`` or ``es``: from a hint (``es``, ``spa``, ``en``, ``eng``), else stopwords."""
    if hint and hint.lower()[:2] in ("es", "sp"):
        return "es"
    if hint and hint.lower()[:2] == "en":
        return "en"
    words = re.findall(r"\w+", text.lower())
    es = sum(w in STOPWORDS["es"] for w in words)
    en = sum(w in STOPWORDS["en"] for w in words)
    return "es" if es > en else "en"


@cache
def synonym_sets(lang: str) -> tuple[tuple[str, ...], ...]:
    data = yaml.safe_load(SYNONYMS.read_text(encoding="utf-8"))
    return tuple(tuple(str(p) for p in group) for group in data[lang])


@cache
def _synonym_index(lang: str) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    index: dict[str, tuple[str, ...]] = {}
    for group in synonym_sets(lang):
        for phrase in group:
            index[phrase.casefold()] = group
    alternation = "|".join(re.escape(p) for p in sorted(index, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternation})(?![\w'])", re.IGNORECASE), index


def _match_case(form: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return form.upper()
    if like[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _ordered(first: str, forms: list[str]) -> tuple[str, ...]:
    return (first, *[f for f in dict.fromkeys(forms) if f != first])


def _synonyms(text: str, lang: str) -> Iterator[tuple[int, int, Choice]]:
    pattern, index = _synonym_index(lang)
    for m in pattern.finditer(text):
        group = index[m.group(1).casefold()]
        forms = [_match_case(f, m.group(1)) for f in group]
        yield m.start(), m.end(), Choice(_ordered(m.group(1), forms), "synonym")


def _date_forms(day: dt.date, lang: str) -> list[str]:
    month = MONTHS[lang][day.month - 1]
    if lang == "es":
        return [day.isoformat(), f"{day.day} de {month} de {day.year}",
                f"{day.day:02d}/{day.month:02d}/{day.year}"]
    return [day.isoformat(), f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}"]


def _dates(text: str, lang: str) -> Iterator[tuple[int, int, Choice]]:
    names = "|".join(MONTHS[lang])
    patterns: list[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[int, int, int]]]] = [
        (ISO_DATE_RE, lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    ]
    month = {n.casefold(): i + 1 for i, n in enumerate(MONTHS[lang])}
    if lang == "es":
        patterns.append((re.compile(rf"(?<!\w)(\d{{1,2}}) de ({names}) de (\d{{4}})(?!\w)",
                                    re.IGNORECASE),
                         lambda m: (int(m[3]), month[m[2].casefold()], int(m[1]))))
    else:
        patterns.append((re.compile(rf"(?<!\w)(\d{{1,2}}) ({names}) (\d{{4}})(?!\w)"),
                         lambda m: (int(m[3]), month[m[2].casefold()], int(m[1]))))
        patterns.append((re.compile(rf"(?<!\w)({names}) (\d{{1,2}}), (\d{{4}})(?!\w)"),
                         lambda m: (int(m[3]), month[m[1].casefold()], int(m[2]))))
    for pattern, parts in patterns:
        for m in pattern.finditer(text):
            try:
                day = dt.date(*parts(m))
            except ValueError:
                continue
            yield m.start(), m.end(), Choice(_ordered(m[0], _date_forms(day, lang)), "date")


def _numbers(text: str, lang: str) -> Iterator[tuple[int, int, Choice]]:
    sep = "." if lang == "es" else ","
    grouped = rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+"
    pattern = re.compile(rf"(?<![\w.,+/:-])({grouped}|[1-9]\d{{3,6}})(?![\w%/:-]|[.,]\d)")
    for m in pattern.finditer(text):
        before, after = text[max(0, m.start() - 2):m.start()], text[m.end():m.end() + 2]
        if re.fullmatch(r"\d ", before) or re.fullmatch(r" \d", after):
            continue  # part of a phone number or an account written in groups
        value = int(m[1].replace(sep, ""))
        if 1900 <= value <= 2100 and sep not in m[1]:
            continue  # a year
        forms = [str(value), f"{value:,}".replace(",", sep)]
        yield m.start(), m.end(), Choice(_ordered(m[1], forms), "number")
    words = NUMBER_WORDS[lang]
    small = re.compile(r"(?<![\w.,+/:$€-])(" + "|".join([*words, *map(str, range(2, 13))])
                       + r")(?= [^\W\d])", re.IGNORECASE)
    for m in small.finditer(text):
        token = m[1]
        value = int(token) if token.isdigit() else words.index(token.casefold()) + 2
        forms = [str(value), _match_case(words[value - 2], token)]
        yield m.start(), m.end(), Choice(_ordered(token, forms), "number")


def _lists(text: str, lang: str) -> Iterator[tuple[int, int, Choice]]:
    for m in LIST_RE.finditer(text):
        items = [m[1], *[i for i in m[2].split(", ") if i], m[5]]
        conj = m[4]
        orders = list(itertools.islice(itertools.permutations(items), MAX_ORDERS))
        forms: list[str] = []
        for order in orders:
            head = ", ".join(order[:-1])
            commas = [",", ""] if lang == "en" and len(items) > 2 else [m[3]]
            forms.extend(f"{head}{c} {conj} {order[-1]}" for c in commas)
        yield m.start(), m.end(), Choice(_ordered(m[0], forms), "list")


FINDERS = (_dates, _lists, _numbers, _synonyms)  # earlier finders win overlaps


@cache
def segment(text: str, lang: str) -> tuple[Segment, ...]:
    """``text`` as fixed pieces and choices, in order."""
    taken: list[tuple[int, int, Choice]] = []
    for finder in FINDERS:
        for start, end, choice in finder(text, lang):
            if len(choice.forms) > 1 and all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, choice))
    taken.sort(key=lambda t: t[0])
    out: list[Segment] = []
    last = 0
    for start, end, choice in taken:
        if start > last:
            out.append(text[last:start])
        out.append(choice)
        last = end
    if last < len(text):
        out.append(text[last:])
    return tuple(out)


def choices(segments: tuple[Segment, ...]) -> list[Choice]:
    return [s for s in segments if isinstance(s, Choice)]
