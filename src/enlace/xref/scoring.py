"""The scorer: how alike two records are, from 0 to 1, for many pairs at once.

Names are compared with rapidfuzz over every pair of canonical names: token-set and
token-sort ratios, and for people the plain ratio too, because surname order matters in
Spanish names; a name that is the other without its maternal surname scores at least
0.9. Then the score is adjusted: a different first given name costs, a nickname
alone is capped, a birth-date disagreement vetoes (unless an identifier is shared),
different nationality or gender costs, a shared identifier or phone adds. Thresholds are
calibrated per kind on labelled pairs (``bench/xref``, see :data:`THRESHOLDS`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from enlace.xref.record import ACCOUNT, ORG, PERSON, Record

#: Best-F1 thresholds calibrated by ``bench/xref/run.py`` on its calibration set (seed 7,
#: 20k × 20k) and then measured on a different test set; ``tests/xref`` checks them again.
#: Accounts match on identifiers only, so any shared number (0.95) passes.
THRESHOLDS = {PERSON: 0.9, ORG: 0.96, ACCOUNT: 0.9}
NICKNAME_CAP = 0.75
VETO_CAP = 0.4
MATERNAL_DROPPED = 0.9
MAX_NAMES = 4


def _maternal_dropped(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One name is the other without its last surname ("Ismael Zambada [García]")."""
    short, full = sorted((a, b), key=len)
    return len(short) >= 2 and len(full) == len(short) + 1 and full[:-1] == short


def _combos(left: Sequence[Record], right: Sequence[Record], pairs: NDArray[np.int64],
            dropped: NDArray[np.bool_]
            ) -> tuple[list[str], list[str], list[int], list[bool], list[bool]]:
    a_names: list[str] = []
    b_names: list[str] = []
    owner: list[int] = []
    penalised: list[bool] = []
    people: list[bool] = []
    for row, (i, j) in enumerate(pairs.tolist()):
        a, b = left[i], right[j]
        is_person = a.kind == PERSON
        for na, (ta, pa) in zip(a.names[:MAX_NAMES], a.texts, strict=False):
            for nb, (tb, pb) in zip(b.names[:MAX_NAMES], b.texts, strict=False):
                differ = is_person and _first_names_differ(na, nb)
                if is_person and _maternal_dropped(na, nb):
                    dropped[row] = True
                a_names += (ta, pa)
                b_names += (tb, pb)
                owner += (row, row)
                penalised += (differ, differ)
                people += (is_person, is_person)
    return a_names, b_names, owner, penalised, people


def _first_names_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    fa, fb = a[0], b[0]
    if fa == fb or (min(len(fa), len(fb)) == 1 and fa[0] == fb[0]):
        return False
    if fa in b or fb in a:
        return False
    return fuzz.ratio(fa, fb) < 70


def _name_scores(left: Sequence[Record], right: Sequence[Record],
                 pairs: NDArray[np.int64]) -> NDArray[np.float64]:
    best = np.zeros(len(pairs))
    dropped = np.zeros(len(pairs), dtype=bool)
    a_names, b_names, owner, penalised, people = _combos(left, right, pairs, dropped)
    if a_names:
        sets = process.cpdist(a_names, b_names, scorer=fuzz.token_set_ratio, workers=-1)
        sorts = process.cpdist(a_names, b_names, scorer=fuzz.token_sort_ratio, workers=-1)
        plain = process.cpdist(a_names, b_names, scorer=fuzz.ratio, workers=-1)
        ordered = np.asarray(people)  # surname order matters; org word order does not
        sims = np.where(ordered, 0.35 * sets + 0.35 * sorts + 0.3 * plain,
                        0.5 * sets + 0.5 * sorts) / 100.0 - 0.15 * np.asarray(penalised)
        np.maximum.at(best, np.asarray(owner, dtype=np.int64), sims)
    return np.where(dropped, np.maximum(best, MATERNAL_DROPPED), best)


def _weak_score(a: Record, b: Record) -> float:
    best = 0.0
    for wa in a.weak:
        for nb in (*b.names, *b.weak):
            if wa == nb or (len(wa) == 1 and wa[0] in nb):
                best = max(best, 1.0)
    for wb in b.weak:
        for na in a.names:
            if len(wb) == 1 and wb[0] in na:
                best = max(best, 1.0)
    return best * NICKNAME_CAP


def _acronym_score(a: Record, b: Record) -> float:
    return 0.85 if (a.acronyms & b.single_words) or (b.acronyms & a.single_words) else 0.0


def dates_agree(a: frozenset[str], b: frozenset[str]) -> bool | None:
    """True, False, or None when either side has no date (partial dates by prefix)."""
    if not a or not b:
        return None
    for x in a:
        for y in b:
            n = min(len(x), len(y))
            if x[:n] == y[:n] or (n == 10 and x[:4] == y[:4] and x[5:7] == y[8:10]
                                  and x[8:10] == y[5:7]):
                return True
    return False


def _adjust(score: float, a: Record, b: Record) -> float:
    score = max(score, _weak_score(a, b))
    if a.kind == ORG:
        score = max(score, _acronym_score(a, b))
    shared_id = bool(a.ids & b.ids)
    if a.kind == PERSON:
        agree = dates_agree(a.dates, b.dates)
        if agree:
            score += 0.08
        elif agree is False:
            score = min(score - 0.3, VETO_CAP)
        if a.countries and b.countries and not a.countries & b.countries:
            score -= 0.05
        if a.genders and b.genders and not a.genders & b.genders:
            score -= 0.2
    if shared_id:
        score = max(score, 0.95 if a.kind == ACCOUNT else 0.9)
    if a.phones & b.phones:
        score += 0.1
    return min(max(score, 0.0), 1.0)


def score_pairs(left: Sequence[Record], right: Sequence[Record],
                pairs: NDArray[np.int64]) -> NDArray[np.float64]:
    """Scores of ``(left[i], right[j])`` for each row ``(i, j)`` of ``pairs``."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    names = _name_scores(left, right, pairs)
    out = np.empty(len(pairs))
    for row, (i, j) in enumerate(pairs.tolist()):
        a, b = left[i], right[j]
        out[row] = 0.0 if a.kind != b.kind else _adjust(float(names[row]), a, b)
    return out


def score_pair(a: Record, b: Record) -> float:
    """The score of one pair (for tests and single look-ups)."""
    return float(score_pairs([a], [b], np.array([[0, 0]]))[0])


def threshold(kind: str, override: float | None = None) -> float:
    return override if override is not None else THRESHOLDS.get(kind, 0.9)
