"""Every shipped procedure, run through the service functions across the holidays.

Expected dates are worked out by hand from the England and Wales (or UK-wide) bank holidays
in the comments beside them, never read back from the code under test.
"""

import datetime as dt

import pytest

from redress.accounts.models import Role
from redress.calendars.clock import LONDON, Duration, Unit
from redress.cases.kinds import Status
from redress.cases.models import Case
from redress.cases.services import (
    case_acknowledge,
    case_assign,
    case_close,
    case_escalate,
    case_extend,
    case_respond,
)
from redress.core.errors import InvalidInput, TransitionNotAllowed
from redress.procedures.models import Procedure
from tests.factories import UserFactory, make_case

D = dt.date
pytestmark = pytest.mark.django_db


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=LONDON)


def wd(amount: int) -> Duration:
    return Duration(amount, Unit.WORKING_DAYS)


def fresh(case: Case) -> Case:
    return Case.objects.select_related("current_stage").get(pk=case.pk)


@pytest.fixture
def officer():
    return UserFactory(role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def investigator():
    return UserFactory(role=Role.INVESTIGATOR)


def test_all_twelve_presets_are_covered_here():
    covered = {
        "complaint-handling-code-2024",
        "childrens-social-care",
        "adult-social-care",
        "early-resolution",
        "two-stage-10-20",
        "pre-complaint-48-hours",
        "foi",
        "eir",
        "member-enquiry",
        "compliments-and-comments",
        "comments",
        "service-request",
    }
    assert set(Procedure.objects.values_list("slug", flat=True)) == covered


# --- Complaint Handling Code 2024 ------------------------------------------------------------


def test_code_complaint_through_christmas_new_year_and_easter(officer, investigator):
    case = make_case(received_at=at(2025, 12, 19), by=officer)  # Friday
    stage = case.current_stage
    # Working days after Fri 19 Dec: 22, 23, 24, (25, 26 off) 29, 30 -> acknowledge by Tue 30.
    assert stage.acknowledge_due == D(2025, 12, 30)
    # Until acknowledged the answer is shown as due 10 days after the latest acknowledgement:
    # 31 Dec, (1 Jan off) 2, 5, 6, 7, 8, 9, 12, 13, 14 -> Wed 14 Jan.
    assert stage.response_due == D(2026, 1, 14)
    assert case.next_due_on == D(2025, 12, 30)

    case = case_acknowledge(case=case, by=officer, on=D(2025, 12, 24))
    # From Wed 24 Dec: 29, 30, 31, 2, 5, 6, 7, 8, 9, 12 -> Mon 12 Jan.
    assert case.current_stage.response_due == D(2026, 1, 12)
    assert case.next_due_on == D(2026, 1, 12)

    with pytest.raises(InvalidInput) as refused:
        case_extend(case=case, by=officer, reason="Waiting for a contractor", extend_by=wd(11))
    assert "at most 10 working days, to 26 January 2026" in refused.value.message
    # 13, 14, 15, 16, 19, 20, 21, 22, 23, 26 -> Mon 26 Jan.
    case = case_extend(case=case, by=officer, reason="Waiting for a contractor", extend_by=wd(10))
    assert case.current_stage.extended_to == D(2026, 1, 26)
    assert case.next_due_on == D(2026, 1, 26)

    case = case_respond(case=case, by=officer, on=D(2026, 1, 23), outcome="partly_upheld")
    assert case.status == Status.RESPONDED and case.next_due_on is None

    # Stage 2 asked for on Mon 16 March; no window applies under the Code.
    case = case_escalate(case=case, by=officer, requested_on=D(2026, 3, 16))
    stage2 = fresh(case).current_stage
    assert (stage2.key, stage2.number, stage2.handled_by) == ("stage2", 2, "independent")
    assert stage2.acknowledge_due == D(2026, 3, 23)  # 17, 18, 19, 20, 23
    case = case_assign(case=case, by=officer, handler=investigator)
    case = case_acknowledge(case=case, by=investigator, on=D(2026, 3, 20))
    # 20 days from Fri 20 March skip Good Friday 3 and Easter Monday 6 April:
    # 23-27 (5), 30, 31, 1, 2 (9), 7-10 (13), 13-17 (18), 20, 21 -> Tue 21 April.
    assert case.current_stage.response_due == D(2026, 4, 21)

    with pytest.raises(InvalidInput, match="at most 20 working days, to 20 May 2026"):
        case_extend(case=case, by=investigator, reason="Complex", extend_by=wd(21))
    # 22-24 (3), 27-1 May (8), (4 May off) 5-8 (12), 11-15 (17), 18, 19, 20 -> Wed 20 May.
    case = case_extend(case=case, by=investigator, reason="Complex", until=D(2026, 5, 20))
    assert case.next_due_on == D(2026, 5, 20)

    case = case_respond(case=case, by=investigator, on=D(2026, 5, 19), outcome="not_upheld")
    with pytest.raises(TransitionNotAllowed, match="final stage.*Ombudsman"):
        case_escalate(case=case, by=officer, requested_on=D(2026, 5, 20))


def test_code_domain_example_received_on_the_august_bank_holiday_weekend(officer):
    case = make_case(received_at=at(2026, 8, 29), by=officer)  # Saturday; Mon 31 is off
    stage = case.current_stage
    assert stage.acknowledge_due == D(2026, 9, 7)  # 1, 2, 3, 4, 7 September
    assert stage.response_due == D(2026, 9, 21)  # 8-11, 14-18, 21


def test_code_domain_example_received_friday_20_december_2024(officer):
    case = make_case(received_at=at(2024, 12, 20, 15), by=officer)
    assert case.current_stage.acknowledge_due == D(2024, 12, 31)


# --- Children's social care: three stages -----------------------------------------------------


def test_childrens_three_stages_with_windows_and_extensions(officer, investigator):
    case = make_case(received_at=at(2025, 12, 19), procedure="childrens-social-care", by=officer)
    stage = case.current_stage
    assert stage.acknowledge_due is None
    # From receipt: 22, 23, 24, 29, 30, 31, 2, 5, 6, 7 -> Wed 7 Jan 2026.
    assert stage.response_due == D(2026, 1, 7)
    case = case_acknowledge(case=case, by=officer, on=D(2025, 12, 22))
    assert case.current_stage.response_due == D(2026, 1, 7)  # runs from receipt: unchanged

    # Up to 10 more: 8, 9, 12-16, 19, 20, 21 -> Wed 21 Jan.
    with pytest.raises(InvalidInput, match="to 21 January 2026"):
        case_extend(case=case, by=officer, reason="Family unavailable", until=D(2026, 1, 22))
    case = case_extend(case=case, by=officer, reason="Family unavailable", until=D(2026, 1, 14))
    case = case_extend(case=case, by=officer, reason="Still waiting", until=D(2026, 1, 21))
    assert case.current_stage.extended_to == D(2026, 1, 21)
    case = case_respond(case=case, by=officer, on=D(2026, 1, 21), outcome="not_upheld")

    # Stage 2 must be asked for within 20 working days of the answer:
    # 22, 23, 26-30, 2-6 Feb, 9-13, 16, 17, 18 -> Wed 18 Feb.
    with pytest.raises(InvalidInput, match="had to be made by 18 February 2026"):
        case_escalate(case=case, by=officer, requested_on=D(2026, 2, 19))
    case = case_escalate(case=case, by=officer, requested_on=D(2026, 2, 18))
    stage2 = fresh(case).current_stage
    # 25 days from Wed 18 Feb: 19, 20, 23-27, 2-6, 9-13, 16-20, 23, 24, 25 -> Wed 25 March.
    assert stage2.response_due == D(2026, 3, 25)
    case = case_assign(case=case, by=officer, handler=investigator)
    # Up to 40 more (65 in all), across Easter, May Day and the spring bank holiday:
    # 26, 27, 30, 31, 1, 2 (6), 7-10 (10), 13-17, 20-24, 27-1 May (25), 5-8 (29), 11-15,
    # 18-22 (39), (25 May off) 26 -> Tue 26 May.
    with pytest.raises(InvalidInput, match="at most 40 working days, to 26 May 2026"):
        case_extend(case=case, by=investigator, reason="Independent person ill", extend_by=wd(41))
    case = case_extend(
        case=case, by=investigator, reason="Independent person ill", extend_by=wd(40)
    )
    assert case.current_stage.extended_to == D(2026, 5, 26)
    case = case_respond(case=case, by=investigator, on=D(2026, 5, 29), outcome="partly_upheld")

    case = case_escalate(case=case, by=officer, requested_on=D(2026, 6, 1))
    stage3 = fresh(case).current_stage
    assert stage3.key == "stage3" and stage3.handled_by == "independent"
    # 50 days from Mon 1 June: 2-5 (4), then nine full weeks to Fri 7 Aug (49), Mon 10 Aug.
    assert stage3.response_due == D(2026, 8, 10)
    with pytest.raises(TransitionNotAllowed, match="does not allow Stage 3: review panel"):
        case_extend(case=case, by=investigator, reason="Panel", extend_by=wd(1))
    case = case_respond(case=case, by=investigator, on=D(2026, 8, 10), outcome="upheld")
    with pytest.raises(TransitionNotAllowed, match="final stage"):
        case_escalate(case=case, by=officer, requested_on=D(2026, 8, 11))


# --- Adult social care: one stage, calendar months ----------------------------------------------


def test_adult_social_care_six_calendar_months_clamped_to_february(officer):
    # Sunday 31 August 2025; Mon 25 August was the bank holiday, so 1 September is working.
    case = make_case(received_at=at(2025, 8, 31), procedure="adult-social-care", by=officer)
    stage = case.current_stage
    assert stage.acknowledge_due == D(2025, 9, 3)  # 1, 2, 3 September
    assert stage.response_due == D(2026, 2, 28)  # no 31 February: the month's last day
    case = case_acknowledge(case=case, by=officer, on=D(2025, 9, 2))
    assert case.current_stage.response_due == D(2026, 2, 28)  # from receipt, not moved

    with pytest.raises(InvalidInput, match="at most 6 months, to 28 August 2026"):
        case_extend(
            case=case,
            by=officer,
            reason="Agreed with the person",
            extend_by=Duration(7, Unit.CALENDAR_MONTHS),
        )
    case = case_extend(
        case=case,
        by=officer,
        reason="Agreed with the person",
        extend_by=Duration(2, Unit.CALENDAR_MONTHS),
    )
    assert case.current_stage.extended_to == D(2026, 4, 28)
    case = case_respond(case=case, by=officer, on=D(2026, 4, 1), outcome="upheld")
    with pytest.raises(TransitionNotAllowed, match="final stage of Adult social care"):
        case_escalate(case=case, by=officer, requested_on=D(2026, 4, 2))


def test_adult_social_care_received_before_christmas(officer):
    case = make_case(received_at=at(2025, 12, 23), procedure="adult-social-care", by=officer)
    # 24, (25, 26 off) 29, 30 -> Tue 30 Dec; six months on is 23 June.
    assert case.current_stage.acknowledge_due == D(2025, 12, 30)
    assert case.current_stage.response_due == D(2026, 6, 23)


# --- Local variants ---------------------------------------------------------------------------


def test_early_resolution_then_stage_1_then_stage_2(officer, investigator):
    case = make_case(received_at=at(2025, 12, 24, 9), procedure="early-resolution", by=officer)
    stage = case.current_stage
    assert stage.key == "early_resolution"
    assert stage.acknowledge_due == D(2025, 12, 29)  # day 1 after Christmas
    assert stage.response_due == D(2025, 12, 31)  # 29, 30, 31
    with pytest.raises(TransitionNotAllowed, match="does not allow Early resolution"):
        case_extend(case=case, by=officer, reason="Busy", extend_by=wd(1))
    case = case_acknowledge(case=case, by=officer, on=D(2025, 12, 29))
    case = case_respond(case=case, by=officer, on=D(2025, 12, 31), outcome="not_upheld")

    case = case_escalate(case=case, by=officer, requested_on=D(2026, 1, 2))
    stage1 = fresh(case).current_stage
    assert stage1.key == "stage1"
    assert stage1.acknowledge_due == D(2026, 1, 5)
    assert stage1.response_due == D(2026, 2, 6)  # 25 days from Fri 2 Jan: five full weeks
    case = case_acknowledge(case=case, by=officer, on=D(2026, 1, 5))
    assert case.current_stage.response_due == D(2026, 2, 6)  # from receipt of the stage
    case = case_respond(case=case, by=officer, on=D(2026, 2, 6), outcome="not_upheld")

    case = case_escalate(case=case, by=officer, requested_on=D(2026, 2, 9))
    stage2 = fresh(case).current_stage
    assert stage2.handled_by == "independent"
    assert stage2.acknowledge_due == D(2026, 2, 10)
    assert stage2.response_due == D(2026, 3, 9)  # 10-13, 16-20, 23-27, 2-6, 9
    case = case_assign(case=case, by=officer, handler=investigator)
    case = case_respond(case=case, by=investigator, on=D(2026, 3, 9), outcome="upheld")
    with pytest.raises(TransitionNotAllowed, match="final stage"):
        case_escalate(case=case, by=officer, requested_on=D(2026, 3, 10))


def test_two_stage_10_20_across_easter(officer, investigator):
    case = make_case(received_at=at(2026, 3, 26, 14), procedure="two-stage-10-20", by=officer)
    stage = case.current_stage
    assert stage.acknowledge_due == D(2026, 4, 2)  # 27, 30, 31, 1, 2
    assert stage.response_due == D(2026, 4, 13)  # ... (3, 6 off) 7, 8, 9, 10, 13
    case = case_acknowledge(case=case, by=officer, on=D(2026, 4, 1))
    assert case.current_stage.response_due == D(2026, 4, 13)
    with pytest.raises(TransitionNotAllowed, match="does not allow"):
        case_extend(case=case, by=officer, reason="Busy", extend_by=wd(1))
    case = case_respond(case=case, by=officer, on=D(2026, 4, 13), outcome="upheld")
    case = case_escalate(case=case, by=officer, requested_on=D(2026, 4, 20))
    stage2 = fresh(case).current_stage
    assert stage2.acknowledge_due == D(2026, 4, 27)
    # 21-24 (4), 27-1 May (9), (4 May off) 5-8 (13), 11-15 (18), 18, 19 -> Tue 19 May.
    assert stage2.response_due == D(2026, 5, 19)


def test_pre_complaint_48_hours_then_stage_1(officer):
    # Christmas Eve at 4pm: 48 elapsed hours later is Boxing Day; hours ignore holidays.
    case = make_case(
        received_at=at(2025, 12, 24, 16), procedure="pre-complaint-48-hours", by=officer
    )
    stage = case.current_stage
    assert stage.key == "pre_complaint"
    assert stage.acknowledge_due is None
    assert stage.response_due == D(2025, 12, 26)
    assert case.next_due_on == D(2025, 12, 26)
    case = case_respond(case=case, by=officer, on=D(2025, 12, 29), outcome="not_upheld")

    case = case_escalate(case=case, by=officer, requested_on=D(2025, 12, 29))
    stage1 = fresh(case).current_stage
    assert stage1.acknowledge_due == D(2026, 1, 6)  # 30, 31, 2, 5, 6
    with pytest.raises(TransitionNotAllowed, match="Acknowledge Stage 1 first"):
        case_extend(case=case, by=officer, reason="Busy", extend_by=wd(5))
    case = case_acknowledge(case=case, by=officer, on=D(2025, 12, 31))
    # From Wed 31 Dec: 2, 5-9, 12, 13, 14, 15 -> Thu 15 Jan.
    assert case.current_stage.response_due == D(2026, 1, 15)
    case = case_extend(case=case, by=officer, reason="Site visit", extend_by=wd(10))
    assert case.current_stage.extended_to == D(2026, 1, 29)  # 16, 19-23, 26-29


def test_pre_complaint_received_friday_afternoon_is_due_on_sunday(officer):
    case = make_case(
        received_at=at(2026, 11, 20, 15), procedure="pre-complaint-48-hours", by=officer
    )
    assert case.current_stage.response_due == D(2026, 11, 22)


# --- Information requests, Member enquiries, service requests ------------------------------------


def test_foi_counts_on_the_uk_wide_calendar(officer):
    case = make_case(kind="foi_request", received_at=at(2026, 3, 16), procedure="foi", by=officer)
    # St Patrick's Day (NI), Good Friday and Easter Monday all stop the clock: Thu 16 April.
    assert case.current_stage.response_due == D(2026, 4, 16)
    assert case.current_stage.acknowledge_due is None
    with pytest.raises(TransitionNotAllowed, match="does not allow"):
        case_extend(case=case, by=officer, reason="Public interest test", extend_by=wd(20))
    case = case_respond(case=case, by=officer, on=D(2026, 4, 15), outcome="resolved")
    assert case.status == Status.RESPONDED
    with pytest.raises(TransitionNotAllowed, match="final stage"):
        case_escalate(case=case, by=officer, requested_on=D(2026, 4, 16))


def test_foi_over_christmas_skips_the_scottish_2_january(officer):
    case = make_case(kind="foi_request", received_at=at(2025, 12, 19), procedure="foi", by=officer)
    # 22-24 (3), 29-31 (6), (1, 2 Jan off) 5-9 (11), 12-16 (16), 19-22 -> Thu 22 Jan.
    assert case.current_stage.response_due == D(2026, 1, 22)


def test_eir_extends_to_forty_working_days_and_no_further(officer):
    case = make_case(kind="foi_request", received_at=at(2026, 3, 16), procedure="eir", by=officer)
    assert case.current_stage.response_due == D(2026, 4, 16)
    with pytest.raises(InvalidInput, match="at most 20 working days, to 15 May 2026"):
        case_extend(case=case, by=officer, reason="Complex and voluminous", extend_by=wd(21))
    # 17, 20-24, 27-1 May (11), (4 May off) 5-8 (15), 11-15 -> Fri 15 May: day 40.
    case = case_extend(case=case, by=officer, reason="Complex and voluminous", extend_by=wd(20))
    assert case.current_stage.extended_to == D(2026, 5, 15)


def test_member_enquiry_over_christmas(officer):
    case = make_case(kind="member_enquiry", received_at=at(2025, 12, 24, 11), by=officer)
    assert case.procedure_version.procedure.slug == "member-enquiry"
    assert case.current_stage.response_due == D(2026, 1, 12)  # 29, 30, 31, 2, 5-9, 12
    with pytest.raises(InvalidInput, match="at most 5 working days, to 19 January 2026"):
        case_extend(case=case, by=officer, reason="Councillor away", extend_by=wd(6))
    case = case_extend(case=case, by=officer, reason="Councillor away", extend_by=wd(5))
    assert case.next_due_on == D(2026, 1, 19)
    case = case_respond(case=case, by=officer, on=D(2026, 1, 16), outcome="resolved")
    assert case.outcome == "resolved"


def test_service_request_across_easter_and_may_day(officer):
    case = make_case(kind="service_request", received_at=at(2026, 4, 2), by=officer)
    assert case.procedure_version.procedure.slug == "service-request"
    assert case.current_stage.response_due == D(2026, 4, 20)  # (3, 6 off) 7-10, 13-17, 20
    with pytest.raises(InvalidInput, match="to 5 May 2026"):
        case_extend(case=case, by=officer, reason="Parts on order", until=D(2026, 5, 6))
    case = case_extend(case=case, by=officer, reason="Parts on order", extend_by=wd(10))
    assert case.current_stage.extended_to == D(2026, 5, 5)


# --- Compliments and comments: acknowledgement only ---------------------------------------------


@pytest.mark.parametrize(
    ("kind", "slug", "received", "acknowledge_by"),
    [
        # 22, 23, 24, 29, 30 -> Tue 30 Dec.
        ("compliment", "compliments-and-comments", at(2025, 12, 19), D(2025, 12, 30)),
        # New Year's Day itself: day 1 is Fri 2 Jan, then 5, 6, 7, 8.
        ("comment", "comments", at(2026, 1, 1), D(2026, 1, 8)),
    ],
)
def test_compliments_and_comments_are_acknowledged_then_closed(
    officer, kind, slug, received, acknowledge_by
):
    case = make_case(kind=kind, received_at=received, by=officer)
    assert case.procedure_version.procedure.slug == slug
    assert case.current_stage.acknowledge_due == acknowledge_by
    assert case.current_stage.response_due is None
    assert case.next_due_on == acknowledge_by

    with pytest.raises(TransitionNotAllowed, match="needs no response: close the case"):
        case_respond(case=case, by=officer, on=received.date(), outcome="resolved")
    with pytest.raises(TransitionNotAllowed, match="before it is acknowledged"):
        case_close(case=case, by=officer)
    with pytest.raises(TransitionNotAllowed, match="no response deadline"):
        case_extend(case=case, by=officer, reason="x", extend_by=wd(1))

    case = case_acknowledge(case=case, by=officer, on=acknowledge_by)
    assert case.next_due_on is None
    case = case_close(case=case, by=officer)
    assert case.status == Status.CLOSED and case.closed_on is not None
