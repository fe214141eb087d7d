"""Which sentences the dependency layer parses, and parsing them for many documents at once.

Only sentences that name two entities whose types some relation accepts, or one entity
and a word that may refer back to a group named before, are parsed.  A sentence is
parsed as its own short Doc, so its parse does not depend on the other sentences of the
batch: :func:`parse_documents` sends the sentences of many documents of one language
through one ``nlp.pipe`` call, which is cheaper than a call per document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from enlace import settings
from enlace.extract.events import EntityMention
from enlace.extract.nlp import parser_for
from enlace.extract.relations.cues import LanguageCues, RelationCues, load_cues
from enlace.extract.relations.mention_units import sentence_mentions
from enlace.extract.text import fold

__all__ = ["ParseTarget", "Parsed", "parse_documents", "parse_targets", "sentences_to_parse"]

ParseTarget = tuple[int, int, list[EntityMention]]
Parsed = list[tuple[ParseTarget, Doc]]

_WORD = re.compile(r"\w+")


def sentences_to_parse(
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[EntityMention],
    cues: RelationCues,
    lang: LanguageCues,
) -> list[ParseTarget]:
    """The sentences worth parsing, with their mentions: those naming two entities of
    types some relation accepts, or one entity and a word that may refer back to a group
    named before ("it", "the gang", "su")."""
    anaphors = lang.pronouns | lang.group_nouns
    out = []
    for s0, s1, ms in sentence_mentions(sentences, mentions):
        kinds = {(m.key, m.type) for m in ms}
        pair = any(
            a[0] != b[0] and cues.compatible(a[1], b[1]) for a in kinds for b in kinds if a < b
        )
        if pair or (
            ms
            and any(m.type == "CRIMINAL_GROUP" and m.end <= s0 for m in mentions)
            and any(w in anaphors for w in _WORD.findall(fold(text[s0:s1]).lower()))
        ):
            out.append((s0, s1, ms))
    return out


def parse_targets(
    text: str, sentences: list[tuple[int, int]], mentions: list[EntityMention], lang: str
) -> list[ParseTarget]:
    """The sentences of one document the dependency layer reads: none when the parse is
    switched off (``ENLACE_RELATION_PARSER``) or ``lang`` has no cue words."""
    if not settings.relation_parser():
        return []
    cues = load_cues()
    lang_cues = cues.languages.get(lang)
    if lang_cues is None or not (lang_cues.verbs or lang_cues.nouns):
        return []
    return sentences_to_parse(text, sentences, mentions, cues, lang_cues)


def parse_documents(
    lang: str, texts: Sequence[str], targets: Sequence[list[ParseTarget]]
) -> list[Parsed]:
    """The parse of each document's targets (``texts[i]`` with ``targets[i]``, all in
    ``lang``), every sentence of every document in one ``nlp.pipe`` call."""
    flat = [
        text[s0:s1] for text, chosen in zip(texts, targets, strict=True) for s0, s1, _ in chosen
    ]
    if not flat:
        return [[] for _ in texts]
    docs = iter(parser_for(lang).pipe(flat))
    return [[(target, next(docs)) for target in chosen] for chosen in targets]
