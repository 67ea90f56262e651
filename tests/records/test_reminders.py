"""Escalation reaches someone: heads of service hear of missed deadlines and unassigned cases;
owners hear of remedies and actions; the complaints team hears of Ombudsman requests; each
once, and nobody about a case they cannot see."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.cases.models import AdjustmentType
from redress.cases.services import (
    action_add,
    adjustment_record,
    case_assign,
    case_set_access,
    remedy_add,
    remedy_complete,
)
from redress.notifications.followups import send_follow_up_reminders
from redress.notifications.models import OutboundMessage
from redress.notifications.reminders import send_deadline_reminders
from redress.ombudsman.models import OmbudsmanCase, OmbudsmanRequest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def to(user):
    return OutboundMessage.objects.filter(recipient_email=user.email)


@pytest.fixture
def head(service):
    head = UserFactory(username="head", role=Role.MANAGER, services=[service])
    service.head = head
    service.save()
    return head


def test_a_missed_deadline_escalates_to_the_head_of_service(case, officer, responder, head):
    case_assign(case=case, by=officer, handler=responder)
    case.refresh_from_db()
    send_deadline_reminders(today=case.next_due_on + dt.timedelta(days=1))
    assert to(head).filter(template_key="reminder_missed").count() == 1
    assert to(responder).filter(template_key="reminder_missed").count() == 1


def test_an_unassigned_case_reminds_the_head_and_the_complaints_team(case, officer, head):
    after = case.next_due_on + dt.timedelta(days=1)
    result = send_follow_up_reminders(today=after)
    assert result.sent["unassigned"] == 2
    assert to(head).count() == 1
    assert to(officer).count() == 1
    assert "Nobody has picked up" in to(head).get().body_text
    assert send_follow_up_reminders(today=after).sent.get("unassigned", 0) == 0


def test_nobody_hears_of_a_restricted_case_they_cannot_see(case, officer, head, colleague):
    case_set_access(case=case, by=officer, restricted=True, reason="Sensitive")
    send_follow_up_reminders(today=case.next_due_on + dt.timedelta(days=1))
    assert to(officer).count() == 1
    assert to(head).count() == 0
    assert to(colleague).count() == 0


def test_a_remedy_owner_is_reminded_before_and_when_missed(case, officer, responder, head):
    due = timezone.localdate() + dt.timedelta(days=10)
    remedy = remedy_add(
        case=case, by=officer, type="apology", description="Apology", due_on=due, owner=responder
    )
    assert send_follow_up_reminders(today=due - dt.timedelta(days=9)).sent.get("remedy", 0) == 0
    assert send_follow_up_reminders(today=due - dt.timedelta(days=1)).sent["remedy"] == 1
    assert send_follow_up_reminders(today=due - dt.timedelta(days=1)).sent.get("remedy", 0) == 0
    missed = send_follow_up_reminders(today=due + dt.timedelta(days=1))
    assert missed.sent["remedy"] == 2  # the owner and the head of service
    assert to(responder).count() == 2
    assert to(head).filter(subject__contains="remedy missed").count() == 1
    remedy_complete(remedy=remedy, by=officer, on=timezone.localdate(), note="Sent")
    assert send_follow_up_reminders(today=due + dt.timedelta(days=5)).sent.get("remedy", 0) == 0


def test_an_action_owned_by_a_service_area_reminds_its_head(case, officer, service, head):
    due = timezone.localdate()
    action_add(case=case, by=officer, description="Fix the gate", due_on=due, owner=service)
    send_follow_up_reminders(today=due)
    assert to(head).filter(subject__contains="action due").count() == 1


def test_an_adjustment_review_reminds_the_handler(case, officer, responder):
    case_assign(case=case, by=officer, handler=responder)
    case.refresh_from_db()
    today = timezone.localdate()
    adjustment_record(
        case=case,
        by=officer,
        type=AdjustmentType.objects.get(name="Easy read"),
        agreed_on=today,
        review_on=today + dt.timedelta(days=30),
    )
    assert send_follow_up_reminders(today=today).sent.get("review", 0) == 0
    assert send_follow_up_reminders(today=today + dt.timedelta(days=30)).sent["review"] == 1
    assert "Easy read" in to(responder).get().body_text


def test_an_ombudsman_request_reminds_the_complaints_team(case, officer):
    ombudsman = OmbudsmanCase.objects.create(
        case=case, body="lgsco", reference="LG-1", notified_on=timezone.localdate()
    )
    due = timezone.localdate() + dt.timedelta(days=20)
    OmbudsmanRequest.objects.create(
        ombudsman_case=ombudsman, kind="enquiry", received_on=timezone.localdate(), due_on=due
    )
    assert send_follow_up_reminders(today=due - dt.timedelta(days=15)).sent.get("ombudsman", 0) == 0
    assert send_follow_up_reminders(today=due - dt.timedelta(days=1)).sent["ombudsman"] == 1
    assert send_follow_up_reminders(today=due + dt.timedelta(days=1)).sent["ombudsman"] == 1
    assert to(officer).filter(subject__contains="Ombudsman").count() == 2


def test_reports_count_remedies_completed_and_overdue(case, officer):
    from redress.cases.models import Case
    from redress.reporting.measures import remedies

    today = timezone.localdate()
    done = remedy_add(
        case=case, by=officer, type="apology", description="A", due_on=today, owner=officer
    )
    remedy_complete(remedy=done, by=officer, on=today, note="Sent")
    remedy_add(
        case=case,
        by=officer,
        type="apology",
        description="B",
        due_on=case.received_on,
        owner=officer,
    )
    [apologies] = remedies(Case.objects.filter(pk=case.pk), today=today + dt.timedelta(days=1))
    assert (apologies.given, apologies.completed, apologies.overdue) == (2, 1, 1)
