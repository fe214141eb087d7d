"""Alias constructions: their candidates, and the links between a name and its alias.

'Ismael "El Mayo" Zambada' gives one PERSON carrying the nickname; "X, alias Y" gives a
main and an alias candidate, linked once overlaps are settled (the main takes the type of
a group or agency that ends where it ends); a quoted nickname gives a PERSON alias; an
acronym in brackets takes the type of the entity right before it. Afterwards, other
occurrences of a linked alias take its type, and a lone given name coordinated with a
full name takes that name's surnames.
"""

from __future__ import annotations

import re
from itertools import pairwise

from enlace.extract.aliases import AliasLink, find_aliases
from enlace.extract.candidate import Cand
from enlace.extract.lexicon import Lexicon
from enlace.extract.surface import strip_leading
from enlace.extract.text import fold_key

__all__ = [
    "PendingLink",
    "alias_candidates",
    "link_aliases",
    "retype_alias_echoes",
    "share_surnames",
]

PendingLink = tuple[Cand, Cand]  # (main, alias) of a nickname construction
_AND = re.compile(r"\s+(?:y|e|and)\s+")


def alias_candidates(
    text: str, cands: list[Cand], lex: Lexicon
) -> tuple[list[PendingLink], list[AliasLink]]:
    """Add the candidates of alias constructions to ``cands`` (which must already hold the
    group and agency candidates); returns the nickname pairs to link and the acronyms."""
    pending_links: list[PendingLink] = []
    acronyms: list[AliasLink] = []
    for link in find_aliases(text):
        if link.kind == "embedded":
            c = Cand(link.main_start, link.main_end, "PERSON", "alias-embedded", 92, name=link.name)
            c.aliases.append(text[link.alias_start : link.alias_end])
            cands.append(c)
        elif link.kind == "nickname":
            ms, me = strip_leading(text, link.main_start, link.main_end, lex, lex.person_titles)
            mtype = "PERSON"
            for o in cands:
                if (
                    o.prio >= 86
                    and o.start < me
                    and o.end == me
                    and o.type in ("CRIMINAL_GROUP", "GOV_AGENCY")
                ):
                    ms, me, mtype = o.start, o.end, o.type
            if me <= ms:
                continue
            main = Cand(ms, me, mtype, "alias-main", 90)
            alias = Cand(link.alias_start, link.alias_end, mtype, "alias", 91, is_alias=True)
            cands.extend((main, alias))
            pending_links.append((main, alias))
        elif link.kind == "quoted":
            cands.append(
                Cand(link.alias_start, link.alias_end, "PERSON", "quoted", 60, is_alias=True)
            )
        else:
            acronyms.append(link)
    return pending_links, acronyms


def link_aliases(
    chosen: list[Cand], pending_links: list[PendingLink], acronyms: list[AliasLink]
) -> list[tuple[int, int]]:
    """Links (index pairs into ``chosen``, which may gain acronym candidates)."""
    links: list[tuple[int, int]] = []
    for main_c, alias_c in pending_links:
        # the construction's ends may have been won by other sources with the same span
        ia = next((i for i, c in enumerate(chosen) if c.start <= main_c.start < c.end), None)
        ib = next((i for i, c in enumerate(chosen) if c.start <= alias_c.start < c.end), None)
        if ia is None or ib is None or ia == ib:
            continue
        if chosen[ib].prio < 80 or chosen[ib].type != chosen[ia].type:
            chosen[ib].type = chosen[ia].type
        chosen[ib].is_alias = chosen[ib].is_alias or chosen[ib].gid != chosen[ia].gid
        links.append((ia, ib))
    # acronyms in brackets take the type of the entity right before them
    for link in acronyms:
        owner = next((c for c in chosen if c.end == link.main_end), None)
        if owner is None or owner.type in ("BANK_ACCOUNT", "PHONE"):
            continue
        existing = next(
            (c for c in chosen if c.start == link.alias_start and c.end == link.alias_end), None
        )
        if existing is None:
            if any(link.alias_start < c.end and c.start < link.alias_end for c in chosen):
                continue
            existing = Cand(
                link.alias_start,
                link.alias_end,
                owner.type,
                "acronym",
                90,
                gid=owner.gid,
                is_alias=True,
            )
            chosen.append(existing)
        else:
            existing.is_alias = True
            if existing.type != owner.type:
                existing.type = owner.type
        links.append((chosen.index(owner), chosen.index(existing)))
    return links


def share_surnames(text: str, chosen: list[Cand], lex: Lexicon) -> None:
    """ "los hermanos Johnny y José Alfredo Hurtado Olascoaga": the lone given name takes
    the surnames of the full name it is coordinated with."""
    people = [c for c in chosen if c.type == "PERSON" and not c.is_alias and c.name is None]
    for a, b in pairwise(people):
        first = text[a.start : a.end]
        if " " in first or not _AND.fullmatch(text[a.end : b.start]):
            continue
        words = text[b.start : b.end].split()
        k = 0
        while k < len(words) and fold_key(words[k]) in lex.first_names:
            k += 1
        if 0 < k < len(words):
            a.name = first + " " + " ".join(words[k:])


def retype_alias_echoes(text: str, chosen: list[Cand], links: list[tuple[int, int]]) -> None:
    """Other occurrences of a linked alias ("CV", "El Mencho") that only the statistical
    model typed take the alias's type: the construction is better evidence."""
    typed = {text[chosen[b].start : chosen[b].end]: chosen[a] for a, b in links}
    for c in chosen:
        owner = typed.get(text[c.start : c.end])
        if owner is not None and c.prio < 80 and c.type != owner.type:
            c.type = owner.type
            c.gid = owner.gid
