"""Attacks on the per-recipient watermark, and how often a trace survives them.

    .venv/bin/python bench/watermark/attacks.py [--recipients 24] [--trials 200] [--seed 7]

Each trial takes a fictional report (English or Spanish), makes every recipient's copy,
attacks one or two of them and asks :func:`enlace.sharing.trace.trace` who leaked it,
against all recipients. Attacks:

* ``verbatim``: the copy as sent, invisible marks and all;
* ``retyped``: invisible marks stripped, case, whitespace and quotes changed;
* ``excerpt``: any three sentences of the copy, retyped;
* ``stripped``: invisible marks stripped, nothing else changed;
* ``collusion``: two recipients mix their copies sentence by sentence, retyped; a trace
  is right when it names one of the two.

Printed per attack: detection (the top candidate is the leaker), false attribution (the
top candidate is someone else while the trace claims at least 90% confidence), and the
mean confidence. The rates compare with chance (1 / recipients) measured in the same run.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

import enlace  # noqa: F401  (configures FtM before anything else)
from enlace.sharing.trace import Candidate, trace
from enlace.sharing.watermark import render

REPORTS = [
    ("en", "On 2025-04-03 Salas, Quezada and Bautista met near the warehouse on Cormorant "
     "Street. The source reported that approximately 1250 kilograms were transported in three "
     "boats. However, the source did not say who paid for the shipment. Olvera frequently "
     "collects cash at the warehouse every Friday and delivers it to four bank branches. "
     "According to the source, the leader purchased a new cell phone in March. The "
     "organization currently uses two boats registered to a front company. Holloway travelled "
     "to Laredo on 19 March 2025 and contacted the driver. The shipment was moved in a "
     "refrigerated container prior to the inspection."),
    ("es", "El 3 de abril de 2025 Salas, Quezada y Bautista se reunieron en la bodega de la "
     "calle Cormorán. Según la fuente, trasladaron aproximadamente 1250 kilogramos en tres "
     "lanchas. Sin embargo, la fuente no dijo quién pagó el cargamento. Olvera recoge "
     "efectivo en la bodega semanalmente y lo reparte entre cuatro sucursales. El líder "
     "compró un celular nuevo en marzo, informó la fuente. La organización utiliza "
     "actualmente dos embarcaciones registradas a nombre de una empresa fachada. Cázares, "
     "Olvera y Tena viajaron a Laredo el 2025-03-19 y se reunieron con el chofer. "
     "Posteriormente el cargamento se trasladó en un contenedor refrigerado mediante una "
     "empresa de transporte."),
    ("en", "The source stated that Barraza regularly drives loads to Houston. He was arrested "
     "on 2025-02-11 near the bridge and detained for six hours. According to the source, "
     "the organization frequently uses a warehouse located close to the port. The head of "
     "the cell, Salas, reportedly bought 3500 litres of fuel for the boats. Tena, Olvera and "
     "Cázares began moving cash weekly in order to avoid reporting thresholds. The meeting "
     "was organized by an individual who did not give his name. The shipments were seized "
     "at the border on 19 March 2025."),
]
SENTENCE_RE = re.compile(r"(?<=[.!?\u2060])\s+")
INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff]")
SECRET = b"bench-watermark-secret-0123456789abcdef"


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_RE.split(text) if s.strip()]


def strip(text: str) -> str:
    return INVISIBLE_RE.sub("", text)


def retype(text: str, rng: random.Random) -> str:
    """Strip invisible marks; change case, whitespace and quotes as a retyping would."""
    text = strip(text)
    text = text.lower() if rng.random() < 0.5 else text.upper()
    text = text.replace("'", "’").replace('"', "“")
    return re.sub(r"\s+", lambda _: rng.choice([" ", "  ", "\n", " \t"]), text)


def excerpt(text: str, rng: random.Random) -> str:
    parts = sentences(text)
    chosen = sorted(rng.sample(range(len(parts)), min(3, len(parts))))
    return retype(" ".join(parts[i] for i in chosen), rng)


def collude(first: str, second: str, rng: random.Random) -> str:
    a, b = sentences(first), sentences(second)
    mixed = [(a if i % 2 == 0 else b)[i] for i in range(min(len(a), len(b)))]
    return retype(" ".join(mixed), rng)


@dataclass
class Tally:
    trials: int = 0
    detected: int = 0
    false: int = 0
    confidence: float = 0.0

    def row(self, name: str) -> str:
        n = max(self.trials, 1)
        return (f"{name:<10} detection {self.detected / n:6.1%}   false attribution "
                f"{self.false / n:6.1%}   mean confidence {self.confidence / n:5.2f}")


def run(recipients: int = 24, trials: int = 200, seed: int = 7) -> dict[str, Tally]:
    """Every attack, ``trials`` times each; returns the tallies by attack name."""
    rng = random.Random(seed)
    tallies = {name: Tally() for name in
               ("verbatim", "retyped", "excerpt", "stripped", "collusion")}
    attacks: dict[str, Callable[[list[str], int, int], tuple[str, set[int]]]] = {
        "verbatim": lambda c, i, _: (c[i], {i}),
        "retyped": lambda c, i, _: (retype(c[i], rng), {i}),
        "excerpt": lambda c, i, _: (excerpt(c[i], rng), {i}),
        "stripped": lambda c, i, _: (strip(c[i]), {i}),
        "collusion": lambda c, i, j: (collude(c[i], c[j], rng), {i, j}),
    }
    for t in range(trials):
        lang, text = REPORTS[t % len(REPORTS)]
        dis = f"bench-{t}"
        candidates = [Candidate(dis, str(100 + r), f"user{r}") for r in range(recipients)]
        copies = [render(text, SECRET, dis, c.recipient, lang) for c in candidates]
        leaker, partner = rng.sample(range(recipients), 2)
        for name, attack in attacks.items():
            leaked, guilty = attack(copies, leaker, partner)
            verdict = trace(text, lang, leaked, candidates, SECRET)
            tally = tallies[name]
            tally.trials += 1
            tally.confidence += verdict.confidence
            named = candidates.index(verdict.best) if verdict.best else -1
            if named in guilty:
                tally.detected += 1
            elif verdict.confidence >= 0.9:
                tally.false += 1
    return tallies


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=24)
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    tallies = run(args.recipients, args.trials, args.seed)
    print(f"{args.recipients} recipients, {args.trials} trials per attack; chance of naming "
          f"the leaker by guessing: {1 / args.recipients:.1%}")
    for name, tally in tallies.items():
        print(tally.row(name))


if __name__ == "__main__":
    main(sys.argv[1:])
