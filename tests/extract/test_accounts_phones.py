"""CLABE and IBAN check digits, and phone numbers."""

from __future__ import annotations

import pytest

from enlace.extract.accounts import clabe_check_digit, find_accounts, is_valid_clabe, is_valid_iban
from enlace.extract.phones import find_phones


@pytest.mark.parametrize(
    "value",
    ["032180000118359719", "0321 8000 0118 3597 19", "032-180-00011835971-9", "002180700711055559"],
)
def test_valid_clabe(value: str) -> None:
    assert is_valid_clabe(value)


@pytest.mark.parametrize(
    "value",
    ["032180000118359718", "03218000011835971", "0321800001183597190", "03218000011835971X"],
)
def test_invalid_clabe(value: str) -> None:
    assert not is_valid_clabe(value)


def test_clabe_check_digit() -> None:
    assert clabe_check_digit("03218000011835971") == 9


@pytest.mark.parametrize(
    "value",
    ["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "ES91 2100 0418 4502 0005 1332"],
)
def test_valid_iban(value: str) -> None:
    assert is_valid_iban(value)


@pytest.mark.parametrize(
    "value",
    ["DE89 3704 0044 0532 0130 01", "GB82WEST1234569876543", "XX00", "DE8937040044053201300"],
)
def test_invalid_iban(value: str) -> None:
    assert not is_valid_iban(value)


def test_find_accounts_keeps_only_valid_numbers() -> None:
    text = "Depósitos a la CLABE 032180000118359719 y a 032180000118359718; IBAN DE89 3704 0044 0532 0130 00."
    found = find_accounts(text)
    assert [(a.scheme, a.number) for a in found] == [
        ("CLABE", "032180000118359719"),
        ("IBAN", "DE89370400440532013000"),
    ]
    for a in found:
        assert text[a.start : a.end] == a.text


def test_find_phones() -> None:
    text = "Llamaban desde el +52 55 1234 5678 y el (33) 3615-2222; en EE.UU. al +1 202-555-0143."
    found = find_phones(text)
    assert [p.e164 for p in found] == ["+525512345678", "+523336152222", "+12025550143"]
    for p in found:
        assert text[p.start : p.end] == p.text


def test_no_phone_in_plain_numbers() -> None:
    assert find_phones("Decomisaron 2,500 kilos en 2021.") == []


def test_emergency_lines_when_the_text_says_to_call_them() -> None:
    text = "Si recibe una llamada de extorsión, llame al 911 o denuncie al 089. Hubo 911 casos."
    assert [p.text for p in find_phones(text)] == ["911", "089"]
