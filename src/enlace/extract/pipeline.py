"""The extraction pipeline: text in, :class:`Extraction` out.

language → spaCy (NER only) → gazetteer, patterns, aliases, accounts, phones
→ overlap resolution → within-document resolution → entities with mentions
→ dates → events → relations (the sentences the dependency layer reads parsed for all
the documents of a batch at once).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from enlace.exceptions import InvalidData
from enlace.extract.candidates import collect_candidates
from enlace.extract.dates import DateMatch, find_dates
from enlace.extract.events import EntityMention, detect_events, trigger_sentences
from enlace.extract.ftm import agency_topics, schema_for
from enlace.extract.gazetteer import get_gazetteer
from enlace.extract.language import resolve_language
from enlace.extract.lexicon import get_lexicon
from enlace.extract.model import ExtractedEntity, Extraction, Mention
from enlace.extract.nlp import nlp_for
from enlace.extract.relations import detect_relations
from enlace.extract.relations.parsing import Parsed, ParseTarget, parse_documents, parse_targets
from enlace.extract.resolve import Cluster, resolve_mentions
from enlace.extract.sentences import split_sentences
from enlace.extract.text import fold

__all__ = ["extract", "extract_many", "extract_text"]

_PARA = re.compile(r"\n\s*\n")


def _paragraph_ids(text: str, sentences: list[tuple[int, int]]) -> list[int]:
    breaks = [m.start() for m in _PARA.finditer(text)]  # in text order
    return [bisect_left(breaks, s0) for s0, _ in sentences]


def _entity(i: int, c: Cluster, text: str) -> ExtractedEntity:
    gz = get_gazetteer()
    topics: list[str] = []
    canonical: str | None = None
    props: dict[str, list[str]] = {}
    if c.type == "CRIMINAL_GROUP":
        g = gz.groups.get(c.gid or "")
        topics = list(g.topics) if g and g.topics else ["crime"]
        canonical = g.name if g else None
    elif c.type == "GOV_AGENCY":
        a = gz.agencies.get(c.gid or "")
        topics = agency_topics(a.kind if a else None)
        canonical = a.name if a else None
    elif c.type == "LOCATION" and c.gid:
        canonical = gz.place_names.get(c.gid)
    if c.type == "BANK_ACCOUNT":
        props["accountNumber"] = list(c.values)
        ibans = [v for v in c.values if v[:2].isalpha()]
        if ibans:
            props["iban"] = ibans
    elif c.type == "PHONE":
        props["phones"] = list(c.values)  # read by enlace.ingest.extraction
    return ExtractedEntity(
        key=f"e{i}",
        name=c.name,
        type=c.type,
        aliases=list(c.aliases),
        mentions=[Mention(s, e, text[s:e]) for s, e in c.spans],
        gazetteer_id=c.gid if c.type in ("CRIMINAL_GROUP", "GOV_AGENCY", "LOCATION") else None,
        ftm_schema=schema_for(c.type),
        topics=topics,
        canonical=canonical,
        properties=props,
    )


def _event_dates(
    text: str,
    folded: str,
    lang: str,
    doc_date: dt.date | None,
    sentences: list[tuple[int, int]],
    paragraphs: list[int],
    wanted: set[int],
) -> list[DateMatch]:
    """Date phrases of the paragraphs that have an event trigger (dates serve events only,
    and dateparser-grade work on the rest of the text would be wasted), up to the last
    trigger sentence (index in ``wanted``) of each paragraph."""
    last: dict[int, int] = {}
    first: dict[int, int] = {}
    for i, (s0, s1) in enumerate(sentences):
        first.setdefault(paragraphs[i], s0)
        if i in wanted:
            last[paragraphs[i]] = s1
    out: list[DateMatch] = []
    for para, end in last.items():
        start = first[para]
        for d in find_dates(text[start:end], lang, doc_date, folded[start:end]):
            out.append(DateMatch(d.start + start, d.end + start, d.text, d.value, d.precision))
    return out


def _check(text: object, doc_date: dt.date | None) -> dt.date | None:
    if not isinstance(text, str):
        raise InvalidData("extract() needs the document text as a string.")
    if isinstance(doc_date, dt.datetime):
        return doc_date.date()
    return doc_date


def extract(text: str, lang: str | None = None, doc_date: dt.date | None = None) -> Extraction:
    """Entities, events and relations of one document."""
    doc_date = _check(text, doc_date)
    language = resolve_language(text, lang)
    if not text.strip():
        return Extraction(language=language, doc_date=doc_date)
    return _relate([_prepare(text, language, doc_date, nlp_for(language)(text))])[0]


def extract_many(
    texts: Sequence[str],
    lang: str | None = None,
    doc_dates: Sequence[dt.date | None] | None = None,
    batch_size: int = 32,
    langs: Sequence[str | None] | None = None,
) -> list[Extraction]:
    """:func:`extract` for many documents, with spaCy batching (``nlp.pipe``) per language.

    ``langs`` gives each text its own language (None: ``lang``, else detected). Same
    results as calling :func:`extract` on each text; faster on many documents."""
    dates = [_check(t, d) for t, d in zip(texts, doc_dates or [None] * len(texts), strict=True)]
    asked = langs if langs is not None else [lang] * len(texts)
    languages = [
        resolve_language(t, wanted or lang) for t, wanted in zip(texts, asked, strict=True)
    ]
    docs: dict[int, Doc] = {}
    for language in sorted(set(languages)):
        idx = [i for i, lg in enumerate(languages) if lg == language and texts[i].strip()]
        piped = nlp_for(language).pipe((texts[i] for i in idx), batch_size=batch_size)
        docs.update(zip(idx, piped, strict=True))
    done = dict(
        zip(
            docs,
            _relate([_prepare(texts[i], languages[i], dates[i], doc) for i, doc in docs.items()]),
            strict=True,
        )
    )
    return [
        done[i] if i in done else Extraction(language=languages[i], doc_date=dates[i])
        for i in range(len(texts))
    ]


@dataclass
class _Prepared:
    """A document with its entities and events, waiting for its relations."""

    result: Extraction
    text: str
    folded: str
    sentences: list[tuple[int, int]]
    mentions: list[EntityMention]
    targets: list[ParseTarget]


def _prepare(text: str, language: str, doc_date: dt.date | None, doc: Doc) -> _Prepared:
    result = Extraction(language=language, doc_date=doc_date)
    gz = get_gazetteer()
    lex = get_lexicon()
    folded = fold(text)
    cands, links = collect_candidates(text, folded, doc, language, gz, lex)
    clusters = resolve_mentions(text, cands, links)
    result.entities = [_entity(i + 1, c, text) for i, c in enumerate(clusters)]

    sentences = split_sentences(text)
    paragraphs = _paragraph_ids(text, sentences)
    mentions = sorted(
        (
            EntityMention(m.start, m.end, e.key, e.name, e.type)
            for e in result.entities
            for m in e.mentions
        ),
        key=lambda m: m.start,
    )
    taken = [(m.start, m.end) for m in mentions]
    wanted = trigger_sentences(folded, language, sentences)
    dates = [
        d
        for d in _event_dates(text, folded, language, doc_date, sentences, paragraphs, wanted)
        if not any(s < d.end and d.start < e for s, e in taken)
    ]
    result.events = detect_events(
        text, folded, language, sentences, paragraphs, mentions, dates, wanted
    )
    targets = parse_targets(text, sentences, mentions, language)
    return _Prepared(result, text, folded, sentences, mentions, targets)


def _relate(prepared: Sequence[_Prepared]) -> list[Extraction]:
    """Relations of the prepared documents, the sentences to parse of all documents of a
    language parsed in one batch."""
    parsed: dict[int, Parsed] = {}
    for language in sorted({p.result.language for p in prepared}):
        idx = [i for i, p in enumerate(prepared) if p.result.language == language]
        batch = parse_documents(
            language, [prepared[i].text for i in idx], [prepared[i].targets for i in idx]
        )
        parsed.update(zip(idx, batch, strict=True))
    gz = get_gazetteer()
    for i, p in enumerate(prepared):
        p.result.relations = detect_relations(
            p.text, p.folded, p.sentences, p.mentions, gz, p.result.language, parsed[i]
        )
    return [p.result for p in prepared]


def extract_text(
    text: str, lang: str | None = None, doc_date: dt.date | None = None
) -> dict[str, object]:
    """The contract form of :func:`extract` (plain JSON-ready dict)."""
    return extract(text, lang, doc_date).to_contract()
