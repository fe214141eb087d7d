"""Phone numbers, found and validated with the ``phonenumbers`` package.

Numbers are searched with the document's likely region (Mexico by default, which also
accepts any number written in international ``+NN`` form) and only valid numbers are kept.
Each is reported with its E.164 form.  Emergency and report lines (911, 089...) count
too when the text tells the reader to call them; their "E.164" is the short code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

__all__ = ["PhoneMatch", "find_phones"]

# Seven or more digits with phone punctuation between them; cheap test before the matcher.
_CANDIDATE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")


@dataclass(frozen=True)
class PhoneMatch:
    """A valid phone number found in a text."""

    start: int
    end: int
    text: str
    e164: str


# Emergency and report lines are phone numbers too, when the text asks to call them.
_SHORT = re.compile(
    r"(?i:\b(?:call|dial|llam\w*|marc\w*|comunicarse|denunciar|report\w*|al|the|line|l[ií]nea|"
    r"n[uú]mero)\b[^.\n\d]{0,25}?)(?<!\d)(911|089|088|066|112|123|100|101|999|171)(?!\d)"
)


def find_phones(text: str, region: str = "MX") -> list[PhoneMatch]:
    """Valid phone numbers in ``text`` (``region`` applies to numbers without ``+``)."""
    out: list[PhoneMatch] = []
    for sm in _SHORT.finditer(text):
        out.append(PhoneMatch(sm.start(1), sm.end(1), sm.group(1), sm.group(1)))
    if not _CANDIDATE.search(text):
        return out
    for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
        if not any(p.start < m.end and m.start < p.end for p in out):
            out.append(PhoneMatch(m.start, m.end, m.raw_string, e164))
    out.sort(key=lambda p: p.start)
    return out
