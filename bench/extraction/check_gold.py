"""Validate the gold files of the extraction evaluation set.

Usage: python bench/extraction/check_gold.py [DIR ...]   (default: dev dev2 heldout)

Checks, for every ``X.txt`` / ``X.gold.json`` pair:

* the ``DATE: YYYY-MM-DD`` header and blank second line; 120-350 words;
* the contract shape and the closed type / relation vocabularies;
* every mention satisfies ``text[start:end] == mention["text"]`` (offsets count
  from the first character after the blank line), mentions do not overlap;
* entity names are unique per document, every entity has a mention, aliases
  occur in the text;
* event dates match ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a valid date, not
  after the document date) or are null; event locations are LOCATION entity
  names; participants and relation ends are entity names; event and relation
  sentences occur verbatim in the text;
* BANK_ACCOUNT entities carry a valid CLABE or IBAN check digit.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score import ENTITY_TYPES, EVENT_TYPES, RELATION_TYPES  # noqa: E402


def read_doc(path: Path) -> tuple[dt.date, str]:
    raw = path.read_text(encoding="utf-8")
    header, blank, text = raw.split("\n", 2)
    m = re.fullmatch(r"DATE: (\d{4}-\d{2}-\d{2})", header)
    if not m or blank != "":
        raise ValueError("bad header")
    return dt.date.fromisoformat(m.group(1)), text


def clabe_ok(digits: str) -> bool:
    if not re.fullmatch(r"\d{18}", digits):
        return False
    weights = [3, 7, 1] * 6
    s = sum((int(c) * weights[i]) % 10 for i, c in enumerate(digits[:17]))
    return (10 - s % 10) % 10 == int(digits[17])


def iban_ok(value: str) -> bool:
    v = value.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", v):
        return False
    moved = v[4:] + v[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def date_ok(value: str, doc_date: dt.date) -> bool:
    try:
        if re.fullmatch(r"\d{4}", value):
            return int(value) <= doc_date.year
        if re.fullmatch(r"\d{4}-\d{2}", value):
            d = dt.date.fromisoformat(value + "-01")
            return d <= doc_date
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value) <= doc_date
    except ValueError:
        return False
    return False


def check_pair(txt: Path) -> list[str]:
    errs: list[str] = []
    gpath = txt.with_name(txt.name[:-4] + ".gold.json")
    if not gpath.exists():
        return [f"{txt.name}: no gold file"]
    try:
        doc_date, text = read_doc(txt)
    except ValueError as e:
        return [f"{txt.name}: {e}"]
    words = len(text.split())
    if not 120 <= words <= 350:
        errs.append(f"{txt.name}: {words} words (want 120-350)")
    gold = json.loads(gpath.read_text(encoding="utf-8"))
    if set(gold) != {"language", "entities", "events", "relations"}:
        errs.append(f"{gpath.name}: keys {sorted(gold)}")
    if gold.get("language") not in ("en", "es"):
        errs.append(f"{gpath.name}: language {gold.get('language')!r}")
    names: dict[str, str] = {}
    spans: list[tuple[int, int, str]] = []
    for ent in gold["entities"]:
        n, t = ent.get("name"), ent.get("type")
        if set(ent) != {"name", "type", "aliases", "mentions"}:
            errs.append(f"{gpath.name}: entity keys {sorted(ent)}")
        if t not in ENTITY_TYPES:
            errs.append(f"{gpath.name}: {n!r} bad type {t!r}")
        if not n or n in names:
            errs.append(f"{gpath.name}: empty or duplicate entity name {n!r}")
        names[n] = t
        if not ent["mentions"]:
            errs.append(f"{gpath.name}: {n!r} has no mention")
        for a in ent["aliases"]:
            if a not in text:
                errs.append(f"{gpath.name}: alias {a!r} of {n!r} not in text")
        for m in ent["mentions"]:
            s, e = m["start"], m["end"]
            if text[s:e] != m["text"]:
                errs.append(f"{gpath.name}: mention {m} of {n!r} reads {text[s:e]!r}")
            spans.append((s, e, n))
        if t == "BANK_ACCOUNT":
            v = re.sub(r"\s", "", n)
            if not (clabe_ok(v) or iban_ok(v)):
                errs.append(f"{gpath.name}: bank account {n!r} fails its check digits")
    spans.sort()
    for (_s1, e1, n1), (s2, _e2, n2) in itertools.pairwise(spans):
        if s2 < e1:
            errs.append(f"{gpath.name}: overlapping mentions of {n1!r} and {n2!r} at {s2}")
    for ev in gold["events"]:
        if set(ev) != {"type", "date", "location", "participants", "sentence"}:
            errs.append(f"{gpath.name}: event keys {sorted(ev)}")
        if ev["type"] not in EVENT_TYPES:
            errs.append(f"{gpath.name}: event type {ev['type']!r}")
        if ev["date"] is not None and not date_ok(ev["date"], doc_date):
            errs.append(f"{gpath.name}: event date {ev['date']!r}")
        if ev["location"] is not None and names.get(ev["location"]) != "LOCATION":
            errs.append(f"{gpath.name}: event location {ev['location']!r} is not a LOCATION")
        for p in ev["participants"]:
            if p not in names:
                errs.append(f"{gpath.name}: participant {p!r} is not an entity name")
        if ev["sentence"] not in text:
            errs.append(f"{gpath.name}: event sentence not in text: {ev['sentence'][:60]!r}")
    for r in gold["relations"]:
        if set(r) != {"source", "relation", "target", "sentence"}:
            errs.append(f"{gpath.name}: relation keys {sorted(r)}")
        if r["relation"] not in RELATION_TYPES:
            errs.append(f"{gpath.name}: relation {r['relation']!r}")
        for end in (r["source"], r["target"]):
            if end not in names:
                errs.append(f"{gpath.name}: relation end {end!r} is not an entity name")
        if r["source"] == r["target"]:
            errs.append(f"{gpath.name}: self relation {r['source']!r}")
        if r["relation"] == "OPERATES_IN" and names.get(r["target"]) != "LOCATION":
            errs.append(f"{gpath.name}: OPERATES_IN target {r['target']!r} is not a LOCATION")
        if r["sentence"] not in text:
            errs.append(f"{gpath.name}: relation sentence not in text: {r['sentence'][:60]!r}")
    return errs


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    dirs = [Path(a) for a in argv] or [HERE / "dev", HERE / "dev2", HERE / "heldout"]
    errors: list[str] = []
    for d in dirs:
        txts = sorted(d.glob("*.txt"))
        langs = {"en": 0, "es": 0}
        n_ent = n_ev = n_rel = 0
        for txt in txts:
            errors += check_pair(txt)
            g = json.loads(txt.with_name(txt.name[:-4] + ".gold.json").read_text(encoding="utf-8"))
            langs[g["language"]] = langs.get(g["language"], 0) + 1
            n_ent += len(g["entities"])
            n_ev += len(g["events"])
            n_rel += len(g["relations"])
        orphans = [p.name for p in d.glob("*.gold.json") if not p.with_name(
            p.name[: -len(".gold.json")] + ".txt").exists()]
        errors += [f"{d.name}/{o}: gold without text" for o in orphans]
        print(f"{d.name}: {len(txts)} documents ({langs['en']} en, {langs['es']} es), "
              f"{n_ent} entities, {n_ev} events, {n_rel} relations")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
