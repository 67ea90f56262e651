"""Deadline reminders: before the deadline to the handler, after it to them and their manager,
each once only."""

import datetime as dt

import pytest

from redress.accounts.models import Role
from redress.cases.services import case_assign
from redress.notifications.models import DeadlineReminder, OutboundMessage
from redress.notifications.reminders import send_deadline_reminders
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned_case():
    service = ServiceFactory()
    boss = UserFactory(role=Role.MANAGER, email="boss@council.example")
    handler = UserFactory(
        role=Role.SERVICE_RESPONDER, services=[service], email="handler@council.example"
    )
    handler.manager = boss
    handler.save()
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case = make_case(service=service)
    case_assign(case=case, by=officer, handler=handler)
    case.refresh_from_db()
    return case


def _to(address):
    return OutboundMessage.objects.filter(recipient_email=address)


def test_handler_is_told_before_the_deadline_once(settings, assigned_case):
    settings.NOTIFICATIONS_REMINDER_WORKING_DAYS = 2
    due = assigned_case.next_due_on
    too_early = due - dt.timedelta(days=10)
    assert send_deadline_reminders(today=too_early).due_soon == 0
    day_before = due - dt.timedelta(days=1)
    assert send_deadline_reminders(today=day_before).due_soon == 1
    assert send_deadline_reminders(today=day_before).due_soon == 0
    assert send_deadline_reminders(today=due).due_soon == 0
    assert _to("handler@council.example").count() == 1
    assert _to("boss@council.example").count() == 0


def test_missed_deadline_tells_handler_and_manager_once(assigned_case):
    after = assigned_case.next_due_on + dt.timedelta(days=1)
    assert send_deadline_reminders(today=after).missed == 1
    send_deadline_reminders(today=after + dt.timedelta(days=3))
    assert _to("handler@council.example").filter(template_key="reminder_missed").count() == 1
    assert _to("boss@council.example").filter(template_key="reminder_missed").count() == 1
    assert DeadlineReminder.objects.filter(kind="missed").count() == 1


def test_unassigned_cases_get_no_reminder():
    case = make_case()
    assert send_deadline_reminders(today=case.next_due_on + dt.timedelta(days=1)).missed == 0
