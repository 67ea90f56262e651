"""Look at one week: count every scope, test each against its own past, and keep an alert for
each rise unlikely to be chance, telling the people who should hear of it.

Looking at a week again is harmless: an alert already kept is brought up to date (a case
logged late changes the counts) but keeps its status and note, and nobody is told twice. The
unique (scope, week) constraint makes two workers looking at once agree on one alert.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from redress.core import clock
from redress.trends import notify
from redress.trends.counting import last_complete_week, weekly_counts, weeks_ending
from redress.trends.models import TrendAlert, TrendRun
from redress.trends.scopes import SCOPE_KINDS, Described, ScopeKind
from redress.trends.stats import Rules, assess


@dataclass
class TrendRunResult:
    week_starting: dt.date
    new: list[TrendAlert] = field(default_factory=list)
    updated: int = 0
    scopes: int = 0

    def __str__(self) -> str:
        return (
            f"week starting {self.week_starting:%Y-%m-%d}: {self.scopes} scopes tested, "
            f"{len(self.new)} new alerts, {self.updated} alerts brought up to date"
        )


def _alerts(
    kind: ScopeKind, counts: dict[str, list[int]], week: dt.date, rules: Rules
) -> list[TrendAlert]:
    """The (unsaved) alerts for the flagged series of one kind, named in one query."""
    flagged = {key: series for key, series in counts.items() if assess(series, rules).flagged}
    names = kind.describe(flagged) if flagged else {}
    return [
        _alert(kind, key, series, week, rules, names.get(key)) for key, series in flagged.items()
    ]


def _alert(
    kind: ScopeKind,
    key: str,
    series: list[int],
    week: dt.date,
    rules: Rules,
    described: Described | None,
) -> TrendAlert:
    verdict = assess(series, rules)
    return TrendAlert(
        scope_kind=kind.kind,
        scope_key=key,
        scope_name=described.name if described else key,
        scope_slug=described.slug if described else "",
        service_id=described.service_id if described else None,
        week_starting=week,
        count=verdict.count,
        expected=verdict.expected,
        p_value=verdict.p_value,
        series=series,
    )


def _store(alert: TrendAlert, result: TrendRunResult) -> None:
    try:
        with transaction.atomic():
            alert.save()
    except IntegrityError:
        # Kept before (or by another worker just now): bring its figures up to date only.
        result.updated += TrendAlert.objects.filter(
            scope_kind=alert.scope_kind,
            scope_key=alert.scope_key,
            week_starting=alert.week_starting,
        ).update(
            count=alert.count, expected=alert.expected, p_value=alert.p_value, series=alert.series
        )
        return
    result.new.append(alert)


@transaction.atomic
def find_trends(week_starting: dt.date | None = None, rules: Rules | None = None) -> TrendRunResult:
    """Test the week starting on ``week_starting`` (a Monday; by default the last complete
    week), keep its alerts and queue the emails about the new ones, all in one transaction."""
    rules = rules or Rules.from_settings()
    week = week_starting or last_complete_week(clock.today())
    weeks = weeks_ending(week, rules.baseline_weeks + 1)
    result = TrendRunResult(week)
    for kind in SCOPE_KINDS:
        counts = weekly_counts(kind, weeks)
        result.scopes += len(counts)
        for alert in _alerts(kind, dict(sorted(counts.items())), week, rules):
            _store(alert, result)
    TrendRun.objects.update_or_create(
        week_starting=week,
        defaults={"alerts": TrendAlert.objects.filter(week_starting=week).count()},
    )
    notify.tell_about(result.new)
    return result


def weekly_job() -> str:
    """The worker's job: look at the last complete week once, the first time it runs after
    the week ends (it is run every hour, so that is early on Monday)."""
    week = last_complete_week(clock.today())
    if TrendRun.objects.filter(week_starting=week).exists():
        return f"week starting {week:%Y-%m-%d} already looked at"
    return str(find_trends(week))
