"""Turning the label options a person gives into a checked :class:`Label`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from enlace.exceptions import InvalidData, PolicyError
from enlace.model.markings import COUNTRY_RE, Label, MarkingScheme, compartment, fold
from enlace.sharing.policy import Principal, check_can_mark


@dataclass(frozen=True)
class LabelOptions:
    """Label options as typed on the command line or sent to the API."""

    classification: str | None = None
    compartments: tuple[str, ...] = ()
    releasable_to: tuple[str, ...] = ()
    owner: str | None = None
    tlp: str | None = None


DEFAULT_TLP = "AMBER"


def resolve(options: LabelOptions, by: Principal, scheme: MarkingScheme) -> tuple[Label, str]:
    """The label and TLP colour ``by`` asks for, checked against what they may give.

    Defaults: the lowest level, no compartments, no releasability, the person's only
    agency as owner, TLP:AMBER. A person may only mark what they could read themselves,
    and only for an agency they belong to."""
    level = scheme.level(options.classification) if options.classification else scheme.lowest
    owner = fold(options.owner) if options.owner else None
    if owner is None:
        if len(by.agencies) != 1:
            raise InvalidData(f"{by.name} belongs to {', '.join(sorted(by.agencies))}: "
                              "say which agency owns the document (--owner)")
        owner = next(iter(by.agencies))
    if owner not in by.agencies:
        raise PolicyError(f"{by.name} is not a member of {owner} and cannot file documents "
                          "it owns")
    targets = frozenset(_target(t) for t in options.releasable_to)
    label = Label(level.rank, frozenset(compartment(c) for c in options.compartments),
                  targets, owner)
    check_can_mark(by, label, scheme)
    tlp = scheme.tlp_colour(options.tlp or DEFAULT_TLP)
    return label, tlp


def _target(spelling: str) -> str:
    code = fold(spelling)
    if COUNTRY_RE.match(code) or len(code) > 2:
        return code
    raise InvalidData(f"invalid releasability {spelling!r}: use an agency code or a "
                      "two-letter country code")


def parse_targets(values: Iterable[str]) -> tuple[str, ...]:
    """Split ``MX,US`` and ``MX US`` forms into single targets."""
    out: list[str] = []
    for value in values:
        out.extend(part for part in value.replace(",", " ").split() if part)
    return tuple(out)
