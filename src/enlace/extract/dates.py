"""Find date phrases in a text and normalise them against the document date.

``find_dates`` returns every date phrase with its offsets, normalised value and
precision; ``normalise_date`` does the same for one phrase.  Values are
``YYYY-MM-DD`` (precision ``day``), ``YYYY-MM`` (``month``) or ``YYYY`` (``year``).

Rules, chosen to be predictable:

* Explicit dates in English and Spanish ("15 December 2020", "December 15th, 2020",
  "15 de diciembre de 2020", "2020-12-15") keep their own precision.
* A day without a year ("el 15 de diciembre", "December 15") is the most recent such
  date not after the document date (so a January article's "15 de diciembre" is the
  previous year's, and "29 February" looks back to the last leap year).
* A month without a year ("in October", "a mediados de octubre", "mid-October") is the
  most recent such month not after the document's month; "early/mid/late" and
  "a principios/mediados/finales de" keep month (or year) precision.
* "on Tuesday" / "el martes" is the most recent such weekday on or before the document
  date (day precision): news published on a Thursday says "on Thursday" of that same day;
  "yesterday"/"ayer", "today"/"hoy" likewise.
* "three weeks ago" / "hace tres semanas" and "N days ago" give the computed day
  (day precision); "N months ago" / "last month" give a month; "N years ago",
  "last year" / "el año pasado", "this year" give a year.
* Without a document date, phrases that need one are found but normalise to ``None``.

Numeric dates with dots or slashes go to dateparser (slow, so only ever on the short
candidate phrase, with the language and the document date as relative base).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from enlace.extract.text import fold

__all__ = ["DateMatch", "find_dates", "normalise_date"]

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("january", "jan", "enero", "ene"),
        ("february", "feb", "febrero"),
        ("march", "mar", "marzo"),
        ("april", "apr", "abril", "abr"),
        ("may", "mayo"),
        ("june", "jun", "junio"),
        ("july", "jul", "julio"),
        ("august", "aug", "agosto", "ago"),
        ("september", "sep", "sept", "septiembre", "setiembre"),
        ("october", "oct", "octubre"),
        ("november", "nov", "noviembre"),
        ("december", "dec", "diciembre", "dic"),
    ],
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i

WEEKDAYS: dict[str, int] = {
    "monday": 0, "lunes": 0, "tuesday": 1, "martes": 1, "wednesday": 2, "miercoles": 2,
    "thursday": 3, "jueves": 3, "friday": 4, "viernes": 4, "saturday": 5, "sabado": 5,
    "sunday": 6, "domingo": 6,
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "a couple of": 2, "un par de": 2, "several": 3, "varios": 3, "varias": 3,
}  # fmt: skip

UNITS = {
    "day": "day", "days": "day", "dia": "day", "dias": "day",
    "week": "week", "weeks": "week", "semana": "week", "semanas": "week",
    "month": "month", "months": "month", "mes": "month", "meses": "month",
    "year": "year", "years": "year", "ano": "year", "anos": "year",
}  # fmt: skip

_LONG_MONTHS = sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True)
_SHORT_MONTHS = sorted((m for m in MONTHS if len(m) <= 4 and m != "may"), key=len, reverse=True)
_MON = r"(?P<mon>" + "|".join(_LONG_MONTHS) + r"|(?:" + "|".join(_SHORT_MONTHS) + r")\.)"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_WD = r"(?P<wd>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
_NUM = r"(?P<num>\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th|o|º|°)?"
_PART_EN = r"(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)"
_PART_ES = r"(?P<part>(?:a\s+)?(?:principios|inicios|comienzos|mediados|finales|fines)\s+de(?:l)?)"
_WDPRE = r"(?:" + _WD + r",?\s+)?"

# (name, regex) in priority order; overlapping matches resolve to the longest.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    ("numeric", r"\b\d{1,2}[./]\d{1,2}[./](?:19|20)?\d\d\b"),
    ("en_mdy", _WDPRE + _MON + r"\s+" + _DAY + _ORD + r"\b(?:,?\s+" + _YEAR + r"\b)?"),
    ("en_dmy", _WDPRE + r"\b" + _DAY + _ORD + r"\s+(?:of\s+)?" + _MON + r"\b(?:,?\s+" + _YEAR
     + r"\b)?"),
    ("es_dmy", _WDPRE + r"\b(?P<day>[12]\d|3[01]|0?[1-9]|primero)" + _ORD + r"\s+de\s+" + _MON
     + r"(?:\s+(?:de|del)\s+" + _YEAR + r")?\b"),
    ("part_month", r"\b" + _PART_EN + r"[-\s]+(?:of\s+)?" + _MON + r"(?:,?\s+(?:of\s+)?" + _YEAR
     + r")?\b"),
    ("part_month", r"\b" + _PART_ES + r"\s+" + _MON + r"(?:\s+(?:de|del)\s+" + _YEAR
     + r")?\b"),
    ("part_year", r"\b" + _PART_EN + r"[-\s]+(?:of\s+)?" + _YEAR + r"\b"),
    ("part_year", r"\b" + _PART_ES + r"\s+" + _YEAR + r"\b"),
    ("part_rel_year", r"\b" + _PART_EN + r"[-\s]+(?:of\s+)?(?P<rel>last|this|next)\s+year\b"),
    ("part_rel_year", r"\b" + _PART_ES + r"\s+(?:este\s+ano|(?:el\s+)?ano\s+pasado)\b"),
    ("month_year", r"\b" + _MON + r"(?:,?\s+of|\s+de(?:l)?|,)?\s+" + _YEAR + r"\b"),
    ("month_range_year", r"\b" + _MON2 + r"\s+(?:and|to|y|a)\s+" + _MON + r"(?:\s+de(?:l)?|,)?\s+"
     + _YEAR + r"\b"),
    ("month", r"\b(?:in|during|since|until|by|en|durante|desde|hasta|de|this|last|past|el\s+pasado"
     r"|el\s+mes\s+de|pasado)\s+" + _MON + r"(?:\s+pasado)?\b"),
    ("ago", r"\b" + _NUM + r"\s+" + _UNIT + r"\s+ago\b"),
    ("ago", r"\bhace\s+" + _NUM + r"\s+" + _UNIT + r"\b"),
    ("ago_one", r"\b(?:a|one)\s+" + _UNIT + r"\s+ago\b"),
    ("ago_one", r"\bhace\s+(?:un|una)\s+" + _UNIT + r"\b"),
    ("last_unit", r"\b(?:last|past|previous)\s+(?P<unit>week|month|year)\b"),
    ("last_unit", r"\b(?:(?:la|el)\s+)?(?P<unit>semana|mes|ano)\s+pasad[oa]\b"),
    ("last_unit", r"\b(?:(?:la|el)\s+)?pasad[oa]\s+(?P<unit>semana|mes|ano)\b"),
    ("this_year", r"\b(?:this|este|el\s+presente)\s+(?:year|ano)\b"),
    ("this_month", r"\b(?:this|este)\s+(?:month|mes)\b"),
    ("yesterday", r"\b(?:the\s+day\s+before\s+yesterday|anteayer|antier|antes\s+de\s+ayer)\b"),
    ("yesterday1", r"\b(?:yesterday|ayer)\b"),
    ("today", r"\b(?:today|hoy|este\s+dia)\b"),
    ("weekday", r"\b(?:on\s+|last\s+|el\s+pasado\s+|el\s+|este\s+|this\s+past\s+|del\s+"
     r"|(?:la\s+)?(?:madrugada|manana|tarde|noche)\s+del\s+|(?:early\s+|late\s+)?on\s+)?" + _WD
     + r"(?:\s+pasado)?\b"),
    ("year", r"(?:\b(?:in|since|until|by|during|of|from|the|en|desde|hasta|durante|de|del|year"
     r"|ano|el"
     r"|circa|around|hacia)\s+|\()" + _YEAR + r"\b(?!\s*(?:pesos|dollars|dolares|usd|mxn|kg|km|"
     r"kilos|tons|toneladas|personas|people|members|miembros|elementos|agents|agentes))"),
]  # fmt: skip

_COMPILED = [(name, re.compile(rx)) for name, rx in _PATTERNS]

# What each pattern cannot match without: a cheap test on the document's words lets
# find_dates skip most of the regex passes.
_NEEDS = {
    "iso": "digit", "numeric": "digit", "en_mdy": "month", "en_dmy": "month", "es_dmy": "month",
    "part_month": "month", "part_year": "digit", "part_rel_year": "year_word",
    "month_year": "month", "month_range_year": "month", "month": "month", "ago": "unit",
    "ago_one": "unit", "last_unit": "unit", "this_year": "year_word", "this_month": "unit",
    "yesterday": "rel", "yesterday1": "rel", "today": "rel", "weekday": "weekday", "year": "digit",
}  # fmt: skip
_REL_WORDS = frozenset({"yesterday", "ayer", "anteayer", "antier", "today", "hoy", "dia"})
_WORD_RE = re.compile(r"[a-z]+\.?|\d")


def _present(folded: str) -> set[str]:
    words = set(_WORD_RE.findall(folded))
    out: set[str] = set()
    if any(w[0].isdigit() for w in words):
        out.add("digit")
    if words & _MONTH_KEYS:
        out.add("month")
    if words & WEEKDAYS.keys():
        out.add("weekday")
    if words & UNITS.keys():
        out.add("unit")
    if words & {"year", "ano", "years", "anos"}:
        out.add("year_word")
    if words & _REL_WORDS:
        out.add("rel")
    return out


_MONTH_KEYS = frozenset([m for m in MONTHS if len(m) > 3 or m == "may"] + [m + "." for m in MONTHS])


@dataclass(frozen=True)
class DateMatch:
    """A date phrase: offsets into the original text, value and precision."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None  # "day", "month", "year" or None when unresolved


def _month(m: re.Match[str], group: str = "mon") -> int:
    return MONTHS[m.group(group).rstrip(".")]


def _recent_day(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The most recent (month, day) not after ``ref``; looks back up to 8 years."""
    for year in range(ref.year, ref.year - 9, -1):
        if day > calendar.monthrange(year, month)[1]:
            continue
        cand = dt.date(year, month, day)
        if cand <= ref:
            return cand
    return None


def _valid_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _minus_months(ref: dt.date, n: int) -> tuple[int, int]:
    total = ref.year * 12 + (ref.month - 1) - n
    return total // 12, total % 12 + 1


def _num(word: str) -> int:
    word = " ".join(word.split())
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def _day(m: re.Match[str]) -> int:
    d = m.group("day")
    return 1 if d == "primero" else int(d)


def _resolve(name: str, m: re.Match[str], doc: dt.date | None, lang: str) -> tuple[str, str] | None:
    gd = m.groupdict()
    year = int(gd["year"]) if gd.get("year") else None
    if name == "iso":
        d = _valid_day(int(gd["year"]), int(gd["m"]), int(gd["day"]))
        return (d.isoformat(), "day") if d else None
    if name == "numeric":
        return _dateparser(m.group(), lang, doc)
    if name in ("en_mdy", "en_dmy", "es_dmy"):
        month, day = _month(m), _day(m)
        if year is not None:
            d = _valid_day(year, month, day)
            return (d.isoformat(), "day") if d else None
        if doc is None:
            return None
        d = _recent_day(month, day, doc)
        return (d.isoformat(), "day") if d else None
    if name in ("part_month", "month", "month_year", "month_range_year"):
        month = _month(m)
        if year is None:
            if doc is None:
                return None
            year = doc.year if month <= doc.month else doc.year - 1
            text = m.group()
            if re.search(r"\b(?:last|past|pasado)\b", text) and month == doc.month:
                year -= 1
        return f"{year:04d}-{month:02d}", "month"
    if name == "part_year" and year is not None:
        return f"{year:04d}", "year"
    if doc is None:
        return None
    if name == "part_rel_year":
        rel = gd.get("rel") or ("last" if "pasado" in m.group() else "this")
        return f"{doc.year - (1 if rel == 'last' else 0) + (1 if rel == 'next' else 0):04d}", "year"
    if name in ("ago", "ago_one", "last_unit"):
        n = _num(gd["num"]) if gd.get("num") else 1
        unit = UNITS[gd["unit"]]
        if unit == "day":
            return (doc - dt.timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            return (doc - dt.timedelta(weeks=n)).isoformat(), "day"
        if unit == "month":
            y, mo = _minus_months(doc, n)
            return f"{y:04d}-{mo:02d}", "month"
        return f"{doc.year - n:04d}", "year"
    if name == "this_year":
        return f"{doc.year:04d}", "year"
    if name == "this_month":
        return f"{doc.year:04d}-{doc.month:02d}", "month"
    if name == "yesterday":
        return (doc - dt.timedelta(days=2)).isoformat(), "day"
    if name == "yesterday1":
        return (doc - dt.timedelta(days=1)).isoformat(), "day"
    if name == "today":
        return doc.isoformat(), "day"
    if name == "weekday":
        wd = WEEKDAYS[gd["wd"]]
        back = (doc.weekday() - wd) % 7
        return (doc - dt.timedelta(days=back)).isoformat(), "day"
    if name == "year" and year is not None:
        return f"{year:04d}", "year"
    return None


@lru_cache(maxsize=1024)
def _dateparser(phrase: str, lang: str, doc: dt.date | None) -> tuple[str, str] | None:
    import dateparser

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "MDY" if lang == "en" else "DMY",
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    if doc is not None:
        settings["RELATIVE_BASE"] = dt.datetime(doc.year, doc.month, doc.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(phrase, languages=[lang], settings=settings)
    if parsed is None:
        return None
    return parsed.date().isoformat(), "day"


def find_dates(
    text: str, lang: str = "en", doc_date: dt.date | None = None, folded: str | None = None
) -> list[DateMatch]:
    """Every date phrase in ``text``, longest match first, without overlaps.

    ``folded`` may pass :func:`~enlace.extract.text.fold` of ``text`` when already known."""
    folded = fold(text) if folded is None else folded
    present = _present(folded)
    cands: list[tuple[int, int, int, str, re.Match[str]]] = []
    for prio, (name, rx) in enumerate(_COMPILED):
        if _NEEDS.get(name, "digit") not in present:
            continue
        for m in rx.finditer(folded):
            cands.append((m.start(), m.end(), prio, name, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    for start, end, _prio, name, m in cands:
        if any(start < e and s < end for s, e in taken):
            continue
        if name == "weekday" and not _weekday_ok(folded, m):
            continue
        res = _resolve(name, m, doc_date, lang)
        taken.append((start, end))
        out.append(
            DateMatch(start, end, text[start:end], res[0] if res else None, res[1] if res else None)
        )
    out.sort(key=lambda d: d.start)
    return out


def _weekday_ok(folded: str, m: re.Match[str]) -> bool:
    # "Domingo" is also a name; a bare capitalised-looking weekday needs a lead word.
    lead = m.group()[: m.start("wd") - m.start()]
    return bool(lead.strip()) or m.group("wd") not in ("domingo",)


def normalise_date(
    phrase: str, lang: str = "en", doc_date: dt.date | None = None
) -> tuple[str, str] | None:
    """``(value, precision)`` for one date phrase, or ``None`` when it cannot be read."""
    all_found = find_dates(phrase, lang, doc_date)
    found = [d for d in all_found if d.value is not None]
    if found:
        best = max(found, key=lambda d: d.end - d.start)
        assert best.value is not None and best.precision is not None
        return best.value, best.precision
    stripped = phrase.strip()
    if all_found or doc_date is None or not stripped or len(stripped) > 60:
        # recognised but unresolvable (no document date, impossible day), or nothing to
        # anchor a relative reading on: never guess from today's date
        return None
    return _dateparser(stripped, lang, doc_date)
