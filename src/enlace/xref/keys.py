"""Blocking keys: which entities are worth comparing at all.

A record yields weighted keys: pairs of name tokens ("garcia|lopez" survives a dropped
maternal surname, an initial or a typo in a third token), the same pairs as Spanish sound
keys, single tokens, org acronyms, identifiers (accounts, IBAN/CLABE, id numbers, phones)
and, as a weak key, the birth date. Keys are prefixed by kind, so people only meet people.
Inverse document frequency and a cap on very common keys are applied by the blocker.
"""

from __future__ import annotations

from itertools import combinations

from enlace.xref.record import ORG, PERSON, Record
from enlace.xref.text import phonetic

PAIR, SOUND, TOKEN, IDENT, PHONE, BIRTH = 1.0, 0.6, 0.5, 3.0, 2.0, 0.3
MAX_TOKENS = 6
_PREFIX = {PERSON: "P", ORG: "O"}


def record_keys(record: Record) -> dict[str, float]:
    """Every blocking key of ``record`` with its weight before IDF."""
    prefix = _PREFIX.get(record.kind, "A")
    keys: dict[str, float] = {}
    for tokens in record.names:
        words = sorted({t for t in tokens if len(t) > 1})[:MAX_TOKENS]
        for a, b in combinations(words, 2):
            keys[f"{prefix}2:{a}|{b}"] = PAIR
            sa, sb = sorted((phonetic(a), phonetic(b)))
            keys.setdefault(f"{prefix}p:{sa}|{sb}", SOUND)
        for word in words:
            keys.setdefault(f"{prefix}1:{word}", TOKEN)
    if record.kind == ORG:
        for short in record.acronyms:
            keys.setdefault(f"{prefix}1:{short}", TOKEN)
    for tokens in record.weak:
        for word in tokens:
            if len(word) > 2:
                keys.setdefault(f"{prefix}1:{word}", TOKEN)
    for ident in record.ids:
        keys[f"i:{ident}"] = IDENT
    for phone in record.phones:
        keys[f"t:{phone}"] = PHONE
    if record.kind == PERSON:
        for date in record.dates:
            if len(date) == 10:
                keys[f"Pd:{date}"] = BIRTH
    return keys
