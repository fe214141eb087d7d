"""Collect typed mention candidates from every source and settle overlaps.

Each source lives in its own module (``ner_candidates``, ``gazetteer_candidates``,
``pattern_candidates``, ``person_candidates``, ``candidate_links``); this one runs them in
order, settles overlaps (:mod:`enlace.extract.candidate`) and applies the last checks
(:mod:`enlace.extract.candidate_filter`).

Sources, by priority (higher wins an overlap, then the longer span):

=========================================  =====
place patterns ("Southern District of X")    101
accounts, phones, gazetteer groups          100
and agencies (names, acronyms)
weak gazetteer aliases with crime context    95
embedded nicknames ('Ismael "El Mayo" Z.')   92
nickname constructions (alias ...)         90-91
group name patterns ("Cártel de X")          88
lone agency heads ("el Ejército")            87
agency name patterns ("Policía Nacional")    86
NER orgs typed by cue words                  85
place gazetteer                              80
place cue + name ("municipio de X")          75
title + name ("el general X")                70
quoted nicknames ("El Mencho")               60
NER "Los X" groups                           55
other NER spans                              50
given name + capitalised words               45
=========================================  =====

spaCy labels are only a hint: groups and agencies are typed by the gazetteer or cue
words, ``LOC`` spans that look like people (title before, a name token shared with a
known person, a common given name, Spanish personal "a", "El Chapo Guzmán") become
PERSON, people after "in/en" become places, and noise is dropped: pronouns and stop
words, lower-case words, dates, a capitalised word that opens a sentence or that the text
also uses in lower case, departments inside job titles ("secretario de Seguridad").
Other occurrences of an alias typed by a construction take the construction's type.
"""

from __future__ import annotations

from spacy.tokens import Doc

from enlace.extract.accounts import find_accounts
from enlace.extract.candidate import Cand, resolve_overlaps
from enlace.extract.candidate_filter import keep
from enlace.extract.candidate_links import (
    alias_candidates,
    link_aliases,
    retype_alias_echoes,
    share_surnames,
)
from enlace.extract.gazetteer import Gazetteer
from enlace.extract.gazetteer_candidates import gazetteer_candidates
from enlace.extract.lexicon import Lexicon
from enlace.extract.ner_candidates import ner_candidates
from enlace.extract.pattern_candidates import (
    gov_pattern_candidates,
    group_pattern_candidates,
    place_cue_candidates,
)
from enlace.extract.person_candidates import first_name_candidates, title_candidates
from enlace.extract.phones import find_phones
from enlace.extract.surface import classify_org
from enlace.extract.text import TOKEN_RE, fold_key

__all__ = ["Cand", "classify_org", "collect_candidates"]


def collect_candidates(
    text: str, folded: str, doc: Doc, lang: str, gz: Gazetteer, lex: Lexicon
) -> tuple[list[Cand], list[tuple[int, int]]]:
    """Settled mention candidates and alias links between them (index pairs)."""
    ner_labels = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
    cands: list[Cand] = []
    for a in find_accounts(text):
        cands.append(Cand(a.start, a.end, "BANK_ACCOUNT", a.scheme.lower(), 100, value=a.number))
    for ph in find_phones(text):
        if not any(c.start <= ph.start < c.end for c in cands):
            cands.append(Cand(ph.start, ph.end, "PHONE", "phone", 100, value=ph.e164))
    cands.extend(gazetteer_candidates(text, folded, gz, lex, ner_labels))
    cands.extend(group_pattern_candidates(text, folded, lex))
    cands.extend(title_candidates(text, folded, lex))
    cands.extend(gov_pattern_candidates(text, lex))
    cands.extend(place_cue_candidates(text, folded, lex))
    pending_links, acronyms = alias_candidates(text, cands, lex)
    cands.extend(ner_candidates(text, folded, doc, lang, lex, _person_tokens(text, cands, doc)))
    cands.extend(first_name_candidates(text, lex))

    chosen = resolve_overlaps(cands)
    lower_words = frozenset(w for w in TOKEN_RE.findall(text) if w.islower())
    lower_words = frozenset(fold_key(w) for w in lower_words)
    chosen = [c for c in chosen if keep(text, c, lex, lower_words)]
    links = link_aliases(chosen, pending_links, acronyms)
    retype_alias_echoes(text, chosen, links)
    share_surnames(text, chosen, lex)
    return chosen, links


def _person_tokens(text: str, cands: list[Cand], doc: Doc) -> set[str]:
    """Name words of the people found so far (titles, alias constructions, multi-word NER
    people): a place-labelled span made of such words is a person."""
    person_tokens: set[str] = set()
    for c in cands:
        if c.type == "PERSON" and c.source in ("title", "alias-main", "alias-embedded"):
            person_tokens.update(fold_key(c.name or text[c.start : c.end]).split())
    for ent in doc.ents:
        if ent.label_ in ("PER", "PERSON") and len(ent) > 1:
            person_tokens.update(fold_key(ent.text).split())
    person_tokens -= {"de", "del", "la", "los", "las", "el", "y"}
    return person_tokens
