"""Reminders of the statutory steps and the adult procedure's delay letter."""

import datetime as dt

import pytest

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.services import case_assign, case_escalate, case_respond
from redress.cases.services.statutory import stage_delay_explained, stage_step_record
from redress.notifications.models import DeadlineReminder, OutboundMessage
from redress.notifications.statutory_reminders import send_statutory_reminders
from redress.worker.jobs import PERIODIC_JOBS
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def investigator():
    return UserFactory(username="iris", role=Role.INVESTIGATOR, email="iris@council.example")


@pytest.fixture
def stage_3(officer, investigator):
    """Stage 3 requested Monday 6 July 2026: the panel is due by 17 August."""
    case = make_case(
        by=officer,
        procedure="childrens-social-care",
        service=ServiceFactory(),
        received_at=dt.datetime(2026, 6, 1, 10, 0, tzinfo=LONDON),
    )
    for answered, asked in (
        (dt.date(2026, 6, 5), dt.date(2026, 6, 8)),
        (dt.date(2026, 7, 1), dt.date(2026, 7, 6)),
    ):
        case = case_respond(case=case, by=officer, on=answered, outcome="not_upheld")
        case = case_escalate(case=case, by=officer, requested_on=asked)
    return case_assign(case=case, by=officer, handler=investigator)


def subjects():
    return sorted(OutboundMessage.objects.values_list("subject", flat=True))


def test_the_job_is_registered():
    assert "statutory reminders" in [name for name, _every, _job in PERIODIC_JOBS]


def test_a_step_is_reminded_before_it_is_due_and_once(stage_3):
    assert send_statutory_reminders(today=dt.date(2026, 8, 3)).steps == 0  # two weeks away
    result = send_statutory_reminders(today=dt.date(2026, 8, 13))  # 2 working days before
    assert result.steps == 1
    assert subjects() == [f"{stage_3.reference}: Review panel meets due 17 August 2026"]
    assert send_statutory_reminders(today=dt.date(2026, 8, 14)).steps == 0
    message = OutboundMessage.objects.get()
    assert message.recipient_email == "iris@council.example"


def test_a_missed_step_is_reminded_and_then_the_next_one(stage_3, officer):
    send_statutory_reminders(today=dt.date(2026, 8, 18))
    assert subjects() == [f"{stage_3.reference}: Review panel meets missed 17 August 2026"]
    stage_step_record(case=stage_3, by=officer, key="panel", on=dt.date(2026, 8, 12))
    # The report is due 5 working days after the panel met: 19 August.
    send_statutory_reminders(today=dt.date(2026, 8, 18))
    assert f"{stage_3.reference}: Panel's report due 19 August 2026" in subjects()


def test_the_adult_delay_prompt_goes_once_and_stops_when_explained(officer, investigator):
    responder = UserFactory(
        username="rhys", role=Role.SERVICE_RESPONDER, email="rhys@council.example"
    )
    case = make_case(
        by=officer,
        procedure="adult-social-care",
        service=ServiceFactory(),
        received_at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON),
    )
    case = case_assign(case=case, by=officer, handler=responder)
    # Six months from 2 March 2026: 2 September.
    assert send_statutory_reminders(today=dt.date(2026, 9, 2)).delay_prompts == 0
    assert send_statutory_reminders(today=dt.date(2026, 9, 3)).delay_prompts == 1
    assert send_statutory_reminders(today=dt.date(2026, 9, 4)).delay_prompts == 0
    assert subjects() == [
        f"{case.reference}: response date 2 September 2026 passed: write and explain why"
    ]
    stage_delay_explained(case=case, by=officer, on=dt.date(2026, 9, 3))
    OutboundMessage.objects.all().delete()
    DeadlineReminder.objects.all().delete()
    assert send_statutory_reminders(today=dt.date(2026, 9, 10)).delay_prompts == 0
