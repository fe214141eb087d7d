"""Language identification restricted to English and Spanish.

The lingua detector is built once, lazily, for just these two languages (which keeps it
small and fast); an explicit ``lang`` argument always wins over detection.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from enlace.exceptions import InvalidData

__all__ = ["SUPPORTED", "detect_language", "resolve_language"]

SUPPORTED = ("en", "es")
_SAMPLE = 1200
_WORD = re.compile(r"[^\W\d_]+")
_EN_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "was",
        "were",
        "is",
        "are",
        "in",
        "on",
        "with",
        "for",
        "that",
        "said",
        "has",
        "had",
        "by",
        "from",
    ]
)
_ES_WORDS = frozenset(
    [
        "el",
        "los",
        "las",
        "del",
        "que",
        "y",
        "fue",
        "es",
        "en",
        "con",
        "por",
        "para",
        "dijo",
        "una",
        "se",
        "al",
    ]
)

_lock = threading.Lock()
_detector: Any = None


def _get_detector() -> Any:
    global _detector
    with _lock:
        if _detector is None:
            from lingua import Language, LanguageDetectorBuilder

            _detector = LanguageDetectorBuilder.from_languages(
                Language.ENGLISH, Language.SPANISH
            ).build()
        return _detector


def detect_language(text: str) -> str:
    """``"en"`` or ``"es"`` for ``text`` (English when undecidable)."""
    sample = text[:_SAMPLE]
    if not sample.strip():
        return "en"
    # Names ("Joaquín Guzmán López", "Cártel de Sinaloa") say nothing about the language of
    # the report and tip English texts towards Spanish: judge on the other words.
    common = " ".join(w for w in _WORD.findall(sample) if not w[0].isupper())
    if len(common.split()) >= 4:
        sample = common
    words = sample.lower().split()
    en = sum(1 for w in words if w in _EN_WORDS)
    es = sum(1 for w in words if w in _ES_WORDS)
    if en + es >= 8 and (en >= 4 * es or es >= 4 * en):
        return "en" if en > es else "es"  # clear-cut: no need to ask lingua
    lang = _get_detector().detect_language_of(sample)
    if lang is None:
        return "en"
    return "es" if lang.iso_code_639_1.name.lower() == "es" else "en"


def resolve_language(text: str, lang: str | None) -> str:
    """The language to use: ``lang`` when given (validated), else the detected one."""
    if lang is None or lang == "" or lang == "auto":
        return detect_language(text)
    code = lang.strip().lower()[:2]
    if code not in SUPPORTED:
        raise InvalidData(f"Language {lang!r} is not supported; use one of: en, es.")
    return code
