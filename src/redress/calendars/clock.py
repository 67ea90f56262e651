"""Working-day arithmetic and deadline rules, with no database.

Everything here is a pure function of its arguments so it can be tested property by property.
The rule councils and the ICO use: **day 1 is the first working day after the day of receipt**,
whatever day receipt was, so "5 working days from Friday" lands on the next Friday, and receipt
on a Saturday or a bank holiday changes nothing about where day 1 falls.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"
    CALENDAR_MONTHS = "calendar_months"


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("a duration cannot be negative")

    def describe(self) -> str:
        words = {
            Unit.WORKING_DAYS: ("working day", "working days"),
            Unit.CALENDAR_DAYS: ("calendar day", "calendar days"),
            Unit.HOURS: ("hour", "hours"),
            Unit.CALENDAR_MONTHS: ("month", "months"),
        }[self.unit]
        return f"{self.amount} {words[0] if self.amount == 1 else words[1]}"


@dataclass(frozen=True)
class WorkingCalendar:
    """Monday to Friday, less the given non-working dates (bank holidays and closure days)."""

    non_working: frozenset[dt.date]

    @classmethod
    def of(cls, dates: Iterable[dt.date]) -> WorkingCalendar:
        return cls(frozenset(dates))

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.non_working

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """Day ``days`` counting the first working day after ``start`` as day 1.

        Zero days is ``start`` itself: a target of 0 means "the same day".
        """
        if days < 0:
            raise ValueError("cannot count a negative number of working days")
        day = start
        for _ in range(days):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days after ``start`` up to and including ``end``.

        Negative when ``end`` is before ``start`` (a deadline already passed), so that
        ``add_working_days(start, working_days_between(start, end))`` is the last working day
        on or before ``end``.
        """
        if end < start:
            return -self.working_days_between(end, start)
        # Arithmetic, not a walk: lists show "days left" on every row, often hundreds of days.
        weekdays = _weekdays_to(end) - _weekdays_to(start)
        closed = self._closed_weekdays
        return weekdays - (bisect_right(closed, end) - bisect_right(closed, start))

    @cached_property
    def _closed_weekdays(self) -> tuple[dt.date, ...]:
        """The non-working days that fall Monday to Friday, in order, for counting by bisection."""
        return tuple(sorted(day for day in self.non_working if day.weekday() < 5))


def _weekdays_to(day: dt.date) -> int:
    """How many Mondays to Fridays there are from 1 January of year 1 (a Monday) to ``day``."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later, or that month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def local_date(moment: dt.datetime) -> dt.date:
    """The UK date of an aware datetime (receipt at 23:30 UTC in summer is the next day here)."""
    if moment.tzinfo is None:
        raise ValueError("a received time must carry its time zone")
    return moment.astimezone(LONDON).date()


def due_date(
    start: dt.date | dt.datetime, duration: Duration, calendar: WorkingCalendar
) -> dt.date:
    """The date by which something must happen, ``duration`` after ``start``.

    ``start`` may be a date (the day of receipt or of acknowledgement) or, for targets in hours,
    an aware datetime; for hours the due date is the UK date on which the hours run out.
    """
    if duration.unit is Unit.HOURS:
        if not isinstance(start, dt.datetime):
            start = dt.datetime.combine(start, dt.time(9, 0), tzinfo=LONDON)
        # Hours are elapsed time. Adding to a London time would add wall-clock hours and be an
        # hour out across the clock changes, so the hours are added in UTC.
        if start.tzinfo is None:
            raise ValueError("a received time must carry its time zone")
        elapsed = start.astimezone(dt.UTC) + dt.timedelta(hours=duration.amount)
        return local_date(elapsed)
    start_day = local_date(start) if isinstance(start, dt.datetime) else start
    if duration.unit is Unit.WORKING_DAYS:
        return calendar.add_working_days(start_day, duration.amount)
    if duration.unit is Unit.CALENDAR_DAYS:
        return start_day + dt.timedelta(days=duration.amount)
    return add_months(start_day, duration.amount)


def days_left(today: dt.date, due: dt.date, calendar: WorkingCalendar) -> int:
    """Working days from ``today`` until ``due``: 0 when due today, negative once overdue."""
    return calendar.working_days_between(today, due)
