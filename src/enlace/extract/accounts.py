"""Bank account numbers: Mexican CLABE and IBAN, validated by their check digits.

* CLABE: 18 digits (3 bank, 3 branch plaza, 11 account, 1 check).  The check digit is
  ``(10 - (sum((d * w) % 10 for weights 3, 7, 1, ...) % 10)) % 10`` over the first 17.
* IBAN: country code, two check digits and up to 30 alphanumerics; valid when the
  rearranged number is 1 modulo 97 (ISO 13616) and the length fits the country.

Both are found in spaced or dashed forms ("0121 8000 1234 5678 95",
"012-180-00123456789-5", "DE89 3704 0044 0532 0130 00").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AccountMatch", "find_accounts", "is_valid_clabe", "is_valid_iban"]

_CLABE_WEIGHTS = (3, 7, 1) * 6

# Lengths per country (ISO 13616 registry, the countries likely in this domain and more).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SV": 28, "TL": 23, "TN": 24, "TR": 26,
    "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip

_CLABE_RE = re.compile(r"(?<![\w-])\d(?:[ -]?\d){17}(?![\w-])")
_IBAN_RE = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){10,30}(?![\w])")


@dataclass(frozen=True)
class AccountMatch:
    """A validated account number found in a text."""

    start: int
    end: int
    text: str
    number: str  # digits/letters only
    scheme: str  # "CLABE" or "IBAN"


def _compact(s: str) -> str:
    return re.sub(r"[\s-]", "", s).upper()


def clabe_check_digit(first17: str) -> int:
    """The CLABE control digit for the first 17 digits."""
    total = sum((int(d) * w) % 10 for d, w in zip(first17, _CLABE_WEIGHTS, strict=False))
    return (10 - total % 10) % 10


def is_valid_clabe(value: str) -> bool:
    """True for an 18-digit CLABE (spaces and dashes allowed) with a correct check digit."""
    digits = _compact(value)
    if len(digits) != 18 or not digits.isdigit():
        return False
    return clabe_check_digit(digits[:17]) == int(digits[17])


def is_valid_iban(value: str) -> bool:
    """True for an IBAN whose country length and mod-97 checksum are right."""
    iban = _compact(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        return False
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def find_accounts(text: str) -> list[AccountMatch]:
    """Valid CLABEs and IBANs in ``text``; invalid look-alikes are ignored."""
    out: list[AccountMatch] = []
    for m in _IBAN_RE.finditer(text):
        raw = m.group().rstrip(" -")
        # trim trailing groups until valid (an IBAN may be followed by other digits)
        cand = raw
        while cand and not is_valid_iban(cand):
            parts = re.split(r"([ -])", cand)
            if len(parts) < 3:
                cand = ""
                break
            cand = "".join(parts[:-2])
        if cand:
            out.append(AccountMatch(m.start(), m.start() + len(cand), cand, _compact(cand), "IBAN"))
    for m in _CLABE_RE.finditer(text):
        if any(a.start <= m.start() < a.end for a in out):
            continue
        if is_valid_clabe(m.group()):
            out.append(AccountMatch(m.start(), m.end(), m.group(), _compact(m.group()), "CLABE"))
    out.sort(key=lambda a: a.start)
    return out
