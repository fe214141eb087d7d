"""Score extraction predictions against the gold annotations.

Usage::

    python bench/extraction/score.py PRED_DIR GOLD_DIR [--json]

``GOLD_DIR`` holds ``X.gold.json`` files, ``PRED_DIR`` holds ``X.json`` files
in the same contract shape.  A gold document without a prediction counts as an
empty prediction (everything missed); predictions without gold are ignored.

Matching rules (all matching is per document and one-to-one):

* **Folding.**  Names are compared after Unicode NFKD decomposition with the
  accents dropped, lower-casing, periods and apostrophes deleted ("C.J.N.G."
  = "CJNG"), every other non-alphanumeric character turned into a space,
  whitespace collapsed, and one leading article ("the", "el", "la", "los",
  "las") dropped.  ``"El Cártel de Sinaloa"`` and ``"cartel de sinaloa"``
  fold to the same key.
* **Entities.**  A predicted entity matches a gold entity when the types are
  equal and either the folded predicted name equals the folded gold name or
  one of its gold aliases, or the predicted entity's first mention (lowest
  ``start``) overlaps one of the gold entity's mentions.  Name matches are
  assigned first, then mention-overlap matches.  Each gold entity is matched
  at most once: a second prediction for the same gold entity is a false
  positive.
* **Name resolution** (used by events and relations).  A predicted name
  string resolves to the gold entities whose folded name or alias equals it,
  plus the gold entity matched by any predicted entity whose folded name or
  alias equals it.
* **Events.**  A predicted event matches a gold event when the types are
  equal and at least one predicted participant resolves to a gold
  participant; when the gold event has no participants, when the sentences
  overlap instead (token overlap coefficient >= 0.6 after folding).
  Candidates sharing more participants are preferred.  Date and location are
  not part of the match: they are reported as attribute accuracy over the
  matched events (date: exact string equality, ``null`` == ``null``;
  location: the predicted location resolves to the gold location, or both
  are ``null``).
* **Relations.**  Same relation label and both ends resolve to the gold ends.
  ``ASSOCIATE_OF``, ``ALLY_OF`` and ``RIVAL_OF`` are symmetric, so the ends may
  also be swapped.

Precision, recall and F1 are micro-averaged over documents, per entity type /
event type / relation label and overall.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENTITY_TYPES = ("CRIMINAL_GROUP", "PERSON", "GOV_AGENCY", "LOCATION", "BANK_ACCOUNT", "PHONE")
EVENT_TYPES = ("ARREST", "KILLING", "SEIZURE", "EXTRADITION", "CHARGES", "SANCTION",
               "LAW_OR_POLICY", "OTHER")
RELATION_TYPES = ("MEMBER_OF", "LEADER_OF", "ALLY_OF", "RIVAL_OF", "FACTION_OF",
                  "OPERATES_IN", "ASSOCIATE_OF")
SYMMETRIC = frozenset({"ASSOCIATE_OF", "ALLY_OF", "RIVAL_OF"})
ARTICLES = ("the", "el", "la", "los", "las")
SENTENCE_OVERLAP = 0.6


def fold(name: Any) -> str:
    """Case-, accent- and punctuation-insensitive key, without a leading article."""
    if not isinstance(name, str):
        return ""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[.'’]", "", s)
    s = re.sub(r"[^0-9a-z]+", " ", s).strip()
    head, _, tail = s.partition(" ")
    if head in ARTICLES and tail:
        s = tail
    return s


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class DocScore:
    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    events: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relations: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    date_correct: int = 0
    location_correct: int = 0
    events_matched: int = 0


def _list(obj: Any, key: str) -> list[dict]:
    value = obj.get(key) if isinstance(obj, dict) else None
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _keys(ent: dict) -> set[str]:
    keys = {fold(ent.get("name"))}
    aliases = ent.get("aliases") or []
    if isinstance(aliases, list):
        keys |= {fold(a) for a in aliases}
    keys.discard("")
    return keys


def _first_mention(ent: dict) -> tuple[int, int] | None:
    spans = []
    for m in _list(ent, "mentions"):
        s, e = m.get("start"), m.get("end")
        if isinstance(s, int) and isinstance(e, int):
            spans.append((s, e))
    return min(spans) if spans else None


def match_entities(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """Return {pred index: gold index} for matched entities."""
    matched: dict[int, int] = {}
    used: set[int] = set()
    gold_keys = [_keys(g) for g in gold]
    # Pass 1: exact name, pass 2: alias, pass 3: first-mention overlap.
    for stage in ("name", "alias", "mention"):
        for pi, p in enumerate(pred):
            if pi in matched:
                continue
            pkey = fold(p.get("name"))
            first = _first_mention(p)
            for gi, g in enumerate(gold):
                if gi in used or g["type"] != p.get("type"):
                    continue
                if stage == "name":
                    ok = bool(pkey) and pkey == fold(g["name"])
                elif stage == "alias":
                    ok = bool(pkey) and pkey in gold_keys[gi]
                else:
                    ok = first is not None and any(
                        first[0] < m["end"] and m["start"] < first[1] for m in g["mentions"])
                if ok:
                    matched[pi] = gi
                    used.add(gi)
                    break
    return matched


class Resolver:
    """Resolves predicted name strings to gold entity indices."""

    def __init__(self, gold: list[dict], pred: list[dict], matched: dict[int, int]):
        self.by_key: dict[str, set[int]] = defaultdict(set)
        for gi, g in enumerate(gold):
            for k in _keys(g):
                self.by_key[k].add(gi)
        for pi, gi in matched.items():
            for k in _keys(pred[pi]):
                self.by_key[k].add(gi)
        self.gold_index: dict[str, int] = {}
        for gi, g in enumerate(gold):
            self.gold_index.setdefault(g["name"], gi)

    def resolve(self, name: Any) -> set[int]:
        return set(self.by_key.get(fold(name), set()))

    def gold_id(self, name: str) -> int | None:
        return self.gold_index.get(name)

    def same(self, pred_name: Any, gold_name: Any) -> bool:
        if gold_name is None or pred_name is None:
            return pred_name is None and gold_name is None
        gi = self.gold_id(gold_name)
        if gi is not None and gi in self.resolve(pred_name):
            return True
        return bool(fold(pred_name)) and fold(pred_name) == fold(gold_name)


def _tokens(s: Any) -> set[str]:
    return set(fold(s).split()) if isinstance(s, str) else set()


def sentences_overlap(a: Any, b: Any) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= SENTENCE_OVERLAP


def _participants(ev: dict) -> list[Any]:
    parts = ev.get("participants") or []
    return parts if isinstance(parts, list) else []


def score_document(gold: dict, pred: dict | None) -> DocScore:
    pred = pred if isinstance(pred, dict) else {}
    out = DocScore()
    g_ents, p_ents = _list(gold, "entities"), _list(pred, "entities")
    matched = match_entities(g_ents, p_ents)
    for gi, g in enumerate(g_ents):
        out.entities[g["type"]].fn += 0 if gi in matched.values() else 1
    for pi, p in enumerate(p_ents):
        t = p.get("type") if p.get("type") in ENTITY_TYPES else "INVALID"
        if pi in matched:
            out.entities[t].tp += 1
        else:
            out.entities[t].fp += 1
    res = Resolver(g_ents, p_ents, matched)

    # Events.
    g_evs, p_evs = _list(gold, "events"), _list(pred, "events")
    used: set[int] = set()
    for p in p_evs:
        best, best_n = None, 0
        for gi, g in enumerate(g_evs):
            if gi in used or g["type"] != p.get("type"):
                continue
            if g["participants"]:
                n = sum(1 for gp in g["participants"]
                        if any(res.same(pp, gp) for pp in _participants(p)))
            else:
                n = 1 if sentences_overlap(p.get("sentence"), g["sentence"]) else 0
            if n > best_n:
                best, best_n = gi, n
        t = p.get("type") if p.get("type") in EVENT_TYPES else "INVALID"
        if best is None:
            out.events[t].fp += 1
            continue
        used.add(best)
        g = g_evs[best]
        out.events[t].tp += 1
        out.events_matched += 1
        out.date_correct += int(p.get("date") == g["date"])
        out.location_correct += int(res.same(p.get("location"), g["location"]))
    for gi, g in enumerate(g_evs):
        if gi not in used:
            out.events[g["type"]].fn += 1

    # Relations.
    g_rels, p_rels = _list(gold, "relations"), _list(pred, "relations")
    used = set()
    for p in p_rels:
        label = p.get("relation")
        hit = None
        for gi, g in enumerate(g_rels):
            if gi in used or g["relation"] != label:
                continue
            src, tgt = p.get("source"), p.get("target")
            direct = res.same(src, g["source"]) and res.same(tgt, g["target"])
            swapped = (label in SYMMETRIC and res.same(src, g["target"])
                       and res.same(tgt, g["source"]))
            if direct or swapped:
                hit = gi
                break
        t = label if label in RELATION_TYPES else "INVALID"
        if hit is None:
            out.relations[t].fp += 1
        else:
            used.add(hit)
            out.relations[t].tp += 1
    for gi, g in enumerate(g_rels):
        if gi not in used:
            out.relations[g["relation"]].fn += 1
    return out


def _section(per: dict[str, Counts]) -> dict[str, Any]:
    total = Counts()
    for c in per.values():
        total.add(c)
    return {"overall": total.prf(), "by_type": {k: per[k].prf() for k in sorted(per)}}


def score_pairs(pairs: list[tuple[dict, dict | None]]) -> dict[str, Any]:
    """Score a list of (gold, prediction) documents; returns the summary dict."""
    ents: dict[str, Counts] = defaultdict(Counts)
    evs: dict[str, Counts] = defaultdict(Counts)
    rels: dict[str, Counts] = defaultdict(Counts)
    matched = date_ok = loc_ok = 0
    for gold, pred in pairs:
        d = score_document(gold, pred)
        for src, dst in ((d.entities, ents), (d.events, evs), (d.relations, rels)):
            for k, c in src.items():
                dst[k].add(c)
        matched += d.events_matched
        date_ok += d.date_correct
        loc_ok += d.location_correct
    events = _section(evs)
    events["matched"] = matched
    events["date_accuracy"] = date_ok / matched if matched else 0.0
    events["location_accuracy"] = loc_ok / matched if matched else 0.0
    return {"documents": len(pairs), "entities": _section(ents), "events": events,
            "relations": _section(rels)}


def load_dirs(pred_dir: Path, gold_dir: Path) -> tuple[list[tuple[dict, dict | None]], list[str]]:
    pairs: list[tuple[dict, dict | None]] = []
    missing: list[str] = []
    for gpath in sorted(gold_dir.glob("*.gold.json")):
        stem = gpath.name[: -len(".gold.json")]
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        ppath = pred_dir / f"{stem}.json"
        pred = None
        if ppath.exists():
            try:
                pred = json.loads(ppath.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                pred = None
        else:
            missing.append(stem)
        pairs.append((gold, pred))
    return pairs, missing


def score_dirs(pred_dir: Path, gold_dir: Path) -> dict[str, Any]:
    pairs, missing = load_dirs(Path(pred_dir), Path(gold_dir))
    result = score_pairs(pairs)
    result["missing_predictions"] = missing
    return result


def render(results: dict[str, dict[str, Any]], title: str = "Extraction scores") -> None:
    """Print one or more systems' results side by side as a rich table."""
    from rich.console import Console
    from rich.table import Table

    names = list(results)
    table = Table(title=title)
    table.add_column("section")
    table.add_column("type", no_wrap=True)
    table.add_column("gold", justify="right")
    for n in names:
        table.add_column(f"{n} P", justify="right")
        table.add_column(f"{n} R", justify="right")
        table.add_column(f"{n} F1", justify="right")
    for section in ("entities", "events", "relations"):
        types: list[str] = []
        for r in results.values():
            for t in r[section]["by_type"]:
                if t not in types:
                    types.append(t)
        for t in [*sorted(types), "overall"]:
            row = [section, t]
            gold_n = None
            cells = []
            for n in names:
                sec = results[n][section]
                m = sec["overall"] if t == "overall" else sec["by_type"].get(t)
                if m is None:
                    cells += ["-", "-", "-"]
                    continue
                gold_n = m["tp"] + m["fn"]
                cells += [f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}"]
            row.append(str(gold_n) if gold_n is not None else "-")
            style = "bold" if t == "overall" else None
            table.add_row(*row, *cells, style=style)
        table.add_section()
    for attr in ("date_accuracy", "location_accuracy"):
        row = ["events", f"{attr} (matched events)", "-"]
        for n in names:
            ev = results[n]["events"]
            row += ["", f"n={ev['matched']}", f"{ev[attr]:.3f}"]
        table.add_row(*row)
    console = Console()
    if not console.is_terminal:
        console = Console(width=60 + 30 * len(names))
    console.print(table)
    for n, r in results.items():
        if r.get("missing_predictions"):
            console.print(f"[yellow]{n}: {len(r['missing_predictions'])} gold documents "
                            f"without prediction (scored as empty)[/yellow]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pred_dir", type=Path)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    result = score_dirs(args.pred_dir, args.gold_dir)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        render({"pred": result})
    return 0


if __name__ == "__main__":
    sys.exit(main())
