"""Weekly counts of cases received, by scope: one grouped query per kind of scope.

The query reads only the weeks tested (a range on the indexed ``received_on``) and groups by
the scope's key and the week (Monday to Sunday, UK dates), so it costs the same with a million
cases as with a thousand in the same weeks.

Restricted cases are not counted. An alert is shown to everyone who sees its scope's reports,
and the reports count a restricted case only for the people granted it; a count that included
one could tell anyone else, set beside Find cases, that it exists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, F
from django.db.models.functions import TruncWeek

from redress.cases.models import Case
from redress.trends.scopes import ScopeKind

WEEK = dt.timedelta(days=7)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def last_complete_week(today: dt.date) -> dt.date:
    """The Monday of the last Monday-to-Sunday week that has ended by ``today``."""
    return monday_of(today) - WEEK


def weeks_ending(week_starting: dt.date, how_many: int) -> list[dt.date]:
    """The Mondays of ``how_many`` weeks, oldest first, the last being ``week_starting``."""
    return [week_starting - WEEK * (how_many - 1 - i) for i in range(how_many)]


def weekly_counts(kind: ScopeKind, weeks: list[dt.date]) -> dict[str, list[int]]:
    """For each key with a case in ``weeks``, its count in each of them (zeros included)."""
    first, last = weeks[0], weeks[-1] + WEEK - dt.timedelta(days=1)
    cases = Case.objects.filter(received_on__gte=first, received_on__lte=last, restricted=False)
    cases = cases.exclude(**{f"{kind.group_by}__isnull": True})
    if kind.text_key:
        cases = cases.exclude(**{kind.group_by: ""})
    rows = (
        cases.annotate(scope_key=F(kind.group_by), week=TruncWeek("received_on"))
        .values("scope_key", "week")
        .annotate(n=Count("id"))
        .order_by()
    )
    position = {week: i for i, week in enumerate(weeks)}
    series: dict[str, list[int]] = defaultdict(lambda: [0] * len(weeks))
    for row in rows:
        week = row["week"]
        if isinstance(week, dt.datetime):  # some backends give the start as a moment
            week = week.date()
        series[str(row["scope_key"])][position[week]] += row["n"]
    return dict(series)
