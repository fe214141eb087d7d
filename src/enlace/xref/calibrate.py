"""Threshold calibration and evaluation on labelled pairs.

Each left-hand entity keeps its best-scoring candidate; a pair is predicted when that
score reaches the kind's threshold. :func:`best_thresholds` picks, per kind, the threshold
with the best F1 on a calibration set; :func:`evaluate` reports precision, recall and F1
of given thresholds on another set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from enlace.xref.record import Record

GRID = np.round(np.arange(0.5, 1.0001, 0.01), 2)


@dataclass(frozen=True)
class Row:
    threshold: float
    precision: float
    recall: float
    f1: float
    true: int


@dataclass(frozen=True)
class Evaluation:
    rows: dict[str, Row]
    candidate_recall: float


def best_per_left(pairs: NDArray[np.int64], scores: NDArray[np.float64]
                  ) -> dict[int, tuple[int, float]]:
    """For each left index, its best right index and score."""
    best: dict[int, tuple[int, float]] = {}
    order = np.argsort(scores, kind="stable")
    for (i, j), s in zip(pairs[order].tolist(), scores[order].tolist(), strict=True):
        best[i] = (j, s)
    return best


def _counts(left: Sequence[Record], right: Sequence[Record],
            best: dict[int, tuple[int, float]], truth: set[tuple[str, str]],
            kind: str) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    scores, correct = [], []
    for i, (j, s) in best.items():
        if left[i].kind == kind:
            scores.append(s)
            correct.append((left[i].id, right[j].id) in truth)
    return np.asarray(scores), np.asarray(correct, dtype=bool)


def _row(scores: NDArray[np.float64], correct: NDArray[np.bool_], true: int,
         threshold: float) -> Row:
    chosen = scores >= threshold
    tp = int((chosen & correct).sum())
    predicted = int(chosen.sum())
    p = tp / predicted if predicted else 0.0
    r = tp / true if true else 0.0
    return Row(threshold, p, r, 2 * p * r / (p + r) if p + r else 0.0, true)


def _true_by_kind(left: Sequence[Record], truth: set[tuple[str, str]]) -> dict[str, int]:
    kinds = {r.id: r.kind for r in left}
    counts: dict[str, int] = {}
    for a, _ in truth:
        if a in kinds:
            counts[kinds[a]] = counts.get(kinds[a], 0) + 1
    return counts


def best_thresholds(left: Sequence[Record], right: Sequence[Record], pairs: NDArray[np.int64],
                    scores: NDArray[np.float64], truth: set[tuple[str, str]]
                    ) -> dict[str, float]:
    """Per kind, the threshold on :data:`GRID` with the best F1."""
    best = best_per_left(pairs, scores)
    found: dict[str, float] = {}
    for kind, true in _true_by_kind(left, truth).items():
        s, c = _counts(left, right, best, truth, kind)
        rows = [_row(s, c, true, float(t)) for t in GRID]
        found[kind] = max(rows, key=lambda row: row.f1).threshold
    return found


def evaluate(left: Sequence[Record], right: Sequence[Record], pairs: NDArray[np.int64],
             scores: NDArray[np.float64], truth: set[tuple[str, str]],
             thresholds: Mapping[str, float]) -> Evaluation:
    """Precision, recall and F1 per kind and overall at the given thresholds."""
    best = best_per_left(pairs, scores)
    rows: dict[str, Row] = {}
    tp = predicted = 0
    trues = _true_by_kind(left, truth)
    for kind, true in trues.items():
        s, c = _counts(left, right, best, truth, kind)
        row = _row(s, c, true, thresholds.get(kind, 0.9))
        rows[kind] = row
        chosen = s >= row.threshold
        tp += int((chosen & c).sum())
        predicted += int(chosen.sum())
    total = sum(trues.values())
    p = tp / predicted if predicted else 0.0
    r = tp / total if total else 0.0
    rows["all"] = Row(float("nan"), p, r, 2 * p * r / (p + r) if p + r else 0.0, total)
    ids = [(left[i].id, right[j].id) for i, j in pairs.tolist()]
    found = len(truth & set(ids))
    return Evaluation(rows, found / len(truth) if truth else 0.0)
