"""Reading a dependency parse: subjects, objects, agents, coordination, negation.

Works on the labels of both bundled models: English (ClearNLP: nsubj, nsubjpass, dobj,
prep/pobj, agent, attr, poss, neg) and Spanish (Universal Dependencies: nsubj, obj, obl
and nmod with a ``case`` child, cop, advmod "no").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from enlace.extract.relations.cues import LanguageCues
from enlace.extract.text import fold

__all__ = [
    "agents",
    "conjuncts",
    "lemmas",
    "negated",
    "objects",
    "preposition",
    "subjects",
]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "iobj", "dative", "obl", "nmod", "oprd", "attr"})
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "attr", "acomp", "dobj", "obj", "pcomp", "oprd"})
RELATIVE_DEPS = frozenset({"relcl", "acl", "acl:relcl", "amod"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "que", "quien", "quienes", "cual"})
_PARTICIPLE_ENDINGS = (("ados", "ar"), ("adas", "ar"), ("ado", "ar"), ("ada", "ar"),
                       ("idos", "ir"), ("idas", "ir"), ("ido", "ir"), ("ida", "ir"))  # fmt: skip


def lemmas(tok: Token) -> tuple[str, ...]:
    """Folded lower-case forms a cue word may match: lemma, text, and for a Spanish
    participle the infinitives it may come from ("encabezados" -> "encabezar")."""
    forms = [fold(tok.lemma_).lower(), fold(tok.text).lower()]
    low = forms[1]
    for ending, inf in _PARTICIPLE_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: -len(ending)]
            forms.append(stem + inf)
            if inf == "ir":
                forms.append(stem + "er")
            break
    return tuple(dict.fromkeys(forms))


NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})


def _nominal(tok: Token) -> bool:
    return tok.pos_ in NOMINAL_POS


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and every token coordinated with it ("X, Y and Z"); a name is never taken
    as coordinated with a verb (a misparse of long lists)."""
    root = tok
    while root.dep_ == "conj" and root.head.i != root.i and _nominal(root.head) == _nominal(tok):
        root = root.head
    out = [root]
    stack = [root]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and _nominal(child) == _nominal(tok):
                out.append(child)
                stack.append(child)
    return out


def preposition(tok: Token) -> str | None:
    """The preposition introducing ``tok``: its ``prep`` head (English) or its ``case``
    child (Spanish), folded; None when it has none."""
    if tok.dep_ in ("pobj", "pcomp") and tok.head.dep_ in ("prep", "agent"):
        return fold(tok.head.lower_)
    for child in tok.children:
        if child.dep_ == "case" and child.pos_ == "ADP":
            return fold(child.lower_)
    return None


def _resolve_relative(tok: Token, clause: Token) -> Token:
    """A relative pronoun subject ("which", "que") stands for the noun its clause modifies."""
    if fold(tok.lower_) in RELATIVE_PRONOUNS and clause.dep_ in RELATIVE_DEPS:
        return clause.head
    return tok


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Subjects of ``verb``, inherited through coordination ("X split from Y and fights
    Z"), control ("X is believed to lead Y") and relative clauses ("X, which leads Y")."""
    found = [_resolve_relative(c, verb) for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if found or depth > 4 or verb.head.i == verb.i:
        return found
    if verb.dep_ in ("conj", "xcomp"):
        return subjects(verb.head, depth + 1)
    if verb.dep_ in RELATIVE_DEPS and not any(
        fold(c.lower_) in RELATIVE_PRONOUNS for c in verb.children
    ):
        return [verb.head]  # a participle: "the gang based in X", "el grupo liderado por X"
    return []


def is_passive(verb: Token) -> bool:
    """A passive verb: a passive auxiliary or subject, or a participle modifying a noun."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "nsubj:pass", "aux:pass") for c in verb.children):
        return True
    participle = verb.tag_ == "VBN" or "Part" in verb.morph.get("VerbForm", [])
    return verb.dep_ in ("acl", "amod") and participle


def _prepositional_objects(tok: Token) -> Iterator[Token]:
    for child in tok.children:
        if child.dep_ in ("prep", "agent"):
            yield from (g for g in child.children if g.dep_ in ("pobj", "pcomp"))
        elif child.dep_ in OBJECT_DEPS:
            yield child


def agents(verb: Token, cues: LanguageCues) -> list[Token]:
    """The agents of a passive verb ("led by X", "encabezado por X")."""
    return [t for t in _prepositional_objects(verb) if preposition(t) in cues.agent_preps]


def objects(verb: Token, cues: LanguageCues, preps: frozenset[str] | None = None) -> list[Token]:
    """Objects and prepositional objects of ``verb`` (not its agents); with ``preps``,
    only those introduced by one of them."""
    out: list[Token] = []
    for t in _prepositional_objects(verb):
        p = preposition(t)
        if p in cues.agent_preps and is_passive(verb):
            continue
        if preps is not None and p not in preps:
            continue
        out.append(t)
    return out


def negated(trigger: Token, cues: LanguageCues) -> bool:
    """The cue word is negated ("not a member", "no es aliado") or sits under a denial
    ("denied being a member", "negó ser integrante")."""
    tok = trigger
    for _ in range(6):
        for child in tok.children:
            if child.dep_ == "neg" or (
                child.dep_ == "advmod" and fold(child.lower_) in cues.negators
            ):
                return True
        if tok.i != trigger.i and any(lm in cues.denials for lm in lemmas(tok)):
            return True
        if tok.dep_ not in CLAUSE_LINKS or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False
