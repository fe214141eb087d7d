"""What the compliance endpoints and pages share: how dates and times are read, and the
shape of a recording action.

Dates are Mexico City dates (``YYYY-MM-DD``) and times Mexico City wall-clock times
(``YYYY-MM-DDTHH:MM``, or with an offset), as in ``enlace compliance``; a blank date means
today and a blank time now. A recording action takes the View of the person acting, the id
in its path (0 where there is none) and its Pydantic body, and returns what it recorded, so
the REST API and the pages run the same code.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from enlace.clock import utcnow
from enlace.compliance.deadline import local_date, parse_date, parse_local_time
from enlace.compliance.rules import load_rules
from enlace.exceptions import InvalidData
from enlace.store import View

MAX_ID = 2_147_483_647  # ids are 32-bit integers on PostgreSQL
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL
Short = Annotated[str, Field(max_length=64, pattern=NO_NUL)]
Text = Annotated[str, Field(max_length=2000, pattern=NO_NUL)]
Codes = Annotated[list[Short], Field(max_length=32)]
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
YEARS = range(1900, 2201)  # far enough either way, and clear of date arithmetic's limits
Action = Callable[[View, int, Any], dict[str, Any]]


def compliance_router() -> APIRouter:
    return APIRouter(prefix="/api/compliance", tags=["compliance"])


def _in_range(year: int, text: str, what: str) -> None:
    if year not in YEARS:
        raise InvalidData(f"{what} {text!r} is out of range: give a year from {YEARS.start} "
                          f"to {YEARS.stop - 1}")


def day(text: str | None, what: str) -> date:
    """A Mexico City date as typed; today when blank."""
    if not (text and text.strip()):
        return local_date(utcnow(), load_rules())
    found = parse_date(text, what)
    _in_range(found.year, text, what)
    return found


def moment(text: str | None, what: str) -> datetime:
    """A Mexico City time as typed, as naive UTC; now when blank."""
    if not (text and text.strip()):
        return utcnow()
    with suppress(ValueError):
        _in_range(datetime.fromisoformat(text.strip()).year, text, what)
    return parse_local_time(text, load_rules(), what)


def month_of(text: str) -> str:
    """A month as ``YYYY-MM``, checked before any date is computed from it."""
    try:
        first = datetime.strptime(text.strip(), "%Y-%m")
    except ValueError:
        raise InvalidData(f"invalid month {text!r}: use YYYY-MM") from None
    _in_range(first.year, text, "month")
    return text.strip()


class Dated(BaseModel):
    """A step taken on a day (``on``, default today)."""

    on: Short | None = Field(default=None, description="YYYY-MM-DD (Mexico City); today.")
