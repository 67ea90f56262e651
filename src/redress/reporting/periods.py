"""Reporting periods: the financial year from 1 April, its quarters, months and custom ranges.

Every period is a closed range of UK dates [start, end], compared with ``Case.received_on``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from redress.core.dates import long_date
from redress.core.errors import InvalidInput

FINANCIAL_YEAR_START_MONTH = 4
PERIOD_KINDS = ("year", "quarter", "month", "custom")
# Reports cover cases received in these years: wide enough for any real complaint, narrow
# enough that a period's arithmetic (the day after its end, its months) never leaves the
# calendar Python can count.
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
EARLIEST_DATE = dt.date(EARLIEST_YEAR, 1, 1)
LATEST_DATE = dt.date(LATEST_YEAR, 12, 31)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str
    kind: str = "custom"  # one of PERIOD_KINDS: what "the previous period" means

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def financial_year_of(day: dt.date) -> int:
    """The calendar year in which the financial year holding ``day`` began."""
    return day.year if day.month >= FINANCIAL_YEAR_START_MONTH else day.year - 1


def fy_label(year: int) -> str:
    return f"{year}/{str(year + 1)[-2:]}"


def financial_year(year: int) -> Period:
    return Period(
        dt.date(year, 4, 1), dt.date(year + 1, 3, 31), f"Financial year {fy_label(year)}", "year"
    )


def quarter(year: int, number: int) -> Period:
    """Quarter 1 is April to June of financial year ``year``; quarter 4 is January to March."""
    if number not in (1, 2, 3, 4):
        raise InvalidInput.for_field("quarter", "Choose a quarter from 1 to 4.")
    first_month = 4 + 3 * (number - 1)
    start_year = year + (first_month - 1) // 12
    start_month = (first_month - 1) % 12 + 1
    end_month = start_month + 2
    end = dt.date(start_year, end_month, calendar.monthrange(start_year, end_month)[1])
    return Period(
        dt.date(start_year, start_month, 1), end, f"Q{number} {fy_label(year)}", "quarter"
    )


def month(year: int, number: int) -> Period:
    if not 1 <= number <= 12:
        raise InvalidInput.for_field("month", "Choose a month from 1 to 12.")
    last = calendar.monthrange(year, number)[1]
    start = dt.date(year, number, 1)
    return Period(start, dt.date(year, number, last), f"{start:%B %Y}", "month")


def custom(start: dt.date, end: dt.date) -> Period:
    if start > end:
        raise InvalidInput.for_field("from", "The start date must be on or before the end date.")
    return Period(start, end, f"{long_date(start)} to {long_date(end)}")


def quarter_of(day: dt.date) -> tuple[int, int]:
    """(financial year, quarter number) of the quarter holding ``day``."""
    return financial_year_of(day), (day.month - FINANCIAL_YEAR_START_MONTH) % 12 // 3 + 1


def latest_complete_quarter(today: dt.date) -> tuple[int, int]:
    """(financial year, quarter number) of the last quarter that ended before today."""
    year, number = quarter_of(today)
    return quarter_of(quarter(year, number).start - dt.timedelta(days=1))


def previous(period: Period) -> Period:
    """The period of the same kind just before: the quarter before a quarter, the year before
    a year, the month before a month, and for dates chosen the same number of days before."""
    day_before = period.start - dt.timedelta(days=1)
    if period.kind == "year":
        return financial_year(financial_year_of(day_before))
    if period.kind == "quarter":
        return quarter(*quarter_of(day_before))
    if period.kind == "month":
        return month(day_before.year, day_before.month)
    return custom(period.start - dt.timedelta(days=period.days), day_before)


def quarters_of(year: int) -> list[Period]:
    return [quarter(year, n) for n in (1, 2, 3, 4)]


def months_of(period: Period) -> list[Period]:
    """Each calendar month that the period touches, clipped to the period."""
    result = []
    cursor = dt.date(period.start.year, period.start.month, 1)
    while cursor <= period.end:
        whole = month(cursor.year, cursor.month)
        result.append(
            Period(max(whole.start, period.start), min(whole.end, period.end), whole.label)
        )
        cursor = whole.end + dt.timedelta(days=1)
    return result


def parse_date(field: str, value: str | None) -> dt.date:
    if not value or not value.strip():
        raise InvalidInput.for_field(field, f"Enter the date for {field!r} as YYYY-MM-DD.")
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput.for_field(
            field, f"{field!r} must be a real date written YYYY-MM-DD, like 2026-04-01."
        ) from None
    return check_date_in_range(field, day)


def check_date_in_range(field: str, day: dt.date) -> dt.date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise InvalidInput.for_field(
            field,
            f"{field!r} must be a date between {long_date(EARLIEST_DATE)} "
            f"and {long_date(LATEST_DATE)}.",
        )
    return day


def _parse_int(field: str, value: str | None, low: int, high: int, what: str) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidInput.for_field(field, f"Enter the {what} as a whole number.") from None
    if not low <= number <= high:
        raise InvalidInput.for_field(field, f"The {what} must be between {low} and {high}.")
    return number


def period_from_query(params: Mapping[str, str], today: dt.date) -> Period:
    """The period a filter form asks for; the current financial year when it names no period
    kind (the dashboard's own default, the latest complete quarter, is in ``filters``).

    Fields: ``period`` (year, quarter, month or custom), ``year`` (the financial year's first
    calendar year, or the calendar year for a month), ``quarter``, ``month``, ``from``, ``to``.
    """
    kind = params.get("period") or "year"
    if kind not in PERIOD_KINDS:
        raise InvalidInput.for_field("period", "Choose a financial year, quarter, month or range.")
    if kind == "custom":
        return custom(parse_date("from", params.get("from")), parse_date("to", params.get("to")))
    default_year = financial_year_of(today) if kind != "month" else today.year
    raw_year = params.get("year") or str(default_year)
    year = _parse_int("year", raw_year, EARLIEST_YEAR, LATEST_YEAR, "year")
    if kind == "year":
        return financial_year(year)
    if kind == "quarter":
        return quarter(year, _parse_int("quarter", params.get("quarter"), 1, 4, "quarter"))
    return month(year, _parse_int("month", params.get("month"), 1, 12, "month"))
