"""Each measure against the hand-built dataset in conftest.py."""

import datetime as dt

import pytest

from redress.cases.models import Case
from redress.reporting import measures
from redress.reporting.periods import financial_year, quarter
from redress.reporting.scope import received_in

pytestmark = pytest.mark.django_db


def fy(year):
    return received_in(Case.objects.all(), financial_year(year))


def test_financial_year_boundaries_place_cases_by_received_date(dataset):
    # 2025/26 holds K (1 April 2025) and A (31 March 2026); B (1 April 2026) is in 2026/27.
    assert measures.received_by_kind(fy(2025))["complaint"] == 2
    # 2026/27: complaints B C D E F I J, one compliment G, one FOI request H.
    received = measures.received_by_kind(fy(2026))
    assert received == {
        "complaint": 7,
        "compliment": 1,
        "comment": 0,
        "service_request": 0,
        "member_enquiry": 0,
        "foi_request": 1,
    }


def test_quarter_boundaries(dataset):
    cases = Case.objects.all()
    q4 = received_in(cases, quarter(2025, 4))  # January to March 2026: A
    q1 = received_in(cases, quarter(2026, 1))  # April to June 2026: B G H E C
    q2 = received_in(cases, quarter(2026, 2))  # July to September 2026: D F I J
    assert list(q4.values_list("received_on", flat=True)) == [dt.date(2026, 3, 31)]
    assert q1.count() == 5
    assert q2.count() == 4


def test_stage_one_figures_with_extension_withdrawal_refusal_and_reopening(dataset, today):
    figures = measures.stage_figures_by_key(fy(2026), today)["stage1"]
    # Stage 1 opened for B C D E F J (I never reached stage 1).
    assert figures.opened == 6
    # In time: C (1 Jul, due 7 Jul) and E (12 May, due 18 May). B was late, F and J never
    # acknowledged, D refused unacknowledged.
    assert figures.acknowledged == 3
    assert figures.acknowledged_within_target == 2
    # D was refused before its acknowledgement, so it is not measured: B C E F J are.
    assert figures.acknowledge_measurable == 5
    # Only B stands answered: E's answer was cleared when it was reopened.
    assert figures.responded == 1
    # B answered 1 May: after its original 29 April, before its extended 7 May.
    assert figures.responded_within_target == 0
    assert figures.responded_within_extended_target == 1
    assert figures.extended == 1
    assert figures.escalated == 1
    # Measurable for the answer: B (answered), F (due 24 Aug, passed) and J (due 9 Oct,
    # passed). E is due again in December; C and D ended without an answer.
    assert figures.respond_measurable == 3
    # Open now: E, F, J; overdue now: F (acknowledgement 10 Aug) and J (7 Sep).
    assert (figures.open, figures.overdue) == (3, 2)


def test_stage_two_and_early_stage_figures(dataset, today):
    by_key = measures.stage_figures_by_key(fy(2026), today)
    s2 = by_key["stage2"]
    assert (s2.opened, s2.acknowledged_within_target, s2.responded) == (1, 1, 1)
    assert (s2.responded_within_target, s2.responded_within_extended_target, s2.escalated) == (
        1,
        1,
        0,
    )
    early = by_key["early_resolution"]
    assert (early.opened, early.responded, early.responded_within_target, early.escalated) == (
        2,
        2,
        2,
        1,
    )
    assert early.escalation_share == 50.0
    # Procedure order: the early stage comes before stage 1.
    keys = [f.key for f in measures.stage_figures(fy(2026), today) if f.key in by_key]
    assert keys.index("early_resolution") < keys.index("stage1") < keys.index("stage2")


def test_previous_year_stage_one_all_in_time(dataset, today):
    s1 = measures.stage_figures_by_key(fy(2025), today)["stage1"]
    # K: acknowledged 2 Apr 2025 (due 8 Apr), answered 10 Apr (due 16 Apr).
    # A: acknowledged 2 Apr 2026 (due 9 Apr), answered 17 Apr (due 20 Apr).
    assert (s1.opened, s1.acknowledged_within_target, s1.responded_within_target) == (2, 2, 2)
    assert s1.responded_share == 100.0


def test_outcomes_count_each_case_once_by_latest_outcome(dataset):
    # B: partly upheld at stage 1, then not upheld at stage 2: counted once, not upheld.
    # J: not upheld at the early stage, now at stage 1: not upheld. E reopened: no outcome.
    assert measures.outcomes(fy(2026)) == {
        "upheld": 1,
        "partly_upheld": 0,
        "not_upheld": 2,
        "resolved": 1,
        "withdrawn": 1,
        "not_accepted": 1,
    }


def test_not_accepted_reasons(dataset):
    assert measures.not_accepted_reasons(fy(2026)) == {"over_12_months": 1}


def test_early_resolution_rate(dataset, today):
    early = measures.early_resolution(fy(2026), today)
    # I and J ran under the early-resolution procedure; only I ended at the early stage.
    assert (early.eligible, early.resolved_early, early.rate) == (2, 1, 50.0)


def test_caseload_is_a_snapshot_whatever_the_period(dataset, today):
    load = measures.caseload(Case.objects.all(), today)
    # Open: E F G J. Answered and waiting: K A B H. Overdue: F and J.
    assert (load.open, load.awaiting_next_step, load.overdue) == (4, 4, 2)


def test_volumes_by_service_channel_category_and_month(dataset):
    cases = fy(2026)
    assert measures.received_by_service(cases) == [("housing", "Housing", 7), ("parks", "Parks", 2)]
    channels = measures.received_by_channel(cases)
    assert channels == {"web": 1, "email": 7, "letter": 1}
    assert measures.received_by_category(cases) == [("No category", 9)]
    months = dict(measures.received_by_month(cases, financial_year(2026)))
    assert len(months) == 12
    assert [months[m] for m in sorted(months)][:6] == [3, 1, 1, 1, 1, 2]


def test_summary_shape(dataset, today):
    result = measures.summary(fy(2026), today)
    assert result["received"]["complaint"] == 7
    assert result["stages"]["stage1"]["responded_within_extended_target"] == 1
    assert result["outcomes"]["withdrawn"] == 1


def test_profile_agrees_with_the_separate_measures(dataset):
    period = financial_year(2026)
    cases = fy(2026)
    profile = measures.profile(cases, period)
    assert profile.by_kind == measures.received_by_kind(cases)
    assert profile.by_channel == measures.received_by_channel(cases)
    assert profile.by_month == measures.received_by_month(cases, period)
    assert profile.outcomes == measures.outcomes(cases)
    assert profile.by_kind["complaint"] == 7
