"""Builds working calendars from the bank holidays plus the administrators' closure days."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from redress.calendars.clock import WorkingCalendar
from redress.calendars.registry import bank_holidays

# Deadlines run at most a couple of years ahead (6 months for adult social care, plus
# extensions); covering receipt year - 1 to + 3 is ample and cheap (the package is cached).
_YEARS_BEFORE = 1
_YEARS_AFTER = 3


def working_calendar(code: str, around: dt.date) -> WorkingCalendar:
    """The calendar ``code`` for the years around ``around``: one query, for the closure days.

    Closure days are read every time because administrators edit them; the rest is built once
    per process for each set of closure days and shared.
    """
    from redress.calendars.models import ClosureDay

    first = around.year - _YEARS_BEFORE
    stop = around.year + _YEARS_AFTER + 1
    # A plain date range (not ``date__year``) so the (calendar, date) unique index serves it.
    closures = ClosureDay.objects.filter(
        calendar=code, date__gte=dt.date(first, 1, 1), date__lt=dt.date(stop, 1, 1)
    ).values_list("date", flat=True)
    return _calendar(code, first, stop, frozenset(closures))


@lru_cache(maxsize=256)
def _calendar(code: str, first: int, stop: int, closures: frozenset[dt.date]) -> WorkingCalendar:
    """Immutable, so one object serves every caller; its sorted closed days (for counting)
    are then worked out once rather than on every call."""
    return WorkingCalendar.of(_bank_holidays(code, first, stop) | closures)


@lru_cache(maxsize=64)
def _bank_holidays(code: str, first: int, stop: int) -> frozenset[dt.date]:
    days: set[dt.date] = set()
    for year in range(first, stop):
        days |= bank_holidays(code, year)
    return frozenset(days)
