"""Learning reminders: to the owner before the due date, to the owner and the head after it,
each once, and never to someone who may not see the case."""

import datetime as dt

import pytest

from redress.cases.models import CaseAccessGrant
from redress.learning.models import LearningAction
from redress.learning.reminders import send_learning_reminders
from redress.notifications.models import OutboundMessage
from redress.worker.jobs import PERIODIC_JOBS
from tests.factories import UserFactory
from tests.learning.conftest import in_days

pytestmark = pytest.mark.django_db


def _to(template="learning_reminder"):
    return sorted(
        OutboundMessage.objects.filter(template_key=template).values_list(
            "recipient_email", flat=True
        )
    )


@pytest.fixture
def owner(service, officer):
    return UserFactory(username="owner", role="complaints_officer")


def test_nothing_until_a_week_before(learning):
    assert str(send_learning_reminders(today=learning.due_on - dt.timedelta(days=8)))
    assert _to() == []


def test_owner_hears_a_week_before_once(learning):
    result = send_learning_reminders(today=learning.due_on - dt.timedelta(days=7))
    assert result.due_soon == 1
    send_learning_reminders(today=learning.due_on - dt.timedelta(days=6))
    assert _to() == [learning.owner.email]


def test_owner_and_head_hear_when_missed(learning, service, owner):
    LearningAction.objects.filter(pk=learning.pk).update(owner=owner)
    result = send_learning_reminders(today=learning.due_on + dt.timedelta(days=1))
    assert result.missed == 1
    assert _to() == sorted([owner.email, service.head.email])
    body = OutboundMessage.objects.filter(template_key="learning_reminder").first().body_text
    assert learning.change in body


def test_nobody_hears_of_a_restricted_case_they_cannot_see(learning, case, owner, service):
    LearningAction.objects.filter(pk=learning.pk).update(owner=owner)
    case.restricted = True
    case.save()
    CaseAccessGrant.objects.create(case=case, user=owner)
    send_learning_reminders(today=learning.due_on + dt.timedelta(days=1))
    assert _to() == [owner.email]  # not the head, who cannot see the case


def test_done_learning_is_not_reminded(learning):
    LearningAction.objects.filter(pk=learning.pk).update(status="done", completed_on=in_days(0))
    send_learning_reminders(today=learning.due_on + dt.timedelta(days=1))
    assert _to() == []


def test_the_worker_runs_it():
    assert "learning reminders" in {name for name, _, _ in PERIODIC_JOBS}
