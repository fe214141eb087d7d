"""The package's thresholds are the calibrated ones, and hold up on labelled pairs.

Labelled pairs come from the benchmark's generator (``bench/xref/generate.py``): the
thresholds are recalibrated on a small calibration set and compared with
:data:`enlace.xref.scoring.THRESHOLDS`, then measured on a set from another seed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import enlace  # noqa: F401
from enlace.xref.block import block
from enlace.xref.calibrate import best_thresholds, evaluate
from enlace.xref.keys import record_keys
from enlace.xref.record import Record, record_from_ftm
from enlace.xref.scoring import THRESHOLDS, score_pairs

GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "xref" / "generate.py"


def labelled(size: int, seed: int) -> tuple[list[Record], list[Record], Any, Any, set]:
    spec = importlib.util.spec_from_file_location("bench_xref_generate", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    left, right, truth = module.generate(size, seed)
    lrec = [r for r in map(record_from_ftm, left) if r is not None]
    rrec = [r for r in map(record_from_ftm, right) if r is not None]
    pairs = block([record_keys(r) for r in lrec], [record_keys(r) for r in rrec]).pairs
    return lrec, rrec, pairs, score_pairs(lrec, rrec, pairs), truth


@pytest.mark.slow
def test_thresholds_are_calibrated_and_hold_on_another_seed() -> None:
    found = best_thresholds(*labelled(6000, 7))
    for kind in ("person", "org"):
        assert abs(found[kind] - THRESHOLDS[kind]) <= 0.03, (kind, found)
    result = evaluate(*labelled(6000, 11), THRESHOLDS)
    assert result.candidate_recall > 0.9
    assert result.rows["person"].f1 > 0.65 and result.rows["person"].precision > 0.55
    assert result.rows["org"].f1 > 0.35
    assert np.isnan(result.rows["all"].threshold)
