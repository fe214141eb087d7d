"""Per-recipient watermarks and tracing: every attack, with rates over 24 recipients.

The attacks and the measuring loop are those of ``bench/watermark/attacks.py``; the
thresholds here are well below what that script reports, so a regression shows.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from enlace.sharing.trace import Candidate, normalise, trace
from enlace.sharing.variation import Choice, language, segment
from enlace.sharing.watermark import decode_tags, encode_tag, render

ROOT = Path(__file__).resolve().parents[2]


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_watermark_attacks", ROOT / "bench" / "watermark" / "attacks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()
SECRET = b"test-secret"
LANG, TEXT = bench.REPORTS[0]
CANDIDATES = [Candidate("d1", str(i), f"user{i}") for i in range(24)]
COPIES = [render(TEXT, SECRET, "d1", c.recipient, LANG) for c in CANDIDATES]


def test_copies_are_unique_and_deterministic() -> None:
    assert len(set(COPIES)) == len(COPIES)
    assert len({bench.strip(c) for c in COPIES}) == len(COPIES)
    assert render(TEXT, SECRET, "d1", "3", LANG) == COPIES[3]
    assert render(TEXT, b"other", "d1", "3", LANG) != COPIES[3]


def test_copies_only_differ_at_choice_points() -> None:
    segments = segment(TEXT, LANG)
    fixed = [s for s in segments if isinstance(s, str)]
    for copy in COPIES[:5]:
        plain = bench.strip(copy)
        at = 0
        for piece in fixed:
            found = plain.find(piece, at)
            assert found >= 0, piece
            at = found + len(piece)


def test_variation_kinds() -> None:
    kinds = {c.kind for c in segment(TEXT, LANG) if isinstance(c, Choice)}
    assert kinds == {"date", "list", "number", "synonym"}
    spanish = segment(bench.REPORTS[1][1], "es")
    assert any(isinstance(c, Choice) and "3 de abril de 2025" in c.forms for c in spanish)
    assert language("El informe de la fuente y los datos") == "es"
    assert language("The report of the source and the data") == "en"
    assert language("x", "spa") == "es" and language("x", "eng") == "en"


def test_phones_years_and_accounts_stay_as_they_are() -> None:
    text = "Call +52 753 555 0190 in 2025 about account 012180001234567897 and 4 pesos."
    forms = [c.forms for c in segment(text, "en") if isinstance(c, Choice)]
    assert forms == [("4", "four")]


def test_invisible_tags_round_trip() -> None:
    assert decode_tags("a" + encode_tag(12345) + "b" + encode_tag(7)) == {12345, 7}
    assert decode_tags("nothing") == set()


def test_normalise_ignores_case_space_quotes_and_marks() -> None:
    assert normalise("Didn’t  SAY\u200b “x”") == normalise("didn't say \"x\"")


def _name(leaked: str) -> str | None:
    verdict = trace(TEXT, LANG, leaked, CANDIDATES, SECRET)
    return verdict.best.name if verdict.best else None


def test_retyped_copy_is_traced() -> None:
    rng = random.Random(1)
    assert _name(bench.retype(COPIES[5], rng)) == "user5"


def test_three_sentence_excerpt_is_traced() -> None:
    parts = bench.sentences(COPIES[9])
    leaked = bench.retype(" ".join([parts[1], parts[4], parts[6]]), random.Random(2))
    verdict = trace(TEXT, LANG, leaked, CANDIDATES, SECRET)
    assert verdict.best is not None and verdict.best.name == "user9"
    assert 0 < verdict.observed < verdict.points and verdict.tags == 0


def test_stripped_marks_still_traced_and_kept_marks_are_decisive() -> None:
    assert _name(bench.strip(COPIES[11])) == "user11"
    verdict = trace(TEXT, LANG, COPIES[11], CANDIDATES, SECRET)
    assert verdict.tags == 1 and verdict.confidence > 0.999


def test_collusion_names_one_of_the_two() -> None:
    leaked = bench.collude(COPIES[2], COPIES[17], random.Random(3))
    assert _name(leaked) in {"user2", "user17"}


def test_no_evidence_no_confidence() -> None:
    verdict = trace(TEXT, LANG, "An unrelated text about something else.", CANDIDATES, SECRET)
    assert verdict.observed == 0 and verdict.confidence == pytest.approx(1 / 24)
    assert trace(TEXT, LANG, TEXT, [], SECRET).best is None


def test_rates_over_24_recipients(capsys: pytest.CaptureFixture[str]) -> None:
    tallies = bench.run(recipients=24, trials=60, seed=11)
    with capsys.disabled():
        print("\n" + "\n".join(t.row(n) for n, t in tallies.items()))
    rate = {n: t.detected / t.trials for n, t in tallies.items()}
    false = {n: t.false / t.trials for n, t in tallies.items()}
    assert rate["verbatim"] == 1.0 and rate["stripped"] >= 0.95 and rate["retyped"] >= 0.95
    assert rate["excerpt"] >= 0.75
    assert rate["collusion"] >= 0.85
    assert max(false.values()) <= 0.05
