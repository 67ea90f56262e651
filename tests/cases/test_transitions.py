"""Each service function: what it allows, what it refuses and why, and what it records."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.calendars.clock import LONDON, Duration, Unit
from redress.cases.kinds import Status
from redress.cases.models import Case, CaseStage, Person, ReferenceCounter, TimelineEvent
from redress.cases.representatives import Representative
from redress.cases.services import (
    case_acknowledge,
    case_assign,
    case_close,
    case_escalate,
    case_extend,
    case_log,
    case_refuse,
    case_reopen,
    case_respond,
    case_withdraw,
)
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from tests.factories import ServiceFactory, UserFactory, make_case

D = dt.date
pytestmark = pytest.mark.django_db
RECEIVED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)  # Monday


def wd(amount: int) -> Duration:
    return Duration(amount, Unit.WORKING_DAYS)


def snapshot(case: Case) -> tuple:
    """Everything a refused action must leave as it was."""
    case = Case.objects.get(pk=case.pk)
    stages = list(CaseStage.objects.filter(case=case).order_by("number").values())
    return (
        case.version,
        case.status,
        case.outcome,
        case.next_due_on,
        case.current_stage_id,
        stages,
        TimelineEvent.objects.filter(case=case).count(),
    )


@pytest.fixture
def officer():
    return UserFactory(role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def case(officer):
    return make_case(received_at=RECEIVED, by=officer)


@pytest.fixture
def answered(case, officer):
    case = case_acknowledge(case=case, by=officer, on=D(2026, 3, 3))
    return case_respond(case=case, by=officer, on=D(2026, 3, 10), outcome="upheld")


def refused(error, case, call, match):  # noqa: ANN001, ANN201
    before = snapshot(case)
    with pytest.raises(error, match=match) as info:
        call()
    assert snapshot(case) == before, "a refused action changed the case"
    return info.value


# --- log --------------------------------------------------------------------------------------


def test_logging_bad_input_names_every_field_and_writes_nothing(officer):
    people, counters = Person.objects.count(), ReferenceCounter.objects.count()
    with pytest.raises(InvalidInput) as info:
        case_log(
            by=officer,
            kind="grumble",
            received_at=dt.datetime(2026, 3, 2, 10, 0),  # no time zone
            channel="pigeon",
            service=None,
            summary="   ",
            person={"name": ""},
        )
    assert set(info.value.field_errors) == {
        "kind",
        "channel",
        "received_at",
        "service",
        "summary",
        "person.name",
        "person.email",
    }
    assert "time zone" in info.value.field_errors["received_at"][0]
    assert (Person.objects.count(), ReferenceCounter.objects.count()) == (people, counters)
    assert not Case.objects.exists()


def test_logging_a_future_receipt_or_a_representative_without_consent_is_refused(officer):
    with pytest.raises(InvalidInput, match="cannot be in the future") as info:
        make_case(by=officer, received_at=timezone.now() + dt.timedelta(days=1))
    assert "received_at" in info.value.field_errors
    with pytest.raises(InvalidInput) as info:
        make_case(by=officer, representative=Representative(name="Sam Advocate"))
    assert "representative.consent_on" in info.value.field_errors
    with pytest.raises(InvalidInput) as info:
        make_case(by=officer, procedure="no-such-procedure")
    assert "procedure" in info.value.field_errors
    assert not Case.objects.exists() and not Person.objects.exists()


def test_only_office_roles_may_log(officer):
    responder = UserFactory(role=Role.SERVICE_RESPONDER)
    with pytest.raises(NotPermitted):
        make_case(by=responder)
    case = make_case(by=officer)
    event = case.events.get()
    assert event.kind == "logged" and event.actor == officer
    assert event.data["after"]["stage"] == "stage1"


# --- acknowledge ------------------------------------------------------------------------------


def test_acknowledging_records_the_date_and_fixes_the_response_deadline(case, officer):
    assert case.current_stage.response_due == D(2026, 3, 23)  # provisional, from 9 March
    case = case_acknowledge(
        case=case, by=officer, on=D(2026, 3, 3), definition_summary="Missed bins; wants collection"
    )
    stage = Case.objects.get(pk=case.pk).current_stage
    assert stage.acknowledged_on == D(2026, 3, 3)
    assert stage.response_due == D(2026, 3, 17)  # 4-6, 9-13, 16, 17
    assert stage.definition_summary == "Missed bins; wants collection"
    assert Case.objects.get(pk=case.pk).next_due_on == D(2026, 3, 17)
    event = case.events.latest("id")
    assert event.kind == "acknowledged"
    assert event.data["before"] == {"acknowledged_on": None, "response_due": "2026-03-23"}
    assert event.data["after"] == {"acknowledged_on": "2026-03-03", "response_due": "2026-03-17"}


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (D(2026, 3, 1), "cannot be before 2 March 2026"),
        (dt.datetime(2026, 3, 3, 9, 0), "as a real date"),
        ("2026-03-03", "as a real date"),
        (None, "as a real date"),
    ],
)
def test_acknowledging_with_a_bad_date_is_refused(case, officer, on, message):
    error = refused(
        InvalidInput, case, lambda: case_acknowledge(case=case, by=officer, on=on), message
    )
    assert list(error.field_errors) == ["on"]


def test_acknowledging_in_the_future_is_refused(case, officer):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    refused(
        InvalidInput,
        case,
        lambda: case_acknowledge(case=case, by=officer, on=tomorrow),
        "cannot be in the future",
    )


def test_acknowledging_twice_is_refused(case, officer):
    case = case_acknowledge(case=case, by=officer, on=D(2026, 3, 3))
    refused(
        TransitionNotAllowed,
        case,
        lambda: case_acknowledge(case=case, by=officer, on=D(2026, 3, 4)),
        "already acknowledged on 3 March 2026",
    )


def test_acknowledging_a_closed_or_answered_case_is_refused(answered, officer):
    refused(
        TransitionNotAllowed,
        answered,
        lambda: case_acknowledge(case=answered, by=officer, on=D(2026, 3, 11)),
        "Stage 1 was answered on 10 March 2026",
    )
    closed = case_close(case=answered, by=officer)
    refused(
        TransitionNotAllowed,
        closed,
        lambda: case_acknowledge(case=closed, by=officer, on=D(2026, 3, 11)),
        "the case is closed. Reopen it first",
    )


# --- someone else changed the case ---------------------------------------------------------


@pytest.mark.parametrize(
    "action",
    [
        lambda c, u: case_acknowledge(case=c, by=u, on=D(2026, 3, 3), expected_version=1),
        lambda c, u: case_assign(case=c, by=u, handler=u, expected_version=1),
        lambda c, u: case_extend(case=c, by=u, reason="r", extend_by=wd(1), expected_version=1),
        lambda c, u: case_respond(
            case=c, by=u, on=D(2026, 3, 3), outcome="upheld", expected_version=1
        ),
        lambda c, u: case_withdraw(case=c, by=u, expected_version=1),
        lambda c, u: case_refuse(case=c, by=u, reason="over_12_months", expected_version=1),
        lambda c, u: case_close(case=c, by=u, expected_version=1),
    ],
    ids=["acknowledge", "assign", "extend", "respond", "withdraw", "refuse", "close"],
)
def test_a_stale_version_is_refused(case, officer, action):
    # The case was logged (version 2); a screen opened at version 1 is out of date.
    assert Case.objects.get(pk=case.pk).version == 2
    refused(TransitionNotAllowed, case, lambda: action(case, officer), "Someone else changed")


def test_the_current_version_is_accepted_and_bumped(case, officer):
    version = Case.objects.get(pk=case.pk).version
    case = case_acknowledge(case=case, by=officer, on=D(2026, 3, 3), expected_version=version)
    assert Case.objects.get(pk=case.pk).version == version + 1


# --- assign -------------------------------------------------------------------------------


def test_the_stage_2_handler_must_not_be_the_stage_1_handler(answered, officer):
    other_officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case = case_assign(case=answered, by=officer, handler=other_officer)
    case = case_escalate(case=case, by=officer, requested_on=D(2026, 3, 12))
    error = refused(
        InvalidInput,
        case,
        lambda: case_assign(case=case, by=officer, handler=other_officer),
        "handled an earlier stage; Stage 2 must be handled by someone else",
    )
    assert list(error.field_errors) == ["handler"]
    case = case_assign(case=case, by=officer, handler=officer)
    assert Case.objects.get(pk=case.pk).current_handler == officer


def test_a_handler_must_suit_the_stage_and_be_active(case, officer):
    investigator = UserFactory(role=Role.INVESTIGATOR)
    refused(
        InvalidInput,
        case,
        lambda: case_assign(case=case, by=officer, handler=investigator),
        "cannot handle Stage 1: choose a complaints officer or a service responder.",
    )
    gone = UserFactory(role=Role.SERVICE_RESPONDER, is_active=False)
    refused(
        InvalidInput,
        case,
        lambda: case_assign(case=case, by=officer, handler=gone),
        "no longer active",
    )
    responder = UserFactory(role=Role.SERVICE_RESPONDER)
    responder.services.add(case.service)
    case = case_assign(case=case, by=officer, handler=responder)
    event = case.events.latest("id")
    assert event.data == {"before": {"handler": None}, "after": {"handler": responder.pk}}


# --- extend -------------------------------------------------------------------------------


@pytest.fixture
def acknowledged(case, officer):
    return case_acknowledge(case=case, by=officer, on=D(2026, 3, 3))  # response due 17 March


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"reason": "  ", "extend_by": wd(2)}, "reason", "Enter the reason"),
        ({"reason": "r"}, "by", "Give how long to extend by or the new date"),
        ({"reason": "r", "extend_by": wd(2), "until": D(2026, 3, 20)}, "by", "not both"),
        ({"reason": "r", "extend_by": wd(0)}, "by.amount", "at least 1"),
        ({"reason": "r", "extend_by": "2 days"}, "by", "an amount and a unit"),
        ({"reason": "r", "until": "2026-03-20"}, "until", "as a real date"),
        ({"reason": "r", "until": D(2026, 3, 17)}, "until", "after the current deadline"),
        ({"reason": "r", "extend_by": wd(11)}, "by", "at most 10 working days, to 31 March"),
        ({"reason": "r", "until": D(2026, 4, 1)}, "until", "at most 10 working days"),
    ],
)
def test_bad_extensions_are_refused(acknowledged, officer, kwargs, field, message):
    error = refused(
        InvalidInput,
        acknowledged,
        lambda: case_extend(case=acknowledged, by=officer, **kwargs),
        message,
    )
    assert field in error.field_errors


def test_extensions_add_up_to_the_limit_and_record_before_and_after(acknowledged, officer):
    case = case_extend(case=acknowledged, by=officer, reason="Contractor", extend_by=wd(4))
    assert Case.objects.get(pk=case.pk).next_due_on == D(2026, 3, 23)
    event = case.events.latest("id")
    assert event.data["before"] == {"extended_to": None, "extension_reason": ""}
    assert event.data["after"] == {"extended_to": "2026-03-23", "extension_reason": "Contractor"}
    case = case_extend(case=case, by=officer, reason="Still waiting", until=D(2026, 3, 31))
    refused(
        InvalidInput,
        case,
        lambda: case_extend(case=case, by=officer, reason="More", extend_by=wd(1)),
        "to 31 March 2026",
    )


def test_extending_is_refused_where_the_procedure_allows_none(officer):
    case = make_case(received_at=RECEIVED, procedure="two-stage-10-20", by=officer)
    refused(
        TransitionNotAllowed,
        case,
        lambda: case_extend(case=case, by=officer, reason="r", extend_by=wd(1)),
        "does not allow Stage 1 to be extended",
    )


def test_extending_before_the_acknowledgement_that_the_deadline_runs_from_is_refused(case, officer):
    refused(
        TransitionNotAllowed,
        case,
        lambda: case_extend(case=case, by=officer, reason="r", extend_by=wd(1)),
        "Acknowledge Stage 1 first",
    )


# --- respond ------------------------------------------------------------------------------


def test_a_complaint_cannot_be_answered_as_resolved_or_with_no_outcome(acknowledged, officer):
    for outcome in ("resolved", "", "withdrawn", "maybe"):
        error = refused(
            InvalidInput,
            acknowledged,
            lambda outcome=outcome: case_respond(
                case=acknowledged, by=officer, on=D(2026, 3, 10), outcome=outcome
            ),
            "Choose the outcome: upheld, partly upheld or not upheld.",
        )
        assert list(error.field_errors) == ["outcome"]


def test_responding_before_the_stage_opened_or_in_the_future_is_refused(acknowledged, officer):
    refused(
        InvalidInput,
        acknowledged,
        lambda: case_respond(case=acknowledged, by=officer, on=D(2026, 2, 27), outcome="upheld"),
        "cannot be before 2 March 2026",
    )
    refused(
        InvalidInput,
        acknowledged,
        lambda: case_respond(
            case=acknowledged,
            by=officer,
            on=timezone.localdate() + dt.timedelta(days=3),
            outcome="upheld",
        ),
        "cannot be in the future",
    )


def test_responding_records_the_outcome_and_clears_the_due_date(acknowledged, officer):
    case = case_respond(case=acknowledged, by=officer, on=D(2026, 3, 10), outcome="not_upheld")
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.outcome, stored.next_due_on) == ("responded", "not_upheld", None)
    event = case.events.latest("id")
    assert event.data["before"] == {"status": "open", "responded_on": None, "outcome": ""}
    assert event.data["after"] == {
        "status": "responded",
        "responded_on": "2026-03-10",
        "outcome": "not_upheld",
    }
    refused(
        TransitionNotAllowed,
        case,
        lambda: case_respond(case=case, by=officer, on=D(2026, 3, 11), outcome="upheld"),
        "answered on 10 March 2026",
    )


# --- escalate -----------------------------------------------------------------------------


def test_escalating_before_the_answer_is_refused(acknowledged, officer):
    refused(
        TransitionNotAllowed,
        acknowledged,
        lambda: case_escalate(case=acknowledged, by=officer, requested_on=D(2026, 3, 10)),
        "has not been answered",
    )


def test_escalation_requested_before_the_answer_date_is_refused(answered, officer):
    refused(
        InvalidInput,
        answered,
        lambda: case_escalate(case=answered, by=officer, requested_on=D(2026, 3, 9)),
        "cannot be before 10 March 2026",
    )


def test_escalating_opens_the_next_stage_and_records_it(answered, officer):
    case = case_escalate(case=answered, by=officer, requested_on=D(2026, 3, 16))
    stored = Case.objects.select_related("current_stage").get(pk=case.pk)
    assert stored.status == Status.OPEN and stored.current_stage.number == 2
    assert stored.current_stage.acknowledge_due == D(2026, 3, 23)
    assert stored.next_due_on == D(2026, 3, 23)
    assert stored.current_handler is None
    event = case.events.latest("id")
    assert event.kind == "escalated"
    assert event.data["before"]["stage"] == "stage1"
    assert event.data["after"] == {
        "stage": "stage2",
        "status": "open",
        "requested_on": "2026-03-16",
    }


def test_a_case_closed_after_its_answer_can_still_be_escalated(answered, officer):
    closed = case_close(case=answered, by=officer)
    case = case_escalate(case=closed, by=officer, requested_on=D(2026, 3, 16))
    stored = Case.objects.select_related("current_stage").get(pk=case.pk)
    assert stored.status == Status.OPEN and stored.closed_on is None
    assert stored.current_stage.key == "stage2"
    stage1 = stored.stages.get(number=1)
    assert (stage1.responded_on, stage1.outcome) == (D(2026, 3, 10), "upheld")


def test_a_withdrawn_case_cannot_be_escalated(answered, officer):
    withdrawn = case_withdraw(case=answered, by=officer, reason="Sorted out")
    refused(
        TransitionNotAllowed,
        withdrawn,
        lambda: case_escalate(case=withdrawn, by=officer, requested_on=D(2026, 3, 16)),
        "the case was withdrawn. Reopen it first",
    )


def test_escalating_after_the_window_or_past_the_final_stage_is_refused(officer):
    case = make_case(received_at=RECEIVED, procedure="childrens-social-care", by=officer)
    case = case_respond(case=case, by=officer, on=D(2026, 3, 6), outcome="not_upheld")
    # 20 working days from Fri 6 March: 9-13, 16-20, 23-27, 30, 31, 1, 2, (3, 6 off) 7.
    error = refused(
        InvalidInput,
        case,
        lambda: case_escalate(case=case, by=officer, requested_on=D(2026, 4, 8)),
        "had to be made by 7 April 2026",
    )
    assert list(error.field_errors) == ["requested_on"]
    case = case_escalate(case=case, by=officer, requested_on=D(2026, 4, 7))
    assert Case.objects.get(pk=case.pk).current_stage.key == "stage2"


# --- withdraw, refuse, close, reopen ----------------------------------------------------------


def test_withdrawing_closes_the_case_and_marks_the_open_stage(case, officer):
    case = case_withdraw(case=case, by=officer, reason="Resolved on the phone")
    stored = Case.objects.select_related("current_stage").get(pk=case.pk)
    assert (stored.status, stored.outcome, stored.next_due_on) == ("closed", "withdrawn", None)
    assert stored.current_stage.outcome == "withdrawn"
    assert stored.closed_on == timezone.localdate()
    event = case.events.latest("id")
    assert event.data["before"] == {"status": "open", "outcome": ""}
    assert "Resolved on the phone" in event.summary
    refused(
        TransitionNotAllowed,
        case,
        lambda: case_withdraw(case=case, by=officer),
        "already closed",
    )


@pytest.mark.parametrize(
    ("reason", "detail", "field", "message"),
    [
        ("because", "", "reason", "Choose the reason"),
        ("", "", "reason", "Choose the reason"),
        ("other", "  ", "detail", "Explain the reason"),
    ],
)
def test_refusing_needs_a_valid_reason(case, officer, reason, detail, field, message):
    error = refused(
        InvalidInput,
        case,
        lambda: case_refuse(case=case, by=officer, reason=reason, detail=detail),
        message,
    )
    assert list(error.field_errors) == [field]


def test_refusing_is_only_for_an_unanswered_first_stage(answered, officer):
    refused(
        TransitionNotAllowed,
        answered,
        lambda: case_refuse(case=answered, by=officer, reason="over_12_months"),
        "not yet answered at its first stage",
    )
    case = case_escalate(case=answered, by=officer, requested_on=D(2026, 3, 16))
    refused(
        TransitionNotAllowed,
        case,
        lambda: case_refuse(case=case, by=officer, reason="legal_proceedings"),
        "not yet answered at its first stage",
    )


def test_refusing_closes_with_the_reason(case, officer):
    case = case_refuse(case=case, by=officer, reason="other", detail="A planning appeal")
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.outcome) == ("closed", "not_accepted")
    assert (stored.not_accepted_reason, stored.not_accepted_detail) == (
        "other",
        "A planning appeal",
    )
    event = case.events.latest("id")
    assert event.data["before"] == {"status": "open", "outcome": ""}
    assert event.data["after"]["reason"] == "other"


def test_closing_before_the_answer_is_refused_and_after_it_allowed(case, officer):
    refused(
        TransitionNotAllowed,
        case,
        lambda: case_close(case=case, by=officer),
        "Stage 1 has not been answered",
    )
    case = case_acknowledge(case=case, by=officer, on=D(2026, 3, 3))
    case = case_respond(case=case, by=officer, on=D(2026, 3, 10), outcome="upheld")
    case = case_close(case=case, by=officer)
    event = case.events.latest("id")
    assert event.data["before"] == {"status": "responded", "closed_on": None}
    assert event.data["after"]["status"] == "closed"
    refused(TransitionNotAllowed, case, lambda: case_close(case=case, by=officer), "already")


def test_reopening_needs_a_closed_case_and_a_reason(answered, officer):
    refused(
        TransitionNotAllowed,
        answered,
        lambda: case_reopen(case=answered, by=officer, reason="New evidence"),
        "Only a closed case can be reopened",
    )
    closed = case_close(case=answered, by=officer)
    error = refused(
        InvalidInput,
        closed,
        lambda: case_reopen(case=closed, by=officer, reason="   "),
        "Enter why the case is being reopened",
    )
    assert list(error.field_errors) == ["reason"]


def test_reopening_sets_a_fresh_response_deadline_from_today(answered, officer):
    case = case_close(case=answered, by=officer)
    case = case_reopen(case=case, by=officer, reason="New evidence")
    stored = Case.objects.select_related("current_stage").get(pk=case.pk)
    stage = stored.current_stage
    today = timezone.localdate()
    assert (stored.status, stored.outcome, stored.closed_on) == ("open", "", None)
    assert (stage.responded_on, stage.outcome, stage.reopened_on) == (None, "", today)
    assert stage.response_due > today
    assert stored.next_due_on == stage.response_due
    event = case.events.latest("id")
    assert event.data["before"]["outcome"] == "upheld"
    assert event.data["before"]["responded_on"] == "2026-03-10"
    assert event.data["after"]["status"] == "open"


def test_reopening_a_refused_case_clears_the_refusal(case, officer):
    case = case_refuse(case=case, by=officer, reason="other", detail="Insurance claim")
    case = case_reopen(case=case, by=officer, reason="Refused in error")
    stored = Case.objects.select_related("current_stage").get(pk=case.pk)
    assert (stored.outcome, stored.not_accepted_reason, stored.not_accepted_detail) == ("", "", "")
    assert stored.current_stage.outcome == ""


def test_reopening_a_withdrawn_compliment_clears_the_stage_outcome(officer):
    case = make_case(kind="compliment", received_at=RECEIVED, by=officer)
    case = case_withdraw(case=case, by=officer)
    case = case_reopen(case=case, by=officer, reason="Withdrawn by mistake")
    stored = Case.objects.select_related("current_stage").get(pk=case.pk)
    assert stored.current_stage.outcome == ""
    assert stored.next_due_on == D(2026, 3, 9)  # the acknowledgement is still owed


def test_every_change_writes_exactly_one_timeline_event_with_before_and_after(officer):
    case = make_case(received_at=RECEIVED, by=officer)
    handler = UserFactory(role=Role.SERVICE_RESPONDER, services=[case.service])
    steps = [
        lambda c: case_assign(case=c, by=officer, handler=handler),
        lambda c: case_acknowledge(case=c, by=handler, on=D(2026, 3, 3)),
        lambda c: case_extend(case=c, by=handler, reason="Visit", extend_by=wd(2)),
        lambda c: case_respond(case=c, by=handler, on=D(2026, 3, 18), outcome="upheld"),
        lambda c: case_close(case=c, by=officer),
        lambda c: case_escalate(case=c, by=officer, requested_on=D(2026, 3, 20)),
        lambda c: case_withdraw(case=c, by=officer),
        lambda c: case_reopen(case=c, by=officer, reason="Changed their mind"),
    ]
    for step in steps:
        count = case.events.count()
        case = step(case)
        assert case.events.count() == count + 1
        event = case.events.latest("id")
        assert "before" in event.data and "after" in event.data, event.kind
        assert event.summary


def test_the_system_may_act_without_a_user(case):
    case = case_acknowledge(case=case, by=None, on=D(2026, 3, 3))
    assert case.events.latest("id").actor is None


def test_another_services_responder_may_not_act(case):
    outsider = UserFactory(role=Role.SERVICE_RESPONDER, services=[ServiceFactory()])
    refused(
        NotPermitted,
        case,
        lambda: case_acknowledge(case=case, by=outsider, on=D(2026, 3, 3)),
        "You do not have permission to acknowledge this case",
    )
