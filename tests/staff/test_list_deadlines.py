"""Lists say what the next deadline is for, and mark a response date that is provisional."""

import pytest

from redress.cases.models import Case
from redress.cases.services import case_acknowledge
from redress.staff.deadlines import Calendars, annotate_deadlines
from tests.factories import make_case
from tests.staff.conftest import recent

pytestmark = pytest.mark.django_db


def listed(case: Case) -> Case:
    row = Case.objects.select_related("current_stage", "procedure_version").get(pk=case.pk)
    return annotate_deadlines([row], Calendars())[0]


def test_an_unacknowledged_case_is_due_to_be_acknowledged(officer, service):
    case = listed(make_case(service=service, by=officer, received_at=recent(1)))
    assert case.deadline.purpose == "acknowledge"
    assert case.deadline.due == case.current_stage.acknowledge_due


def test_after_acknowledgement_the_response_is_due_and_fixed(officer, service):
    case = make_case(service=service, by=officer, received_at=recent(1))
    case_acknowledge(case=case, by=officer, on=case.received_on)
    case = listed(case)
    assert case.deadline.purpose == "respond" and not case.deadline.provisional


def test_a_response_date_counted_from_an_acknowledgement_not_made_is_provisional(officer, service):
    case = make_case(service=service, by=officer, received_at=recent(1))
    stage = case.current_stage
    # Nothing left to acknowledge by, yet not acknowledged: the response date still assumes
    # the acknowledgement comes on its last permitted day.
    stage.acknowledge_due = None
    stage.save(update_fields=["acknowledge_due"])
    Case.objects.filter(pk=case.pk).update(next_due_on=stage.response_due)
    case = listed(case)
    assert case.deadline.purpose == "respond" and case.deadline.provisional


def test_the_find_cases_page_shows_what_falls_due(signed_in, officer, service):
    make_case(service=service, by=officer, received_at=recent(1))
    page = signed_in(officer).get("/casework/cases/").content.decode()
    assert "to acknowledge" in page
