"""Relations read from the dependency parse of a sentence, with cue words as data.

Only sentences that name two entities whose types some relation accepts, or one entity
and a word that may refer back to a group ("it", "the gang", "su"), are parsed
(:mod:`.parsing`).  Two structures carry a relation:

* a **verb** of a relation class between its subject and an object ("X leads Y", "Y,
  encabezado por X", "X split from Y and now fights Z");
* a **role or predicate word** between its holder and its complement ("X, leader of Y",
  "X is a faction of Y", "Y's leader X", "X waged war against Y", "the war between X and
  Y", "X has a presence in Z").

Coordination spreads a relation over every conjunct ("X and Y, both members of Z"), entity
types must fit the relation (``relation_cues.yml``), and a negated or denied cue ("X denied
being a member of Y", "no es aliado de") gives nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from enlace.extract.events import EntityMention
from enlace.extract.relations.collector import RelationCollector
from enlace.extract.relations.cues import LanguageCues, RelationCues, load_cues
from enlace.extract.relations.dependency import (
    agents,
    conjuncts,
    is_passive,
    lemmas,
    negated,
    objects,
    preposition,
    subjects,
)
from enlace.extract.relations.parsing import Parsed, parse_documents, parse_targets
from enlace.extract.text import fold

__all__ = ["syntactic_relations"]

VERB_POS = frozenset({"VERB", "AUX", "ADJ"})
_RECIPROCAL = frozenset({"each", "other", "another", "se"})
_AS = frozenset({"as", "como"})
_NAMING = frozenset({"know", "call", "name", "dub", "conocer", "llamar", "denominar", "apodar"})
_DEFINITE = frozenset({"the", "this", "that", "el", "la", "los", "las", "este", "esta", "dicho",
                       "dicha"})  # fmt: skip
_OF = frozenset({"of", "de", "del"})


class _Sentence:
    """One parsed sentence and the entity mention each of its tokens belongs to."""

    def __init__(
        self,
        doc: Doc,
        s0: int,
        ms: list[EntityMention],
        context: list[EntityMention],
        lang: LanguageCues,
    ) -> None:
        self.doc, self.s0, self.lang = doc, s0, lang
        self.context = context
        self.owner: dict[int, EntityMention] = {}
        for m in ms:
            span = doc.char_span(m.start - s0, m.end - s0, alignment_mode="expand")
            for t in span or ():
                self.owner[t.i] = m

    def _groups_before(self, tok: Token, agencies_block: bool) -> list[EntityMention]:
        """Groups named before ``tok``, latest last; when ``agencies_block``, none if an
        agency was named after the last group (then "its" is more likely the agency's)."""
        pos = tok.idx + self.s0
        prior = [m for m in self.context if m.end <= pos]
        out: list[EntityMention] = []
        for m in reversed(prior):
            if m.type == "GOV_AGENCY" and agencies_block and not out:
                return []
            if m.type == "CRIMINAL_GROUP" and all(o.key != m.key for o in out):
                out.append(m)
        return out

    def _antecedents(self, tok: Token) -> list[EntityMention]:
        """Groups a pronoun ("it", "su") or definite group noun ("the gang", "both
        gangs", "las dos bandas") stands for."""
        low = fold(tok.lower_)
        if low in self.lang.pronouns and tok.pos_ in ("PRON", "DET"):
            return self._groups_before(tok, agencies_block=True)[:1]
        if tok.pos_ != "NOUN" or lemmas(tok)[0] not in self.lang.group_nouns:
            return []
        dets = {fold(c.lower_) for c in tok.children if c.dep_ in ("det", "predet", "nummod")}
        if dets & self.lang.plural_markers:
            return self._groups_before(tok, agencies_block=False)[:2]
        if dets & _DEFINITE:
            return self._groups_before(tok, agencies_block=False)[:1]
        return []

    def resolve(self, tok: Token) -> list[EntityMention]:
        """The entities ``tok`` names or stands for: itself, or for a common noun the name
        it is apposed to or its apposition ("a single organization, La Local"), its name
        ("the faction known as the Chapitos"), the group it belongs to ("gunmen of X",
        "X's fighters", "its cells"), or the group it refers back to ("the gang", "it")."""
        m = self.owner.get(tok.i)
        if m is not None:
            return [m]
        if tok.pos_ == "NOUN":
            if tok.dep_ == "appos" and tok.head.i in self.owner:
                return [self.owner[tok.head.i]]  # "X, a gang that controls Y"
            for child in tok.children:
                if child.dep_ == "appos" and child.i in self.owner:
                    return [self.owner[child.i]]
                if child.dep_ in ("acl", "amod") and lemmas(child)[0] in _NAMING:
                    for name in child.subtree:
                        if name.i in self.owner and preposition(name) in _AS | {None}:
                            return [self.owner[name.i]]
            for child in tok.children:
                if child.dep_ in ("poss", "nmod:poss", "det") or preposition(child) in _OF:
                    found = [g for g in self.resolve(child) if g.type == "CRIMINAL_GROUP"]
                    if found and (
                        child.dep_ != "det"
                        or child.pos_ == "PRON"
                        or fold(child.lower_) in self.lang.pronouns
                    ):
                        return found
        return self._antecedents(tok)

    def mentions(self, tokens: Iterable[Token]) -> list[EntityMention]:
        """Entities of ``tokens`` and of their conjuncts."""
        out: dict[str, EntityMention] = {}
        for tok in tokens:
            for t in conjuncts(tok):
                for m in self.resolve(t):
                    out.setdefault(m.key, m)
        return list(out.values())

    def apposed(self, holder: Token, noun: Token) -> list[EntityMention]:
        """Entities an apposition after them describes: the holder and the conjuncts just
        before it, up to one that carries its own apposition ("X and Y, leaders of Z, and
        W, boss of V": leaders are X and Y, the boss only W).  A holder separated from the
        noun by another entity of its type is not the one described."""
        group = sorted((t for t in conjuncts(holder) if t.i < noun.i), key=lambda t: -t.i)
        out: list[EntityMention] = []
        last = noun.i
        for t in group:
            if any(k.dep_ == "appos" for k in self.doc[t.i + 1 : last]) and out:
                break
            for m in self.resolve(t):
                if all(o.key != m.key for o in out):
                    out.append(m)
            last = t.i
        if out:
            nearest = out[0]
            end = noun.idx + self.s0
            if any(
                o.type == nearest.type
                and o.key not in {x.key for x in out}
                and nearest.end <= o.start
                and o.end <= end
                for o in self.owner.values()
            ):
                return []
        return out


def _holders(noun: Token) -> list[Token]:
    """Who holds the role ``noun`` names: the apposed name, the copula or support-verb
    subject, the name a compound modifies, the subject of "as"/"como"."""
    out: list[Token] = [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ in ("appos", "compound"):
        out.append(noun.head)
    if noun.dep_ in ("attr", "acomp", "dobj", "obj", "oprd", "xcomp"):
        out += subjects(noun.head)
    if any(c.dep_ == "cop" for c in noun.children):
        out += [c for c in noun.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if noun.dep_ == "nsubj":
        out += [c for c in noun.head.children if c.dep_ == "attr"]
        if any(c.dep_ == "cop" for c in noun.head.children):
            out.append(noun.head)
    if preposition(noun) in _AS:
        # "X served as leader of Y" (the subject), "describe X as a partner of Y" (the object)
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        if head.pos_ in VERB_POS:
            direct = [c for c in head.children if c.dep_ in ("dobj", "obj")]
            out += direct or subjects(head)
        else:
            out.append(head)
    return out


def _complements(noun: Token, cues: LanguageCues) -> tuple[list[Token], list[Token], list[Token]]:
    """Complements of ``noun``: (prepositional, possessive or compound, reciprocal lists)."""
    prep: list[Token] = []
    owner: list[Token] = []
    reciprocal: list[Token] = []
    for child in noun.children:
        if child.dep_ in ("poss", "nmod:poss") or (
            child.dep_ == "compound" and child.pos_ == "PROPN"
        ):
            owner.append(child)
        elif child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                p = fold(child.lower_)
                if p in cues.reciprocal_preps:
                    reciprocal.append(obj)
                elif p in cues.complement_preps:
                    prep.append(obj)
        elif child.dep_ in ("nmod", "obl", "amod"):
            case = preposition(child)
            if case in cues.reciprocal_preps:
                reciprocal.append(child)
            elif case in cues.complement_preps:
                prep.append(child)
    if not prep and not reciprocal and noun.dep_ in ("dobj", "obj"):
        # a support verb carries the complement: "took bribes from Y", "libra una guerra con Y"
        for obj in _prepositional(noun.head):
            if preposition(obj) in cues.complement_preps and obj.i != noun.i:
                prep.append(obj)
    return prep, owner, reciprocal


def _prepositional(verb: Token) -> list[Token]:
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ == "prep":
            out += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("obl", "nmod"):
            out.append(child)
    return out


class _Reader:
    """Applies the verb and noun rules to one parsed sentence."""

    def __init__(self, sent: _Sentence, cues: RelationCues, lang: LanguageCues) -> None:
        self.sent, self.cues, self.lang = sent, cues, lang
        self.order = list(cues.sources)
        self.found: list[tuple[EntityMention, str, EntityMention, str]] = []

    def relate(
        self,
        sources: list[EntityMention],
        rels: list[str],
        targets: list[EntityMention],
        why: str,
    ) -> None:
        """Each source-target pair gets the first relation of ``rels`` its types fit."""
        for s in sources:
            for t in targets:
                if s.key == t.key:
                    continue
                for rel in rels:
                    label = self.cues.labels.get(rel, rel)
                    if self.cues.fits(rel, s.type, t.type):
                        self.found.append((s, label, t, why))
                        break
                    if rel in self.cues.symmetric and self.cues.fits(rel, t.type, s.type):
                        self.found.append((t, label, s, why))
                        break

    def reciprocal(self, group: list[EntityMention], rels: list[str], why: str) -> None:
        symmetric = [r for r in rels if r in self.cues.symmetric]
        for i, a in enumerate(group):
            self.relate([a], symmetric, group[i + 1 :], why)

    def read(self) -> list[tuple[EntityMention, str, EntityMention, str]]:
        for tok in self.sent.doc:
            if tok.i in self.sent.owner:
                continue  # a word of an entity name ("Frente", "Cártel") is not a cue
            forms = lemmas(tok)
            verb_rels = self.lang.verb_relations(forms) if tok.pos_ in VERB_POS else []
            noun_rels = self.lang.noun_relations(forms)
            if not verb_rels and not noun_rels:
                continue
            if negated(tok, self.lang):
                continue
            if verb_rels:
                self._verb(tok, sorted(verb_rels, key=self.order.index))
            if noun_rels:
                self._noun(tok, sorted(noun_rels, key=self.order.index))
        return self.found

    def _verb(self, verb: Token, rels: list[str]) -> None:
        why = f"syntax-verb:{lemmas(verb)[0]}"
        subj = self.sent.mentions(subjects(verb))
        passive = is_passive(verb)
        actors = self.sent.mentions(agents(verb, self.lang)) if passive else []
        if actors:
            self.relate(actors, rels, subj, why)
            return
        for rel in rels:
            if passive and rel not in self.cues.passive_subject_is_source:
                continue
            objs = self.sent.mentions(objects(verb, self.lang, self.lang.verb_preps.get(rel)))
            self.relate(subj, [rel], objs, why)
        if len(subj) >= 2 and any(r in self.cues.symmetric for r in rels):
            direct = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            marked = any(fold(c.lower_) in _RECIPROCAL for c in verb.subtree)
            if marked or not direct:
                self.reciprocal(subj, rels, why)

    def _noun(self, noun: Token, rels: list[str]) -> None:
        why = f"syntax-noun:{lemmas(noun)[0]}"
        prep, owner, reciprocal = _complements(noun, self.lang)
        holders: list[EntityMention] = []
        for h in _holders(noun):
            if h.i < noun.i and (noun.dep_ == "appos" and h.i == noun.head.i):
                holders += self.sent.apposed(h, noun)
            else:
                holders += self.sent.mentions([h])
        if not holders and prep and owner:
            holders = self.sent.mentions(owner)  # "X's presence in Y", "X's war with Y"
            owner = []
        self.relate(holders, rels, self.sent.mentions(prep + owner), why)
        for head in reciprocal:
            self.reciprocal(self.sent.mentions([head]), rels, why)


def syntactic_relations(
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[EntityMention],
    lang: str,
    out: RelationCollector,
    parsed: Parsed | None = None,
) -> None:
    """Parse the sentences worth parsing and record the relations their structure states.

    ``parsed``: those sentences already parsed (:mod:`.parsing`, batched over documents);
    None parses them here."""
    if parsed is None:
        parsed = parse_documents(lang, [text], [parse_targets(text, sentences, mentions, lang)])[0]
    if not parsed:
        return
    cues = load_cues()
    lang_cues = cues.languages[lang]
    for (s0, s1, ms), doc in parsed:
        sent = _Sentence(doc, s0, ms, mentions, lang_cues)
        for s, rel, t, why in _Reader(sent, cues, lang_cues).read():
            out.emit(s, rel, t, s0, s1, why)
