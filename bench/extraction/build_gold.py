"""Build the evaluation documents and their gold files from authoring sources.

The ``.txt`` / ``.gold.json`` pairs under ``dev/`` and ``heldout/`` are the
canonical artefacts; this script only exists so that offsets are computed by a
program rather than by hand.  Sources live in ``authoring/*.ann``; each holds
one or more documents::

    === dev/01-slug
    DATE: 2023-01-06
    LANG: en
    TEXT:
    Article text, any number of lines ...
    ANN:
    E TYPE | Name | alias; alias | short form; short form
    V TYPE | YYYY[-MM[-DD]] or - | location or - | participant; participant | sentence fragment
    R Source | RELATION | Target | sentence fragment
    X surface that must not be taken as a mention

Mentions are found automatically: every surface (name, aliases, short forms)
is matched case-sensitively on word boundaries, longest surface first, and a
span already claimed by a longer surface is never reused (flat annotation).
Every surface must be found at least once.  The sentence of an event or
relation is the sentence of the document containing the (unique) fragment.

Usage: python bench/extraction/build_gold.py [SET ...]

With set names (``dev``, ``dev2``, ``heldout``) only ``authoring/<SET>_*.ann`` are
built; without, every authoring file is.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent

ABBREVIATIONS = (
    "U.S.", "Mr.", "Mrs.", "Ms.", "Gen.", "Sr.", "Sra.", "Dr.", "Lic.", "Jr.", "No.",
    "St.", "a.k.a.", "p.m.", "a.m.", "Gral.", "EE.UU.", "Lt.", "Col.", "Sen.", "Rep.",
    "Sgt.", "Capt.", "Cap.", "Cnel.", "Inc.", "Co.", "S.A.", "D.C.", "Av.", "Dept.",
    # Mexican state abbreviations used in datelines ("LOS MOCHIS, Sin. — ...")
    "Sin.", "Mich.", "Gto.", "Tamps.", "Coah.", "Méx.", "Jal.", "Gro.", "Chih.", "Son.",
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans (start, end), no trailing whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    boundary = re.compile(r"[.!?][\"”»’')]*(?=\s)|\n")
    for m in boundary.finditer(text):
        end = m.end()
        if m.group() != "\n":
            word_start = text.rfind(" ", 0, m.start()) + 1
            word_start = max(word_start, text.rfind("\n", 0, m.start()) + 1)
            token = text[word_start:end].lstrip("(\"“«'")
            if any(token.endswith(a) for a in ABBREVIATIONS):
                continue
            if re.fullmatch(r"[A-ZÁÉÍÓÚÑ]\.", token):  # initials
                continue
            nxt = text[end:].lstrip()
            if nxt and nxt[0].islower():
                continue
        seg = text[start:end]
        s = start + (len(seg) - len(seg.lstrip()))
        e = start + len(seg.rstrip())
        if e > s:
            spans.append((s, e))
        start = end
    seg = text[start:]
    s = start + (len(seg) - len(seg.lstrip()))
    e = start + len(seg.rstrip())
    if e > s:
        spans.append((s, e))
    return spans


def find_sentence(text: str, fragment: str, where: str) -> str:
    hits = [(s, e) for s, e in sentence_spans(text) if fragment in text[s:e]]
    if len(hits) != 1:
        raise ValueError(f"{where}: fragment {fragment!r} found in {len(hits)} sentences")
    s, e = hits[0]
    return text[s:e]


def split_list(field: str) -> list[str]:
    return [x.strip() for x in field.split(";") if x.strip()]


def parse_blocks(src: str) -> list[tuple[str, list[str]]]:
    blocks: list[tuple[str, list[str]]] = []
    for line in src.splitlines():
        if line.startswith("=== "):
            blocks.append((line[4:].strip(), []))
        elif blocks:
            blocks[-1][1].append(line)
    return blocks


def build_one(name: str, lines: list[str]) -> tuple[str, dict]:
    assert lines[0].startswith("DATE: "), name
    date = lines[0][6:].strip()
    assert lines[1].startswith("LANG: "), name
    lang = lines[1][6:].strip()
    assert lines[2] == "TEXT:", name
    ann_at = lines.index("ANN:")
    text = "\n".join(lines[3:ann_at]).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    entities: list[dict] = []
    surfaces: list[tuple[str, int]] = []
    excluded: list[str] = []
    events: list[dict] = []
    relations: list[dict] = []
    for raw in lines[ann_at + 1:]:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, rest = line[0], line[1:].strip()
        fields = [f.strip() for f in rest.split("|")]
        if kind == "E":
            while len(fields) < 4:
                fields.append("")
            etype, ename = fields[0], fields[1]
            aliases, shorts = split_list(fields[2]), split_list(fields[3])
            idx = len(entities)
            entities.append({"name": ename, "type": etype, "aliases": aliases, "mentions": []})
            for s in dict.fromkeys([ename, *aliases, *shorts]):
                surfaces.append((s, idx))
        elif kind == "X":
            excluded.append(rest)
        elif kind == "V":
            etype, date_s, loc, parts, frag = fields
            events.append({
                "type": etype,
                "date": None if date_s == "-" else date_s,
                "location": None if loc == "-" else loc,
                "participants": [] if parts == "-" else split_list(parts),
                "sentence": find_sentence(text, frag, name),
            })
        elif kind == "R":
            src_e, rel, tgt, frag = fields
            relations.append({"source": src_e, "relation": rel, "target": tgt,
                              "sentence": find_sentence(text, frag, name)})
        else:
            raise ValueError(f"{name}: bad annotation line {raw!r}")
    seen: dict[str, int] = {}
    for s, idx in surfaces:
        if s in seen and seen[s] != idx:
            raise ValueError(f"{name}: surface {s!r} claimed by two entities")
        seen[s] = idx
    claimed = [False] * len(text)
    order = sorted([(s, -1) for s in excluded] + surfaces, key=lambda x: -len(x[0]))
    for s, idx in order:
        n = 0
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
            if any(claimed[m.start():m.end()]):
                continue
            for i in range(m.start(), m.end()):
                claimed[i] = True
            n += 1
            if idx >= 0:
                entities[idx]["mentions"].append({"start": m.start(), "end": m.end(), "text": s})
        if n == 0 and idx >= 0 and s == entities[idx]["name"]:
            print(f"  note {name}: name {s!r} not found as a free mention")
        elif n == 0 and s not in text:
            raise ValueError(f"{name}: surface {s!r} not found in text")
    for ent in entities:
        if not ent["mentions"]:
            raise ValueError(f"{name}: entity {ent['name']!r} has no mention")
        ent["mentions"].sort(key=lambda m: m["start"])
    entities.sort(key=lambda e: e["mentions"][0]["start"])
    gold = {"language": lang, "entities": entities, "events": events, "relations": relations}
    return f"DATE: {date}\n\n{text}\n", gold


def main(argv: list[str] | None = None) -> int:
    sets = sys.argv[1:] if argv is None else argv
    patterns = [f"{s}_*.ann" for s in sets] or ["*.ann"]
    sources = sorted({p for pat in patterns for p in (ROOT / "authoring").glob(pat)})
    n = 0
    for ann in sources:
        for name, lines in parse_blocks(ann.read_text(encoding="utf-8")):
            doc, gold = build_one(name, lines)
            out = ROOT / f"{name}.txt"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(doc, encoding="utf-8")
            (ROOT / f"{name}.gold.json").write_text(
                json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            words = len(doc.split("\n", 2)[2].split())
            print(f"{name}: {words} words, {len(gold['entities'])} entities, "
                  f"{len(gold['events'])} events, {len(gold['relations'])} relations")
            n += 1
    print(f"{n} documents built")
    return 0


if __name__ == "__main__":
    sys.exit(main())
