"""The access rule, stated once in Python and explained as a :class:`Decision`.

A person may see a source document when all of these hold:

1. their clearance is at or above the document's classification level;
2. they hold every compartment on the document;
3. they belong to its owner agency, or one of their agencies or those agencies'
   countries is in its releasability, or they hold an active grant on it (given to them,
   to one of their agencies, or to a sharing group they are a member of).

A statement is visible when at least one of its source documents is. The store compiles
the same rule into SQL (``enlace.store.access``); this module is the reference the tests
compare it with, and what explains a decision to a person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from enlace.clock import utcnow
from enlace.exceptions import PolicyError
from enlace.model.markings import Label, MarkingScheme


@dataclass(frozen=True)
class Principal:
    """A person as the access rule sees them."""

    id: int
    name: str
    clearance: int
    compartments: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Grant:
    """An explicit right to see one document, given to a person, an agency or a group.

    A group grant covers the group's members, given in ``members`` as user ids."""

    grantee_kind: str  # "user", "agency" or "group"
    grantee: str  # the user's id as text, the agency code, or the group name
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    members: frozenset[int] = frozenset()

    def active(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def covers(self, principal: Principal) -> bool:
        if self.grantee_kind == "user":
            return self.grantee == str(principal.id)
        if self.grantee_kind == "group":
            return principal.id in self.members
        return self.grantee_kind == "agency" and self.grantee in principal.agencies


@dataclass(frozen=True)
class Decision:
    """Whether access is allowed, and why, in words a person can act on."""

    allow: bool
    reason: str
    facts: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return self.allow


def _level(scheme: MarkingScheme | None, rank: int) -> str:
    return scheme.level_name(rank) if scheme else f"level {rank}"


def check_can_mark(by: Principal, value: Label, scheme: MarkingScheme) -> None:
    """A person may only give a label they could read themselves."""
    if value.level > by.clearance:
        raise PolicyError(f"you cannot mark a document {scheme.level_name(value.level)}: your "
                          f"clearance is {scheme.level_name(by.clearance)}")
    missing = sorted(value.compartments - by.compartments)
    if missing:
        raise PolicyError(f"you cannot mark a document with compartment {', '.join(missing)}, "
                          "which you do not hold")


def decide(
    principal: Principal,
    label: Label,
    grants: Iterable[Grant] = (),
    now: datetime | None = None,
    scheme: MarkingScheme | None = None,
) -> Decision:
    """Decide whether ``principal`` may see a document carrying ``label``."""
    if principal.clearance < label.level:
        return Decision(False, f"clearance {_level(scheme, principal.clearance)} is below "
                               f"the document's {_level(scheme, label.level)}")
    missing = sorted(label.compartments - principal.compartments)
    if missing:
        return Decision(False, f"missing compartment {', '.join(missing)}")
    if label.owner is not None and label.owner in principal.agencies:
        return Decision(True, f"member of the owner agency {label.owner}")
    via = sorted(label.releasable_to & (principal.agencies | principal.countries))
    if via:
        return Decision(True, f"releasable to {', '.join(via)}")
    moment = now or utcnow()
    for grant in grants:
        if grant.active(moment) and grant.covers(principal):
            who = {"user": "you", "group": f"group {grant.grantee}"}.get(
                grant.grantee_kind, f"agency {grant.grantee}")
            return Decision(True, f"shared with {who} by a grant")
    return Decision(False, "not a member of the owner agency, outside the releasability, "
                           "and holding no grant")
