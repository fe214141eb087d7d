"""Dates and deadlines in Mexico City time, in calendar or business days.

Deadlines are counted on local dates (``America/Mexico_City`` through zoneinfo, so the
daylight-saving years before October 2022 come out right) and end at the last instant of
their local day; the store keeps instants as naive UTC. Business days skip weekends and
the non-working days listed in ``rules.yml`` (LFPA art. 28).
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta

from enlace.compliance.rules import Rules
from enlace.exceptions import InvalidData


def local_date(instant: datetime, rules: Rules) -> date:
    """The Mexico City date of a stored (naive UTC) or aware instant."""
    aware = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return aware.astimezone(rules.zone).date()


def to_instant(local: datetime, rules: Rules) -> datetime:
    """A local wall-clock time (naive means Mexico City) as a stored naive UTC instant."""
    aware = local if local.tzinfo else local.replace(tzinfo=rules.zone)
    return aware.astimezone(UTC).replace(tzinfo=None)


def end_of_day(day: date, rules: Rules) -> datetime:
    """The last instant of a local day, as naive UTC."""
    return to_instant(datetime.combine(day, time.max), rules)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _nth_monday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))


def holidays(year: int, rules: Rules) -> frozenset[date]:
    """The non-working days of ``year`` under the rules' holiday list."""
    spec = rules.data["holidays"]
    days = {date(year, h["month"], h["day"]) for h in spec["fixed"]}
    days |= {_nth_monday(year, h["month"], h["n"]) for h in spec["nth_monday"]}
    days |= {date(h["year"], h["month"], h["day"]) for h in spec.get("inauguration", ())
             if h["year"] == year}
    return frozenset(days)


def is_business_day(day: date, rules: Rules) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year, rules)


def add_days(start: date, days: int, rules: Rules, mode: str | None = None) -> date:
    """``days`` after ``start``, counting calendar days or business days."""
    mode = mode or rules.days
    if mode == "calendar":
        return start + timedelta(days=days)
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if is_business_day(current, rules):
            left -= 1
    return current


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidData(f"invalid {what} {text!r}: use YYYY-MM-DD") from None


def parse_local_time(text: str, rules: Rules, what: str = "time") -> datetime:
    """``YYYY-MM-DD[THH:MM]`` in Mexico City time (or with an offset) as naive UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidData(f"invalid {what} {text!r}: use YYYY-MM-DDTHH:MM "
                          "(Mexico City time)") from None
    return to_instant(moment, rules)


def parse_month(text: str) -> tuple[date, date]:
    """The first and last day of ``YYYY-MM``."""
    try:
        first = datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise InvalidData(f"invalid month {text!r}: use YYYY-MM") from None
    return first, add_months(first, 1) - timedelta(days=1)
