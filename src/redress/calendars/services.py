"""Builds working calendars from the bank holidays plus the administrators' closure days."""

from __future__ import annotations

import datetime as dt

from redress.calendars.clock import WorkingCalendar
from redress.calendars.registry import bank_holidays

# Deadlines run at most a couple of years ahead (6 months for adult social care, plus
# extensions); covering receipt year - 1 to + 3 is ample and cheap (the package is cached).
_YEARS_BEFORE = 1
_YEARS_AFTER = 3


def working_calendar(code: str, around: dt.date) -> WorkingCalendar:
    from redress.calendars.models import ClosureDay

    years = range(around.year - _YEARS_BEFORE, around.year + _YEARS_AFTER + 1)
    days: set[dt.date] = set()
    for year in years:
        days |= bank_holidays(code, year)
    # A plain date range (not ``date__year``) so the (calendar, date) unique index serves it.
    days.update(
        ClosureDay.objects.filter(
            calendar=code,
            date__gte=dt.date(years.start, 1, 1),
            date__lt=dt.date(years.stop, 1, 1),
        ).values_list("date", flat=True)
    )
    return WorkingCalendar.of(days)
