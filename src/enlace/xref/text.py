"""Name normalisation: accent folding, aliases, given-name forms, org terms and legal forms.

Everything here turns a raw name into canonical tokens, so that "Cártel de Sinaloa" and
"Sinaloa Cartel", or "Pepe García" and "José Garcia", compare as equals. The word lists
live in ``data/terms.yml``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

TERMS_FILE = Path(__file__).parent / "data" / "terms.yml"
_ALIAS_RE = re.compile(r"\s+(?:alias|a\.?k\.?a\.?|\(a\)|apodado|conocido como)\s+", re.I)
_QUOTED_RE = re.compile(r"[\"“”«»]([^\"“”«»]+)[\"“”«»]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@cache
def _terms() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8"))
    return data


@cache
def _given_names() -> dict[str, str]:
    return {short: full for full, shorts in _terms()["given_names"].items() for short in shorts}


@cache
def _org_terms() -> tuple[dict[str, str], re.Pattern[str] | None]:
    single: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for canonical, variants in _terms()["org_terms"].items():
        for variant in variants:
            (phrases if " " in variant else single)[variant] = canonical
    pattern = None
    if phrases:
        pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, phrases), key=len,
                                                       reverse=True)) + r")\b")
    return {**single, **{p.replace(" ", "_"): c for p, c in phrases.items()}}, pattern


@cache
def _legal_form_re() -> re.Pattern[str]:
    forms = sorted(_terms()["legal_forms"], key=len, reverse=True)
    return re.compile(r"(?:\s+(?:" + "|".join(re.escape(f) for f in forms) + r"))+\s*$")


@cache
def stopwords() -> frozenset[str]:
    return frozenset(_terms()["stopwords"])


def fold(text: str) -> str:
    """Lower case, accents dropped, anything but letters and digits turned into one space."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", plain.replace("ñ", "n")).strip()


def split_aliases(name: str) -> tuple[str, list[str]]:
    """``'Joaquín Guzmán alias "El Chapo"'`` → ``('Joaquín Guzmán', ['El Chapo'])``."""
    aliases = [m.strip() for m in _QUOTED_RE.findall(name)]
    rest = _QUOTED_RE.sub(" ", name)
    parts = _ALIAS_RE.split(rest)
    main = parts[0].strip()
    aliases.extend(p.strip() for p in parts[1:] if p.strip())
    if not main and aliases:
        main = aliases.pop(0)
    return main, aliases


def reorder(name: str) -> str:
    """``'GARCÍA LÓPEZ, Juan'`` → ``'Juan GARCÍA LÓPEZ'`` (one comma, surnames first)."""
    if name.count(",") == 1:
        surnames, given = (p.strip() for p in name.split(","))
        if surnames and given:
            return f"{given} {surnames}"
    return name


def person_tokens(name: str) -> list[str]:
    """Canonical tokens of a person's name, given names first, pet names expanded."""
    short = _given_names()
    words = fold(reorder(name)).split()
    return [short.get(w, w) for w in words if w not in stopwords()]


def org_tokens(name: str) -> list[str]:
    """Canonical tokens of an organisation's name, legal form and filler words dropped."""
    text = fold(name)
    stripped = _legal_form_re().sub("", " " + text).strip()
    text = stripped or text
    terms, phrases = _org_terms()
    if phrases is not None:
        text = phrases.sub(lambda m: m.group(1).replace(" ", "_"), text)
    return [terms.get(w, w) for w in text.split() if w not in stopwords()]


@lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    """A Spanish sound key: z/s/c, b/v, ll/y, silent h, qu/k, g/j all collapse."""
    key = token
    for old, new in (("ch", "X"), ("ll", "y"), ("qu", "k"), ("ce", "se"), ("ci", "si"),
                     ("ge", "je"), ("gi", "ji"), ("gue", "ge"), ("gui", "gi"), ("ph", "f")):
        key = key.replace(old, new)
    key = key.replace("h", "").replace("z", "s").replace("v", "b").replace("c", "k")
    key = key.replace("w", "u").replace("x", "j").replace("X", "ch")
    key = re.sub(r"(.)\1+", r"\1", key)
    return key[:-1] + "i" if key.endswith("y") else key
