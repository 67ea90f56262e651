"""Retention: which cases are due, the report before the run, holds, and whole people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from redress.accounts.models import Role
from redress.cases.models import Case, Person
from redress.core import clock
from redress.privacy.holds import legal_hold_place
from redress.privacy.models import (
    AnonymisedCase,
    ItemScope,
    ItemState,
    RetentionItem,
    RetentionReport,
    RetentionRule,
)
from redress.privacy.retention import report_apply, report_prepare, retention_daily, years_before
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
    assert report_apply(report, by=admin) == {"anonymised": 1, "skipped": 0}
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
    assert report_apply(report, by=admin) == {"anonymised": 0, "skipped": 1}
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
    assert "1 due" in capsys.readouterr().out
    assert Person.objects.get(pk=case.person_id).name == JO["name"]
    call_command("retention", "--apply")
    assert "1 case anonymised" in capsys.readouterr().out
    assert Person.objects.get(pk=case.person_id).name != JO["name"]


def test_twenty_ninth_of_february():
    assert years_before(dt.date(2028, 2, 29), 6) == dt.date(2022, 2, 28)
