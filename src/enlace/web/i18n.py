"""Messages in Spanish and English, kept as data (``i18n/<lang>.yml``).

The language is the ``enlace_lang`` cookie when set (the switch in every page's header),
else the first of Accept-Language that enlace speaks, else English.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LANGUAGES = ("en", "es")
DEFAULT = "en"
COOKIE = "enlace_lang"
CATALOGUES = Path(__file__).resolve().parent / "i18n"


@cache
def catalogue(lang: str) -> dict[str, str]:
    data = yaml.safe_load((CATALOGUES / f"{lang}.yml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def translate(lang: str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (English, then the key itself, when missing)."""
    text = catalogue(lang).get(key) or catalogue(DEFAULT).get(key) or key
    return text.format(**values) if values else text


def word(lang: str, group: str, value: str) -> str:
    """A code word the data uses (a deadline's state, say), in ``lang`` when the catalogue
    has ``group.value``, else the word as the data gives it."""
    key = f"{group}.{value}"
    return catalogue(lang).get(key) or catalogue(DEFAULT).get(key) or value


def choose(cookie: str | None, accept: str | None) -> str:
    if cookie in LANGUAGES:
        return str(cookie)
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept or "").split(",")):
        code, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        base = code.strip().lower()[:2]
        if base in LANGUAGES:
            weighted.append((-quality, position, base))
    return min(weighted)[2] if weighted else DEFAULT
