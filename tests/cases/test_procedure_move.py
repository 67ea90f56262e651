"""Moving a case to another procedure: deadlines recounted, the move on the timeline."""

import datetime as dt

import pytest

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.models import Case
from redress.cases.services import case_acknowledge, case_extend, case_respond
from redress.cases.services.lifecycle import duration
from redress.cases.services.procedure_move import case_move_procedure
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.procedures.models import Procedure
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

# Monday 2 November 2026: no bank holidays in the weeks that follow.
RECEIVED = dt.datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def case(officer):
    return make_case(by=officer, received_at=RECEIVED, service=ServiceFactory())


def test_moving_recounts_the_open_stage_under_the_new_procedure(case, officer):
    # Under the Code: acknowledge by 9 November, respond 10 WD after that (23 November).
    assert case.current_stage.response_due == dt.date(2026, 11, 23)
    moved = case_move_procedure(
        case=case, by=officer, procedure="childrens-social-care", reason="About a child in care"
    )
    stage = moved.current_stage
    # Children's stage 1: no acknowledgement target, respond 10 WD from receipt.
    assert (stage.key, stage.name) == ("stage1", "Stage 1: local resolution")
    assert stage.acknowledge_due is None
    assert stage.response_due == dt.date(2026, 11, 16)
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.procedure_version.procedure.slug == "childrens-social-care"
    assert fresh.next_due_on == dt.date(2026, 11, 16)
    event = fresh.events.get(kind="procedure_changed")
    assert event.data["before"]["procedure"] == "complaint-handling-code-2024"
    assert event.data["after"]["response_due"] == "2026-11-16"
    assert "About a child in care" in event.summary and "16 November 2026" in event.summary


def test_an_acknowledged_stage_counts_from_its_acknowledgement_where_the_new_one_does(officer):
    case = make_case(
        by=officer, received_at=RECEIVED, procedure="two-stage-10-20", service=ServiceFactory()
    )
    case = case_acknowledge(case=case, by=officer, on=dt.date(2026, 11, 4))
    moved = case_move_procedure(
        case=case, by=officer, procedure="complaint-handling-code-2024", reason="Corporate"
    )
    # The Code: 10 WD from the acknowledgement on 4 November.
    assert moved.current_stage.response_due == dt.date(2026, 11, 18)


def test_an_extension_under_the_old_procedure_is_dropped(case, officer):
    case = case_acknowledge(case=case, by=officer, on=dt.date(2026, 11, 3))
    case = case_extend(
        case=case, by=officer, reason="Waiting for a report", extend_by=duration(5, "working_days")
    )
    assert case.current_stage.extended_to is not None
    moved = case_move_procedure(case=case, by=officer, procedure="two-stage-10-20", reason="Local")
    assert moved.current_stage.extended_to is None
    assert "no longer applies" in moved.events.get(kind="procedure_changed").summary


@pytest.mark.parametrize(
    ("procedure", "reason", "field"),
    [
        ("complaint-handling-code-2024", "Same again", "procedure"),
        ("no-such-procedure", "Unknown", "procedure"),
        ("childrens-social-care", "   ", "reason"),
    ],
)
def test_bad_moves_name_the_field_and_change_nothing(case, officer, procedure, reason, field):
    with pytest.raises(InvalidInput) as refused:
        case_move_procedure(case=case, by=officer, procedure=procedure, reason=reason)
    assert field in refused.value.field_errors
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.procedure_version_id == case.procedure_version_id
    assert fresh.version == case.version
    assert not fresh.events.filter(kind="procedure_changed").exists()


def test_a_procedure_with_fewer_stages_than_the_case_has_reached_is_refused(officer):
    case = make_case(
        by=officer, received_at=RECEIVED, procedure="two-stage-10-20", service=ServiceFactory()
    )
    case = case_respond(case=case, by=officer, on=dt.date(2026, 11, 5), outcome="upheld")
    from redress.cases.services import case_escalate

    case = case_escalate(case=case, by=officer, requested_on=dt.date(2026, 11, 6))
    with pytest.raises(InvalidInput, match="has 1 stage; this case is at stage 2"):
        case_move_procedure(case=case, by=officer, procedure="adult-social-care", reason="Care")


def test_an_answered_stage_cannot_be_moved(case, officer):
    case = case_respond(case=case, by=officer, on=dt.date(2026, 11, 5), outcome="upheld")
    with pytest.raises(TransitionNotAllowed, match="was answered on 5 November 2026"):
        case_move_procedure(case=case, by=officer, procedure="two-stage-10-20", reason="Local")


def test_only_complaints_officers_and_administrators_may_move(case):
    service_id = case.service_id
    responder = UserFactory(username="responder", role=Role.SERVICE_RESPONDER)
    responder.services.set([service_id])
    with pytest.raises(NotPermitted):
        case_move_procedure(case=case, by=responder, procedure="two-stage-10-20", reason="Local")
    admin = UserFactory(username="administrator", role=Role.ADMINISTRATOR)
    moved = case_move_procedure(case=case, by=admin, procedure="two-stage-10-20", reason="Local")
    assert moved.procedure_version.procedure == Procedure.objects.get(slug="two-stage-10-20")


def test_a_stale_page_is_refused(case, officer):
    with pytest.raises(TransitionNotAllowed, match="Someone else changed this case"):
        case_move_procedure(
            case=case,
            by=officer,
            procedure="two-stage-10-20",
            reason="Local",
            expected_version=case.version - 1,
        )
