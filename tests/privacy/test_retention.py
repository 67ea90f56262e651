"""Retention: which cases are due, the report before the run, holds, and whole people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from redress.accounts.models import Role
from redress.cases.models import Case, Person
from redress.core import clock
from redress.privacy import retention
from redress.privacy.holds import legal_hold_place
from redress.privacy.models import (
    AnonymisedCase,
    ItemScope,
    ItemState,
    RetentionItem,
    RetentionReport,
    RetentionRule,
    RetentionRun,
)
from redress.privacy.retention import (
    Applied,
    report_apply,
    report_prepare,
    report_sample,
    retention_daily,
    years_before,
)
from tests.factories import UserFactory
from tests.privacy.helpers import JO, closed, full_case, report_figures

pytestmark = pytest.mark.django_db
SEVEN_YEARS_AGO = years_before(clock.today(), 7)
LAST_YEAR = years_before(clock.today(), 1)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin():
    return UserFactory(role=Role.ADMINISTRATOR)


@pytest.fixture
def six_years():
    return RetentionRule.objects.create(kind="complaint", years=6)


def _states(report: RetentionReport) -> dict[int, str]:
    return dict(RetentionItem.objects.filter(report=report).values_list("case_id", "state"))


def test_only_cases_closed_longer_ago_than_the_rule_are_due(six_years, admin):
    old = closed(full_case(), closed_on=SEVEN_YEARS_AGO)
    recent = closed(full_case(person={**JO, "email": "b@x.org"}), closed_on=LAST_YEAR)
    still_open = full_case(person={**JO, "email": "c@x.org"})
    Case.objects.filter(pk=still_open.pk).update(closed_on=SEVEN_YEARS_AGO)  # not closed
    report = report_prepare(by=admin)
    assert _states(report) == {old.pk: ItemState.DUE}
    assert recent.pk not in _states(report)


def test_an_outcomes_own_rule_wins_over_the_kinds(six_years, admin):
    RetentionRule.objects.create(kind="complaint", outcome="upheld", years=10)
    upheld = closed(full_case(), outcome="upheld", closed_on=SEVEN_YEARS_AGO)
    not_upheld = closed(full_case(person={**JO, "email": "b@x.org"}), closed_on=SEVEN_YEARS_AGO)
    report = report_prepare(by=admin)
    assert _states(report) == {not_upheld.pk: ItemState.DUE}
    assert upheld.pk not in _states(report)


def test_the_report_changes_nothing_and_applying_it_anonymises_the_due(six_years, admin):
    case = closed(full_case(), closed_on=SEVEN_YEARS_AGO)
    report = report_prepare(by=admin)
    assert Person.objects.get(pk=case.person_id).name == JO["name"]
    assert RetentionItem.objects.get(report=report).scope == ItemScope.PERSON
    today = clock.today()
    before = report_figures(admin, today)
    assert report_apply(report, by=admin) == Applied(anonymised=1, skipped=0)
    assert Person.objects.get(pk=case.person_id).name != JO["name"]
    assert Case.objects.get(pk=case.pk).description == ""
    assert report_figures(admin, today) == before
    # Already anonymised: the next report does not list it again.
    assert _states(report_prepare(by=admin)) == {}


def test_a_case_under_legal_hold_is_listed_as_held_and_skipped(six_years, admin):
    held = closed(full_case(), closed_on=SEVEN_YEARS_AGO)
    legal_hold_place(case=held, by=admin, reason="Claim in the county court")
    report = report_prepare(by=admin)
    assert _states(report) == {held.pk: ItemState.HELD}
    report_apply(report, by=admin)
    assert Person.objects.get(pk=held.person_id).name == JO["name"]
    assert not AnonymisedCase.objects.exists()


def test_a_hold_placed_after_the_report_still_stops_the_run(six_years, admin):
    case = closed(full_case(), closed_on=SEVEN_YEARS_AGO)
    report = report_prepare(by=admin)
    legal_hold_place(case=case, by=admin, reason="Late claim")
    assert report_apply(report, by=admin) == Applied(anonymised=0, skipped=1)
    assert _states(report) == {case.pk: ItemState.HELD}
    assert Case.objects.get(pk=case.pk).description != ""


def test_a_person_with_a_case_still_kept_keeps_their_details(six_years, admin):
    old = closed(full_case(), closed_on=SEVEN_YEARS_AGO)
    newer = full_case()
    Case.objects.filter(pk=newer.pk).update(person_id=old.person_id)
    report = report_prepare(by=admin)
    assert RetentionItem.objects.get(report=report).scope == ItemScope.CASE
    report_apply(report, by=admin)
    assert Person.objects.get(pk=old.person_id).name == JO["name"]
    old.refresh_from_db()
    newer.refresh_from_db()
    assert "Quistwick" not in old.summary and old.description == ""
    assert "Quistwick" in newer.summary  # the case still kept is untouched


def test_the_daily_job_and_the_command(six_years, capsys):
    assert retention_daily() == "nothing due"
    assert not RetentionReport.objects.exists()
    case = closed(full_case(), closed_on=SEVEN_YEARS_AGO)
    call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert "1 due" in out
    assert f"first due under {six_years}: {case.reference}" in out
    assert Person.objects.get(pk=case.person_id).name == JO["name"]
    call_command("retention", "--apply")
    assert "1 case anonymised" in capsys.readouterr().out
    assert Person.objects.get(pk=case.person_id).name != JO["name"]


def _old_case(email: str, **overrides) -> Case:
    return closed(full_case(person={**JO, "email": email}), closed_on=SEVEN_YEARS_AGO, **overrides)


def _scopes(report: RetentionReport) -> dict[int, str]:
    return dict(RetentionItem.objects.filter(report=report).values_list("case_id", "scope"))


def test_whole_people_are_marked_by_all_their_cases_at_once(six_years, admin):
    # One person with two due cases and one already anonymised: erased in full. Another with
    # a due case and a case still open: only the due case. A third with a due case and a
    # case under a legal hold: only the due case, the held one kept.
    both = _old_case("a@x.org")
    also = _old_case("a2@x.org")
    Case.objects.filter(pk=also.pk).update(person_id=both.person_id)
    gone = _old_case("a3@x.org")
    report_apply(report_prepare(by=admin), by=admin)  # anonymises all three
    done = _old_case("a4@x.org")
    Case.objects.filter(pk=gone.pk).update(person_id=done.person_id)
    again = _old_case("a5@x.org")
    Case.objects.filter(pk=again.pk).update(person_id=done.person_id)
    kept_open = full_case(person={**JO, "email": "b@x.org"})
    due_beside_open = _old_case("b2@x.org")
    Case.objects.filter(pk=due_beside_open.pk).update(person_id=kept_open.person_id)
    held = _old_case("c@x.org")
    legal_hold_place(case=held, by=admin, reason="Claim")
    due_beside_held = _old_case("c2@x.org")
    Case.objects.filter(pk=due_beside_held.pk).update(person_id=held.person_id)
    report = report_prepare(by=admin)
    assert _scopes(report) == {
        done.pk: ItemScope.PERSON,
        again.pk: ItemScope.PERSON,
        due_beside_open.pk: ItemScope.CASE,
        held.pk: ItemScope.CASE,
        due_beside_held.pk: ItemScope.CASE,
    }
    assert _states(report)[held.pk] == ItemState.HELD


def test_preparing_costs_the_same_queries_however_many_cases_are_due(
    six_years, admin, monkeypatch, django_assert_num_queries
):
    # Batches of one: a report made by reading cases into Python would cost more per case.
    monkeypatch.setattr(retention, "BATCH", 1)
    RetentionRule.objects.create(kind="compliment", years=2)
    _old_case("a@x.org")
    with CaptureQueriesContext(connection) as one:
        report_prepare(by=admin)
    RetentionReport.objects.all().delete()
    for n in range(4):
        _old_case(f"b{n}@x.org")
    with django_assert_num_queries(len(one.captured_queries)):
        report = report_prepare(by=admin)
    assert len(_states(report)) == 5


def test_the_sample_is_the_first_due_cases_of_each_rule(six_years, admin):
    RetentionRule.objects.create(kind="complaint", outcome="upheld", years=6)
    cases = [_old_case(f"a{n}@x.org") for n in range(3)]
    upheld = _old_case("u@x.org", outcome="upheld")
    report = report_prepare(by=admin)
    assert report_sample(report, 2) == {
        str(six_years): [cases[0].reference, cases[1].reference],
        str(RetentionRule.objects.get(outcome="upheld")): [upheld.reference],
    }


def test_applying_takes_the_people_in_batches(six_years, admin, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)
    cases = [_old_case(f"a{n}@x.org") for n in range(5)]
    report = report_prepare(by=admin)
    batches: list[int] = []
    result = report_apply(report, by=None, progress=lambda: batches.append(1))
    assert result == Applied(anonymised=5, skipped=0)
    assert len(batches) == 3  # 2 + 2 + 1 people
    assert AnonymisedCase.objects.filter(case__in=cases).count() == 5


def test_the_day_is_run_once_whatever_the_worker_remembers(six_years):
    # Each call stands for a worker started afresh: nothing of the last run is in memory.
    case = _old_case("a@x.org")
    first = retention_daily()
    assert first.endswith("1 anonymised, 0 skipped")
    assert AnonymisedCase.objects.filter(case=case).exists()
    _old_case("b@x.org")  # due, but the day has been run
    assert retention_daily() == f"already run today: {first}"
    assert RetentionReport.objects.count() == 1
    tomorrow = clock.now() + dt.timedelta(days=1)
    with clock.pinned(tomorrow):
        assert retention_daily().endswith("1 anonymised, 0 skipped")
    assert list(RetentionRun.objects.values_list("day", flat=True)) == [
        timezone.localdate(tomorrow),
        clock.today(),
    ]


def test_a_day_another_worker_holds_is_left_to_it(six_years):
    _old_case("a@x.org")
    RetentionRun.objects.create(day=clock.today(), leased_until=clock.now() + dt.timedelta(1))
    assert retention_daily() == "under way in another worker"
    assert not RetentionReport.objects.exists()
    # Its lease lapsed (the worker stopped): the next try takes the day over.
    RetentionRun.objects.update(leased_until=clock.now() - dt.timedelta(seconds=1))
    assert retention_daily().endswith("1 anonymised, 0 skipped")


def test_a_run_stopped_half_way_is_carried_on_with_the_same_report(six_years, monkeypatch):
    cases = [_old_case(f"a{n}@x.org") for n in range(3)]
    monkeypatch.setattr(retention, "BATCH", 1)
    real = retention._apply_person
    calls = []

    def fails_on_the_second(report, items):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real(report, items)

    monkeypatch.setattr(retention, "_apply_person", fails_on_the_second)
    with pytest.raises(RuntimeError):
        retention_daily()
    run = RetentionRun.objects.get()
    assert run.finished_at is None and run.leased_until is None  # free for the next try
    assert AnonymisedCase.objects.count() == 1
    # The day's outcome counts the whole report, the case done before the failure included.
    assert retention_daily() == f"report {run.report_id}: 3 anonymised, 0 skipped"
    assert RetentionReport.objects.count() == 1
    assert AnonymisedCase.objects.filter(case__in=cases).count() == 3


def test_each_run_applies_a_bounded_slice_and_the_next_carries_on(six_years, monkeypatch):
    # No time at all for each run: every run finishes the person it is on, then stops.
    monkeypatch.setattr(retention, "RUN_SECONDS", 0.0)
    cases = [_old_case(f"a{n}@x.org") for n in range(3)]
    first = retention_daily()
    assert first.endswith("1 anonymised, 0 skipped in this run; 2 still due, carried on next run")
    run = RetentionRun.objects.get()
    assert run.finished_at is None and run.leased_until is None  # free for the next try
    assert AnonymisedCase.objects.count() == 1
    assert RetentionReport.objects.get().applied_at is None
    assert retention_daily().endswith(
        "1 anonymised, 0 skipped in this run; 1 still due, carried on next run"
    )
    assert retention_daily() == f"report {run.report_id}: 3 anonymised, 0 skipped"
    assert AnonymisedCase.objects.filter(case__in=cases).count() == 3
    assert RetentionReport.objects.count() == 1  # one report, carried on
    assert RetentionReport.objects.get().applied_at is not None
    assert retention_daily().startswith("already run today")


def test_an_earlier_day_left_unfinished_is_carried_on_before_a_new_day(six_years, monkeypatch):
    monkeypatch.setattr(retention, "RUN_SECONDS", 0.0)
    _old_case("a@x.org")
    _old_case("b@x.org")
    assert "still due" in retention_daily()
    yesterday = RetentionRun.objects.get()
    tomorrow = clock.now() + dt.timedelta(days=1)
    with clock.pinned(tomorrow):
        assert retention_daily() == f"report {yesterday.report_id}: 2 anonymised, 0 skipped"
        assert RetentionRun.objects.count() == 1  # the new day is not begun yet
        _old_case("c@x.org")
        assert retention_daily().endswith("1 anonymised, 0 skipped")
    assert RetentionRun.objects.count() == 2
    assert RetentionRun.objects.filter(finished_at=None).count() == 0


def test_a_stopped_run_leaves_the_rest_due_and_says_how_many(six_years, admin, monkeypatch):
    cases = [_old_case(f"a{n}@x.org") for n in range(3)]
    report = report_prepare(by=admin)
    applied = report_apply(report, by=admin, seconds=0.0)
    assert applied == Applied(anonymised=1, skipped=0, left=2) and not applied.finished
    assert _states(report) == {
        cases[0].pk: ItemState.DONE,
        cases[1].pk: ItemState.DUE,
        cases[2].pk: ItemState.DUE,
    }
    assert report_apply(report, by=admin) == Applied(anonymised=2, skipped=0)


def test_twenty_ninth_of_february():
    assert years_before(dt.date(2028, 2, 29), 6) == dt.date(2022, 2, 28)
