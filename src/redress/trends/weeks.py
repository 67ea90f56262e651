"""The weeks of an alert's series, Mondays oldest first, the week tested last."""

from __future__ import annotations

import datetime as dt

from redress.trends.counting import weeks_ending
from redress.trends.models import TrendAlert


def series_weeks(alert: TrendAlert) -> list[dt.date]:
    return weeks_ending(alert.week_starting, len(alert.series))


def week_rows(alert: TrendAlert) -> list[tuple[dt.date, int, bool]]:
    """(Monday, count, whether it is the week tested), oldest first."""
    weeks = series_weeks(alert)
    return [
        (w, n, i == len(weeks) - 1)
        for i, (w, n) in enumerate(zip(weeks, alert.series, strict=True))
    ]
