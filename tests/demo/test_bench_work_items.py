"""``bench.work_items`` keeps writing rows the product reads: the benchmarks' figures for My
work and the reports depend on it."""

import random

import pytest
from bench import work_items
from django.urls import reverse

from redress.accounts.models import Role
from redress.cases.kinds import Status
from redress.cases.models import Case, OutstandingAction, Remedy
from redress.learning.models import LearningAction
from redress.notifications.models import OutboundMessage
from redress.staff.models import DraftState, ResponseDraft
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def every_case(monkeypatch):
    """Every case chosen, and a handful of each kind of row."""
    for step in ("REMEDY_EVERY", "ACTION_EVERY", "LEARNING_EVERY"):
        monkeypatch.setattr(work_items, step, 1)
    monkeypatch.setattr(work_items, "DRAFTS_TO_REVIEW", 2)
    monkeypatch.setattr(work_items, "DRAFTS_RETURNED", 1)
    monkeypatch.setattr(work_items, "DELIVERY_PROBLEMS", 2)


def test_rows_hang_off_the_right_cases_and_my_work_shows_them(client, officer, every_case):
    cases = [make_case(by=officer) for _ in range(5)]
    closed = [case.pk for case in cases[:2]]
    Case.objects.filter(pk__in=closed).update(status=Status.CLOSED)
    counts = work_items.add_work_items(random.Random(1))
    assert counts == {
        "remedies": 2,
        "actions": 2,
        "learning actions": 5,
        "drafts": 3,
        "delivery problems": 2,
    }
    # Remedies and actions on closed cases only; drafts and problems on the latest open ones.
    assert set(Remedy.objects.values_list("case_id", flat=True)) == set(closed)
    assert set(OutstandingAction.objects.values_list("case_id", flat=True)) == set(closed)
    assert LearningAction.objects.count() == 5
    latest_open = [case.pk for case in cases[2:]][::-1]
    drafts = ResponseDraft.objects.order_by("-case_id")
    assert [d.case_id for d in drafts] == latest_open
    assert [d.state for d in drafts] == [DraftState.SUBMITTED] * 2 + [DraftState.RETURNED]
    assert all(d.stage_id == d.case.current_stage_id for d in drafts)
    problems = OutboundMessage.objects.filter(idempotency_key__startswith="bench-problem-")
    assert sorted(problems.values_list("case_id", flat=True)) == sorted(latest_open[:2])
    client.force_login(officer)
    page = client.get(reverse("staff:my_work")).content.decode()
    assert "Delivery problems (2)" in page
    assert "Draft responses to review (2)" in page
    assert "1 draft response returned to you with comments" in page
