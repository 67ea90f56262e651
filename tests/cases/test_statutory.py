"""The statutory procedures in full: children's stage 2 people and stage 3 steps, and the
adult procedure's agreed response date and delay letter."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.models import Case, StagePerson
from redress.cases.services import case_escalate, case_respond
from redress.cases.services.statutory import (
    stage_agree_response,
    stage_delay_explained,
    stage_people_record,
    stage_step_record,
)
from redress.cases.statutory import statutory_views
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


def childrens_case(officer, *, to_stage: int):
    """A children's complaint received Monday 1 June 2026, taken to ``to_stage``."""
    case = make_case(
        by=officer,
        procedure="childrens-social-care",
        service=ServiceFactory(),
        received_at=dt.datetime(2026, 6, 1, 10, 0, tzinfo=LONDON),
    )
    if to_stage >= 2:
        case = case_respond(case=case, by=officer, on=dt.date(2026, 6, 5), outcome="not_upheld")
        case = case_escalate(case=case, by=officer, requested_on=dt.date(2026, 6, 8))
    if to_stage >= 3:
        case = case_respond(case=case, by=officer, on=dt.date(2026, 7, 1), outcome="not_upheld")
        case = case_escalate(case=case, by=officer, requested_on=dt.date(2026, 7, 6))
    return case


def steps_of(case):
    case = Case.objects.get(pk=case.pk)
    views = statutory_views(case, list(case.stages.order_by("number")), timezone.localdate())
    return {s.key: s for s in views[-1].steps}


def test_stage_3_has_its_three_steps_each_with_its_own_date(officer):
    case = childrens_case(officer, to_stage=3)
    steps = steps_of(case)
    # Requested Monday 6 July 2026: the panel within 30 WD, its report 5 WD later, the
    # response 15 WD after that (31 August is a bank holiday): 50 WD in all.
    assert steps["panel"].due_on == dt.date(2026, 8, 17)
    assert (steps["report"].due_on, steps["report"].provisional) == (dt.date(2026, 8, 24), True)
    assert steps["response"].due_on == dt.date(2026, 9, 15)
    assert case.current_stage.response_due == dt.date(2026, 9, 15)


def test_each_step_done_moves_the_next_ones(officer):
    case = childrens_case(officer, to_stage=3)
    case = stage_step_record(case=case, by=officer, key="panel", on=dt.date(2026, 8, 12))
    steps = steps_of(case)
    assert (steps["report"].due_on, steps["report"].provisional) == (dt.date(2026, 8, 19), False)
    assert steps["response"].due_on == dt.date(2026, 9, 10)
    case = stage_step_record(case=case, by=officer, key="report", on=dt.date(2026, 8, 18))
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.current_stage.response_due == dt.date(2026, 9, 9)
    assert fresh.next_due_on == dt.date(2026, 9, 9)
    event = fresh.events.filter(kind="step_done").last()
    assert "Panel's report on 18 August 2026" in event.summary
    assert "council's response due by 9 September 2026" in event.summary


@pytest.mark.parametrize(
    ("key", "on", "error", "match"),
    [
        ("report", dt.date(2026, 8, 12), TransitionNotAllowed, "Record review panel meets first"),
        ("panel", dt.date(2026, 7, 3), InvalidInput, "cannot be before 6 July 2026"),
        ("panel", timezone.localdate() + dt.timedelta(days=1), InvalidInput, "in the future"),
        ("response", dt.date(2026, 8, 12), InvalidInput, "has no step 'response'"),
        ("lunch", dt.date(2026, 8, 12), InvalidInput, "has no step"),
    ],
)
def test_steps_out_of_order_or_on_impossible_dates_are_refused(officer, key, on, error, match):
    case = childrens_case(officer, to_stage=3)
    with pytest.raises(error, match=match):
        stage_step_record(case=case, by=officer, key=key, on=on)
    assert steps_of(case)["panel"].done_on is None


def test_a_step_is_recorded_once(officer):
    case = childrens_case(officer, to_stage=3)
    case = stage_step_record(case=case, by=officer, key="panel", on=dt.date(2026, 8, 12))
    with pytest.raises(TransitionNotAllowed, match="was recorded on 12 August 2026"):
        stage_step_record(case=case, by=officer, key="panel", on=dt.date(2026, 8, 13))


def test_stage_2_names_the_investigating_officer_and_independent_person(officer):
    case = childrens_case(officer, to_stage=2)
    stage_people_record(
        case=case,
        by=officer,
        people={"investigating_officer": "Ines Officer", "independent_person": "Ivan Outside"},
    )
    names = dict(StagePerson.objects.values_list("role", "name"))
    assert names == {"investigating_officer": "Ines Officer", "independent_person": "Ivan Outside"}
    stage_people_record(
        case=case,
        by=officer,
        people={"investigating_officer": "Ines Officer", "independent_person": ""},
    )
    assert set(StagePerson.objects.values_list("role", flat=True)) == {"investigating_officer"}


def test_people_need_a_name_and_a_stage_that_names_them(officer):
    case = childrens_case(officer, to_stage=2)
    with pytest.raises(InvalidInput) as refused:
        stage_people_record(case=case, by=officer, people={"investigating_officer": "  "})
    assert "investigating_officer" in refused.value.field_errors
    with pytest.raises(InvalidInput):
        stage_people_record(case=case, by=officer, people={"investigating_officer": "x" * 201})
    stage_1 = childrens_case(officer, to_stage=1)
    with pytest.raises(TransitionNotAllowed, match="names nobody"):
        stage_people_record(case=stage_1, by=officer, people={"investigating_officer": "Ines"})
    assert not StagePerson.objects.exists()


def adult_case(officer, months_ago: int = 0, days_ago: int = 3):
    today = timezone.localdate()
    year, month = today.year, today.month - months_ago
    while month < 1:
        year, month = year - 1, month + 12
    day = min(today.day, 28)
    received = dt.date(year, month, day) - dt.timedelta(days=days_ago)
    return make_case(
        by=officer,
        procedure="adult-social-care",
        service=ServiceFactory(),
        received_at=dt.datetime.combine(received, dt.time(10, 0), tzinfo=LONDON),
    )


def test_the_agreed_date_becomes_the_response_date(officer):
    case = adult_case(officer)
    agreed = timezone.localdate() + dt.timedelta(days=60)
    case = stage_agree_response(case=case, by=officer, respond_by=agreed)
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.current_stage.response_due == agreed
    # Still owed first: the acknowledgement, 3 working days from receipt.
    assert fresh.next_due_on == min(fresh.current_stage.acknowledge_due, agreed)
    assert fresh.events.filter(kind="response_date_agreed").exists()


@pytest.mark.parametrize(
    ("offset", "match"),
    [(-1, "cannot be in the past"), (800, "can be no later than")],
)
def test_impossible_agreed_dates_are_refused(officer, offset, match):
    case = adult_case(officer)
    before = case.current_stage.response_due
    with pytest.raises(InvalidInput, match=match):
        stage_agree_response(
            case=case, by=officer, respond_by=timezone.localdate() + dt.timedelta(days=offset)
        )
    assert Case.objects.get(pk=case.pk).current_stage.response_due == before


def test_only_the_adult_procedure_agrees_its_date(officer):
    case = childrens_case(officer, to_stage=1)
    with pytest.raises(TransitionNotAllowed, match="does not agree"):
        stage_agree_response(
            case=case, by=officer, respond_by=timezone.localdate() + dt.timedelta(days=5)
        )


def test_once_the_date_passes_staff_are_prompted_to_explain_until_they_do(officer):
    case = adult_case(officer, months_ago=7)
    view = statutory_views(case, list(case.stages.all()), timezone.localdate())[0]
    assert view.delay_unexplained
    stage_delay_explained(case=case, by=officer, on=timezone.localdate())
    case = Case.objects.get(pk=case.pk)
    view = statutory_views(case, list(case.stages.all()), timezone.localdate())[0]
    assert not view.delay_unexplained and view.delay_explained_on == timezone.localdate()


def test_a_delay_letter_before_the_date_passes_is_refused(officer):
    case = adult_case(officer)
    with pytest.raises(TransitionNotAllowed, match="not late yet"):
        stage_delay_explained(case=case, by=officer, on=timezone.localdate())


def test_recording_is_stage_work_for_the_stage_handler_kind(officer):
    case = childrens_case(officer, to_stage=3)
    responder = UserFactory(username="responder", role=Role.SERVICE_RESPONDER)
    responder.services.set([case.service_id])
    with pytest.raises(NotPermitted):
        stage_step_record(case=case, by=responder, key="panel", on=dt.date(2026, 8, 12))
    investigator = UserFactory(username="investigator", role=Role.INVESTIGATOR)
    stage_step_record(case=case, by=investigator, key="panel", on=dt.date(2026, 8, 12))
    assert steps_of(case)["panel"].done_on == dt.date(2026, 8, 12)
