"""Naming the likely source of a leaked copy, with a confidence.

For every choice point of the original text the leaked copy is searched for each
equivalent form in its local context (the neighbouring pieces, normalised: case,
accents, quotes, dashes, whitespace and invisible characters do not count). A point that
is found is an observation; a recipient whose copy took the observed form explains it
with probability ``1 - ERROR``, any other with ``ERROR``. Invisible tags, when still
present, are one more observation each. Points are grouped by sentence, and each
sentence is modelled as coming from the candidate's copy or, with probability ``MIX``,
from some other recipient's copy (the average over all candidates): a copy mixed from
two recipients' copies then matches each of them on its part and contradicts a third
everywhere, so one of the two comes out first. With equal priors the posterior over the
recipients gives the most likely one and the confidence. Points whose context was cut
away are not observed and count for nobody, so excerpts work.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from enlace.sharing.variation import Choice, Segment, language, segment
from enlace.sharing.watermark import decode_tags, pick, tag

ERROR = 0.05
MIX = 0.2  # chance that a sentence comes from another recipient's copy (collusion)
TAG_ERROR = 1e-4
CONTEXT = 12  # normalised characters of fixed text wanted on each side
INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff]")
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "ʼ": "'", "`": "'", "´": "'",
                        "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                        "–": "-", "—": "-", "‒": "-", "―": "-", "‐": "-", "‑": "-"})


def normalise(text: str) -> str:
    """The form both sides are compared in."""
    text = INVISIBLE_RE.sub("", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    return re.sub(r"\s+", "", text.translate(QUOTES).casefold())


@dataclass(frozen=True)
class Candidate:
    """One recipient of one dissemination."""

    dissemination: str
    recipient: str  # the recipient's user id as text
    name: str


@dataclass(frozen=True)
class Verdict:
    """The most likely recipient, how sure, and what it rests on."""

    best: Candidate | None
    confidence: float
    observed: int  # choice points found in the leaked text
    points: int  # choice points in the original
    tags: int  # invisible tags found
    ranking: tuple[tuple[Candidate, float], ...]


def _alternation(choice: Choice) -> str:
    return "(?:" + "|".join(re.escape(normalise(f)) for f in choice.forms) + ")"


def _side(segments: Sequence[Segment], tail: bool) -> str:
    out: list[str] = []
    fixed = 0
    for piece in (reversed(segments) if tail else segments):
        if len(out) >= 3 or fixed >= CONTEXT:
            break
        if isinstance(piece, Choice):
            out.append(_alternation(piece))
        else:
            norm = normalise(piece)
            part = norm[-(CONTEXT - fixed):] if tail else norm[:CONTEXT - fixed]
            fixed += len(part)
            out.append(re.escape(part))
    return "".join(reversed(out) if tail else out)


SENTENCE_END_RE = re.compile(r"[.!?](?=\s)")


@cache
def windows(text: str, lang: str) -> tuple[tuple[Choice, re.Pattern[str], int], ...]:
    """For each choice point, a pattern that finds it in context and captures its form,
    and the number of the sentence it is in."""
    segments = segment(text, lang)
    out = []
    sentence = 0
    for i, piece in enumerate(segments):
        if isinstance(piece, Choice):
            forms = "|".join(re.escape(normalise(f)) for f in piece.forms)
            pattern = (_side(segments[:i], True) + f"({forms})"
                       + _side(segments[i + 1:], False))
            out.append((piece, re.compile(pattern), sentence))
        else:
            sentence += len(SENTENCE_END_RE.findall(piece))
    return tuple(out)


def observe(text: str, lang: str | None, leaked: str) -> list[set[int] | None]:
    """Per choice point, the forms seen in ``leaked`` (None: not seen)."""
    target = normalise(leaked)
    seen: list[set[int] | None] = []
    for choice, pattern, _ in windows(text, language(text, lang)):
        norms = [normalise(f) for f in choice.forms]
        found = {i for m in pattern.finditer(target) for i, n in enumerate(norms)
                 if n == m.group(1)}
        seen.append(found or None)
    return seen


def trace(text: str, lang: str | None, leaked: str, candidates: Sequence[Candidate],
          secret: bytes) -> Verdict:
    """Weigh every candidate against the leaked copy of ``text``."""
    lang = language(text, lang)
    seen = observe(text, lang, leaked)
    tags = decode_tags(leaked)
    points = [(c, n) for c, _, n in windows(text, lang)]
    observed = sum(s is not None for s in seen)
    if not candidates:
        return Verdict(None, 0.0, observed, len(points), len(tags), ())
    per_sentence = [_sentences(points, seen, cand, secret) for cand in candidates]
    others = {n: sum(math.exp(ll[n]) for ll in per_sentence) / len(candidates)
              for n in per_sentence[0]}
    scores: list[float] = []
    for cand, own in zip(candidates, per_sentence, strict=True):
        score = sum(math.log((1 - MIX) * math.exp(ll) + MIX * others[n])
                    for n, ll in own.items())
        if tags:
            hit = tag(secret, cand.dissemination, cand.recipient) in tags
            score += math.log(1 - TAG_ERROR if hit else TAG_ERROR)
        scores.append(score)
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    ranking = sorted(zip(candidates, (w / total for w in weights), strict=True),
                     key=lambda cw: -cw[1])
    best, confidence = ranking[0]
    return Verdict(best, confidence, observed, len(points), len(tags), tuple(ranking))


def _sentences(points: Sequence[tuple[Choice, int]], seen: Sequence[set[int] | None],
               cand: Candidate, secret: bytes) -> dict[int, float]:
    """The candidate's log-likelihood of each sentence's observed choices."""
    out: dict[int, float] = {}
    for index, ((choice, sentence), found) in enumerate(zip(points, seen, strict=True)):
        if found is not None:
            hit = pick(secret, cand.dissemination, cand.recipient, index, choice) in found
            out[sentence] = out.get(sentence, 0.0) + math.log(1 - ERROR if hit else ERROR)
    return out
