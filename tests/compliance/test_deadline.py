"""Deadlines on Mexico City dates: calendar and business days, month ends, leap years, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from enlace.compliance.contact import report_deadline
from enlace.compliance.deadline import (
    add_days,
    add_months,
    end_of_day,
    holidays,
    is_business_day,
    local_date,
    parse_date,
    parse_local_time,
    parse_month,
    to_instant,
)
from enlace.compliance.rules import load_rules
from enlace.exceptions import InvalidData

CAL = load_rules()
BUS = CAL.choose(days="business")


def test_three_calendar_days_across_a_month_end() -> None:
    assert add_days(date(2027, 1, 30), 3, CAL) == date(2027, 2, 2)
    assert add_days(date(2027, 12, 30), 3, CAL) == date(2028, 1, 2)


def test_a_deadline_across_29_february_2028() -> None:
    assert add_days(date(2028, 2, 27), 3, CAL) == date(2028, 3, 1)  # 28, 29, 1
    assert add_days(date(2027, 2, 27), 3, CAL) == date(2027, 3, 2)  # no 29th in 2027
    call = to_instant(datetime(2028, 2, 27, 18, 0), CAL)
    assert report_deadline(call, CAL) == date(2028, 3, 1)


def test_business_days_skip_weekends_and_holidays() -> None:
    # Fri 29 Jan 2027 + 3 business days: Mon 1 Feb (Constitution day) is a holiday.
    assert add_days(date(2027, 1, 29), 3, BUS) == date(2027, 2, 4)
    assert add_days(date(2027, 1, 29), 3, CAL) == date(2027, 2, 1)
    # Across 29 Feb 2028 (a Tuesday): Mon 28 Feb + 2 business days.
    assert add_days(date(2028, 2, 28), 2, BUS) == date(2028, 3, 1)


def test_holidays_are_data() -> None:
    days = holidays(2027, CAL)
    assert date(2027, 2, 1) in days  # first Monday of February
    assert date(2027, 3, 15) in days  # third Monday of March
    assert date(2027, 11, 15) in days  # third Monday of November
    assert {date(2027, 1, 1), date(2027, 5, 1), date(2027, 5, 5), date(2027, 9, 16),
            date(2027, 12, 25)} <= days
    assert date(2024, 10, 1) in holidays(2024, CAL)
    assert date(2027, 10, 1) not in days
    assert not is_business_day(date(2027, 9, 16), CAL)
    assert not is_business_day(date(2027, 9, 18), CAL)  # Saturday
    assert is_business_day(date(2027, 9, 17), CAL)


def test_business_mode_is_used_by_report_deadlines() -> None:
    friday_evening = to_instant(datetime(2027, 9, 10, 20, 0), CAL)
    assert report_deadline(friday_evening, CAL) == date(2027, 9, 13)
    # Mon 13, Tue 14, Wed 15 (16 Sep is a holiday)
    assert report_deadline(friday_evening, BUS) == date(2027, 9, 15)


def test_local_dates_use_mexico_city_time() -> None:
    # 02:00 UTC on 5 Jan is still 4 Jan in Mexico City (UTC-6).
    assert local_date(datetime(2027, 1, 5, 2, 0), CAL) == date(2027, 1, 4)
    assert local_date(datetime(2027, 1, 5, 7, 0), CAL) == date(2027, 1, 5)
    assert local_date(datetime(2027, 1, 5, 2, 0, tzinfo=UTC), CAL) == date(2027, 1, 4)


def test_the_2021_daylight_saving_change() -> None:
    # Mexico City moved to CDT (UTC-5) on Sunday 4 April 2021 at 02:00.
    before = to_instant(datetime(2021, 4, 3, 23, 30), CAL)
    assert before == datetime(2021, 4, 4, 5, 30)  # UTC-6
    after = to_instant(datetime(2021, 4, 4, 23, 30), CAL)
    assert after == datetime(2021, 4, 5, 4, 30)  # UTC-5
    # 05:15 UTC on 4 April is 23:15 on the 3rd (CST); a fixed UTC-5 would say the 4th.
    assert local_date(datetime(2021, 4, 4, 5, 15), CAL) == date(2021, 4, 3)
    assert report_deadline(datetime(2021, 4, 4, 5, 15), CAL) == date(2021, 4, 6)
    # The deadline ends at local midnight, which is 05:00 UTC in CDT, not 06:00.
    assert end_of_day(date(2021, 4, 6), CAL) == datetime(2021, 4, 7, 4, 59, 59, 999999)
    assert end_of_day(date(2021, 4, 2), CAL) == datetime(2021, 4, 3, 5, 59, 59, 999999)
    # And back to CST on 31 October 2021.
    assert end_of_day(date(2021, 10, 31), CAL) == datetime(2021, 11, 1, 5, 59, 59, 999999)


def test_no_daylight_saving_after_2022() -> None:
    assert to_instant(datetime(2023, 7, 1, 12, 0), CAL) == datetime(2023, 7, 1, 18, 0)
    assert to_instant(datetime(2021, 7, 1, 12, 0), CAL) == datetime(2021, 7, 1, 17, 0)


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 12, 15), 1) == date(2028, 1, 15)
    assert add_months(date(2028, 3, 31), -1) == date(2028, 2, 29)


def test_parsing() -> None:
    assert parse_date("2028-02-29") == date(2028, 2, 29)
    assert parse_month("2028-02") == (date(2028, 2, 1), date(2028, 2, 29))
    assert parse_month("2027-12") == (date(2027, 12, 1), date(2027, 12, 31))
    assert parse_local_time("2027-03-01T10:00", CAL) == datetime(2027, 3, 1, 16, 0)
    assert parse_local_time("2027-03-01T10:00+00:00", CAL) == datetime(2027, 3, 1, 10, 0)
    assert end_of_day(date(2027, 3, 1), CAL) - to_instant(datetime(2027, 3, 1), CAL) == \
        timedelta(days=1, microseconds=-1)


@pytest.mark.parametrize(("call", "text"), [
    (parse_date, "2027-02-29"), (parse_month, "2027-13"), (parse_date, "tomorrow"),
])
def test_bad_dates(call: object, text: str) -> None:
    with pytest.raises(InvalidData, match="use YYYY-MM"):
        call(text)  # type: ignore[operator]
    with pytest.raises(InvalidData, match="Mexico City time"):
        parse_local_time("10am", CAL)
