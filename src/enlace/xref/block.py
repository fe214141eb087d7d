"""Batch blocking of two collections in memory: IDF-weighted key overlap, top K per entity.

Used for whole-collection runs and the benchmark. Keys shared by too many entities on both
sides (``df_left * df_right > cap``) are dropped and reported as capped, so that
"juan|garcia" cannot pair every Juan García with every other one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

DEFAULT_CAP = 40_000
DEFAULT_TOP = 20


@dataclass(frozen=True)
class Blocked:
    """Candidate pairs (rows of left and right indices) and the keys the cap dropped."""

    pairs: NDArray[np.int64]
    capped: frozenset[str]


def _matrix(keys: Sequence[dict[str, float]], vocab: dict[str, int],
            weights: NDArray[np.float64] | None) -> sp.csr_matrix:
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, entry in enumerate(keys):
        for key, weight in entry.items():
            col = vocab.get(key)
            if col is not None:
                rows.append(row)
                cols.append(col)
                vals.append(weight)
    data = np.asarray(vals)
    if weights is not None and len(cols):
        data = data * weights[np.asarray(cols)]
    return sp.csr_matrix((data, (rows, cols)), shape=(len(keys), len(vocab)))


def frequencies(keys: Sequence[dict[str, float]]) -> dict[str, int]:
    df: dict[str, int] = {}
    for entry in keys:
        for key in entry:
            df[key] = df.get(key, 0) + 1
    return df


def block(left: Sequence[dict[str, float]], right: Sequence[dict[str, float]],
          cap: int = DEFAULT_CAP, top: int = DEFAULT_TOP, chunk: int = 4096) -> Blocked:
    """The ``top`` best right-hand candidates for every left-hand entity."""
    df_left, df_right = frequencies(left), frequencies(right)
    capped = frozenset(k for k, n in df_left.items() if n * df_right.get(k, 0) > cap)
    shared = sorted(k for k in df_left if k in df_right and k not in capped)
    vocab = {k: i for i, k in enumerate(shared)}
    total = len(left) + len(right)
    idf = np.log1p(total / np.asarray([df_left[k] + df_right[k] for k in shared], dtype=float))
    lm = _matrix(left, vocab, idf)
    rt = _matrix(right, vocab, None).T.tocsc()
    found: list[NDArray[np.int64]] = []
    for start in range(0, len(left), chunk):
        sims = (lm[start:start + chunk] @ rt).tocsr()
        found.append(_top(sims, start, top))
    pairs = np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)
    return Blocked(pairs, capped)


def _top(sims: sp.csr_matrix, offset: int, top: int) -> NDArray[np.int64]:
    out: list[NDArray[np.int64]] = []
    indptr, indices, data = sims.indptr, sims.indices, sims.data
    for row in range(sims.shape[0]):
        lo, hi = indptr[row], indptr[row + 1]
        if lo == hi:
            continue
        cols, vals = indices[lo:hi], data[lo:hi]
        if hi - lo > top:
            keep = np.argpartition(-vals, top)[:top]
            cols = cols[keep]
        out.append(np.column_stack([np.full(len(cols), row + offset), cols]))
    return np.concatenate(out).astype(np.int64) if out else np.empty((0, 2), dtype=np.int64)
