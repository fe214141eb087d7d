"""Cross-reference benchmark: 100k × 100k people and organisations, timed, with P/R/F1.

    .venv/bin/python bench/xref/run.py [--size 100000] [--baseline-size 10000]

Thresholds are calibrated on a separate calibration set (another seed) and then measured
on the test set, so the figures are not tuned on the data they report. The baseline is
nomenklatura 4.17 (its ``Index`` blocker, top-75, then ``LogicV2``) on a sample of the
same generator, measured in the same run beside enlace's method on the same sample.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate

import enlace  # noqa: F401  (points FtM at enlace's schemata)
from enlace.xref.block import block
from enlace.xref.calibrate import Evaluation, best_thresholds, evaluate
from enlace.xref.keys import record_keys
from enlace.xref.record import Record, record_from_ftm
from enlace.xref.scoring import THRESHOLDS, score_pairs

TEST_SEED, CALIBRATION_SEED = 20240601, 7


def timed(label: str, func: Callable[[], Any], times: dict[str, float]) -> Any:
    """Run ``func``, recording wall time under ``label`` and CPU time under ``label cpu``.

    The CPU time (all threads of this process) is the figure to compare when the machine
    is shared and the wall clock includes waiting for other processes."""
    start, cpu = time.perf_counter(), time.process_time()
    result = func()
    times[label] = time.perf_counter() - start
    times[f"{label} cpu"] = time.process_time() - cpu
    return result


def records(entities: Sequence[dict[str, Any]]) -> list[Record]:
    return [r for r in (record_from_ftm(e) for e in entities) if r is not None]


def run_fast(left: list[dict[str, Any]], right: list[dict[str, Any]],
             ) -> tuple[list[Record], list[Record], np.ndarray, np.ndarray, dict[str, float]]:
    times: dict[str, float] = {}
    lrec, rrec = timed("records", lambda: (records(left), records(right)), times)
    lkeys, rkeys = timed("keys", lambda: ([record_keys(r) for r in lrec],
                                          [record_keys(r) for r in rrec]), times)
    blocked = timed("block", lambda: block(lkeys, rkeys), times)
    scores = timed("score", lambda: score_pairs(lrec, rrec, blocked.pairs), times)
    times["capped keys"] = float(len(blocked.capped))
    return lrec, rrec, blocked.pairs, scores, times


def report(name: str, result: Evaluation, times: dict[str, float], pairs: int) -> None:
    clock = ", ".join(f"{k} {v:.1f}s" for k, v in times.items() if k != "capped keys")
    print(f"{name}: {pairs:,} candidate pairs (candidate recall {result.candidate_recall:.3f}); "
          f"{clock}")
    for kind, row in result.rows.items():
        print(f"   {kind:7s} t={row.threshold:.2f}  P {row.precision:.3f}  R {row.recall:.3f}  "
              f"F1 {row.f1:.3f}  (true {row.true})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--calibration-size", type=int, default=20_000)
    parser.add_argument("--baseline-size", type=int, default=10_000)
    args = parser.parse_args()

    print(f"calibrating on seed {CALIBRATION_SEED}, {args.calibration_size:,} × "
          f"{args.calibration_size:,}")
    cl, cr, ctruth = generate(args.calibration_size, CALIBRATION_SEED)
    lrec, rrec, pairs, scores, _ = run_fast(cl, cr)
    calibrated = best_thresholds(lrec, rrec, pairs, scores, ctruth)
    print("   calibrated thresholds:", {k: round(v, 2) for k, v in calibrated.items()},
          " package defaults:", THRESHOLDS)

    start = time.perf_counter()
    left, right, truth = generate(args.size, TEST_SEED)
    print(f"test set seed {TEST_SEED}: {len(left):,} × {len(right):,}, {len(truth):,} true pairs "
          f"(generated in {time.perf_counter() - start:.0f}s)")
    lrec, rrec, pairs, scores, times = run_fast(left, right)
    total = sum(v for k, v in times.items() if k != "capped keys" and "cpu" not in k)
    cpu = sum(v for k, v in times.items() if "cpu" in k)
    report(f"enlace {args.size:,}", evaluate(lrec, rrec, pairs, scores, truth, calibrated),
           times, len(pairs))
    print(f"   total {total:.0f}s wall, {cpu:.0f}s CPU; {int(times['capped keys']):,} keys capped; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    if args.baseline_size:
        from baseline import run_nomenklatura

        sl, sr, struth = generate(args.baseline_size, TEST_SEED)
        lrec, rrec, pairs, scores, times = run_fast(sl, sr)
        report(f"enlace on the {args.baseline_size:,} sample",
               evaluate(lrec, rrec, pairs, scores, struth, calibrated), times, len(pairs))
        nk_pairs, nk_scores, nk_times = run_nomenklatura(sl, sr)
        lrec = records(sl)
        rrec = records(sr)
        index_l = {r.id: i for i, r in enumerate(lrec)}
        index_r = {r.id: i for i, r in enumerate(rrec)}
        arr = np.array([[index_l[a], index_r[b]] for a, b in nk_pairs], dtype=np.int64)
        nk_cal = {k: v for k, v in best_thresholds(lrec, rrec, arr, np.asarray(nk_scores),
                                                   struth).items()}
        report(f"nomenklatura on the {args.baseline_size:,} sample (threshold tuned on the test "
               "sample itself: an upper bound)",
               evaluate(lrec, rrec, arr, np.asarray(nk_scores), struth, nk_cal), nk_times,
               len(arr))


if __name__ == "__main__":
    main()
