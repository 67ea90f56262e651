"""Counting by scope, keeping alerts, and telling people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.cases.models import Case
from redress.notifications.models import OutboundMessage
from redress.trends.counting import last_complete_week, weekly_counts, weeks_ending
from redress.trends.detect import find_trends, weekly_job
from redress.trends.models import AlertStatus, TrendAlert, TrendRun
from redress.trends.scopes import BY_KIND, SCOPE_KINDS
from tests.trends.conftest import QUIET, WEEK, monday

pytestmark = pytest.mark.django_db

SPIKE = [*QUIET, 19]


def test_last_complete_week_is_monday_to_sunday():
    assert last_complete_week(dt.date(2026, 12, 2)) == dt.date(2026, 11, 23)
    assert last_complete_week(dt.date(2026, 11, 30)) == dt.date(2026, 11, 23)  # a Monday
    assert last_complete_week(dt.date(2026, 11, 29)) == dt.date(2026, 11, 16)  # a Sunday


def test_counts_each_scope_by_week_in_one_query_per_kind(council, weeks):
    weeks(SPIKE, category=council.bins, address="1 High St\nLondon\nse15 4qt")
    weeks([0] * 12 + [2], service=council.parks, address="2 Park Rd, London SE22 8AB")
    window = weeks_ending(WEEK, 13)
    with CaptureQueriesContext(connection) as queries:
        counts = {kind.kind: weekly_counts(kind, window) for kind in SCOPE_KINDS}
    assert len(queries) == len(SCOPE_KINDS)
    assert counts["service"] == {
        str(council.waste.pk): SPIKE,
        str(council.parks.pk): [0] * 12 + [2],
    }
    assert counts["category"] == {str(council.bins.pk): SPIKE}  # parks cases have none
    assert counts["area"] == {"SE15": SPIKE, "SE22": [0] * 12 + [2]}


def test_restricted_cases_are_not_counted(council, weeks):
    weeks([*QUIET, 19])
    Case.objects.filter(received_on__gte=WEEK).update(restricted=True)
    counts = weekly_counts(BY_KIND["service"], weeks_ending(WEEK, 13))
    assert counts[str(council.waste.pk)] == [*QUIET, 0]


def test_cases_outside_the_weeks_are_not_counted(council, weeks):
    weeks([7, *QUIET, 3])  # one week more than the window: its 7 fall before it
    counts = weekly_counts(BY_KIND["service"], weeks_ending(WEEK, 13))
    assert counts[str(council.waste.pk)] == [*QUIET, 3]


def test_a_rise_makes_an_alert_per_scope_and_tells_the_team_and_the_head(
    council, weeks, pinned_today
):
    weeks(SPIKE, category=council.bins, address="1 High St\nSE15 4QT")
    weeks([1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 3], service=council.parks)  # 1 -> 3: no alert
    result = find_trends()
    assert result.week_starting == WEEK
    alerts = {a.scope_kind: a for a in TrendAlert.objects.all()}
    assert set(alerts) == {"service", "category", "area"}
    service = alerts["service"]
    assert (service.scope_key, service.scope_slug, service.scope_name) == (
        str(council.waste.pk),
        "waste",
        "Waste and recycling",
    )
    assert (service.count, service.expected, service.series) == (19, 57 / 12, SPIKE)
    assert service.p_value < 1e-5 and service.status == AlertStatus.NEW
    assert alerts["category"].service_id == council.waste.pk
    assert alerts["area"].scope_name == "SE15" and alerts["area"].service_id is None
    mail = {
        m.recipient_email: m for m in OutboundMessage.objects.filter(template_key="trend_alerts")
    }
    assert set(mail) == {council.officer.email, council.head.email}
    assert mail[council.officer.email].subject.startswith("Emerging trends: 3 alerts")
    head_mail = mail[council.head.email]
    assert "2 alerts" in head_mail.subject  # service and category, not the area
    assert "Waste and recycling (service area): 19 cases received" in head_mail.body_text
    assert f"/reports/trends/{service.pk}/" in head_mail.body_text
    assert "Bin not collected" not in head_mail.body_text  # never a word of a case
    assert TrendRun.objects.get(week_starting=WEEK).alerts == 3


def test_running_again_is_idempotent_and_keeps_what_staff_recorded(council, weeks, pinned_today):
    model = weeks(SPIKE)
    find_trends()
    alert = TrendAlert.objects.get(scope_kind="service")
    alert.status, alert.note = AlertStatus.ACKNOWLEDGED, "Crew shortage, now resolved"
    alert.save()
    sent = OutboundMessage.objects.count()
    # A case logged late for that week changes the count on the next run, nothing else.
    late = type(model).objects.get(pk=model.pk)
    late.pk, late.reference, late.received_on = None, "TST-LATE", WEEK
    late.save()
    result = find_trends(WEEK)
    assert result.new == [] and result.updated == 1
    alert.refresh_from_db()
    assert alert.count == 20 and alert.status == AlertStatus.ACKNOWLEDGED
    assert alert.note == "Crew shortage, now resolved"
    assert OutboundMessage.objects.count() == sent
    assert TrendAlert.objects.filter(week_starting=WEEK).count() == 1


def test_the_weekly_job_looks_at_each_week_once(council, weeks, pinned_today):
    weeks(SPIKE)
    assert "1 new alerts" in weekly_job()
    assert weekly_job() == "week starting 2026-11-23 already looked at"
    assert TrendAlert.objects.count() == 1


def test_a_quiet_week_makes_no_alert(council, weeks, pinned_today):
    weeks([*QUIET, 6], address="SE15 4QT")
    assert find_trends().new == []
    assert not OutboundMessage.objects.exists()


def test_minimum_count_and_threshold_come_from_settings(council, weeks, pinned_today, settings):
    weeks([*QUIET, 11])
    settings.REDRESS_TRENDS = {"P_VALUE": 0.01, "MIN_COUNT": 5, "BASELINE_WEEKS": 12}
    assert len(find_trends().new) == 1  # P(X >= 11 | 4.75) is about 0.006
    TrendAlert.objects.all().delete()
    settings.REDRESS_TRENDS = {"P_VALUE": 0.001, "MIN_COUNT": 5, "BASELINE_WEEKS": 12}
    assert find_trends().new == []
    settings.REDRESS_TRENDS = {"P_VALUE": 0.01, "MIN_COUNT": 12, "BASELINE_WEEKS": 12}
    assert find_trends().new == []


def test_the_command_runs_a_week_and_refuses_a_date_that_is_not_a_monday(
    council, weeks, pinned_today, capsys
):
    weeks(SPIKE)
    call_command("find_trends", "--week-starting", "2026-11-23")
    out = capsys.readouterr().out
    assert "1 new alerts" in out and "Waste and recycling: 19 against 4.8" in out
    with pytest.raises(CommandError, match="must be a Monday"):
        call_command("find_trends", "--week-starting", "2026-11-24")
    with pytest.raises(CommandError, match="like 2026-11-23"):
        call_command("find_trends", "--week-starting", "last week")
    call_command("find_trends")  # the last complete week by default: the same one, no change
    assert TrendAlert.objects.count() == 1
    assert monday(0) == WEEK


def test_the_worker_runs_the_weekly_job(council, weeks, pinned_today):
    from redress.worker.jobs import PERIODIC_JOBS

    jobs = {name: job for name, _, job in PERIODIC_JOBS}
    weeks(SPIKE)
    assert "1 new alerts" in jobs["emerging trends"]()
    assert TrendRun.objects.filter(week_starting=WEEK).exists()
