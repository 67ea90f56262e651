"""Ombudsman figures on a small dataset whose figures are worked out by hand below.

Financial year 2025/26 runs from 1 April 2025 to 31 March 2026. Every complaint is answered at
each stage of its procedure (the Code: stage 1 then stage 2) a few days after it arrives;
C3 is under the adult social care procedure, which has one stage.

case  received    service  final answered  Ombudsman  told us     decision, decided
C1    2025-05-01  repairs  yes             LGSCO      2025-07-01  upheld, remedied, 2025-09-01
C2    2025-06-02  repairs  yes             LGSCO      2025-08-01  not upheld, 2025-10-01
C3    2025-07-01  repairs  yes (1 stage)   LGSCO      2025-09-01  upheld, 2025-12-01
C4    2025-08-01  parks    yes             Housing    2025-10-01  maladministration, 2026-01-10
C5    2025-09-01  repairs  yes             Housing    2025-11-03  reasonable redress, 2026-02-02
C6    2025-10-01  repairs  yes             –
C7    2025-11-03  repairs  stage 1 only    –
C8    2025-05-05  repairs  yes             LGSCO      2026-04-10  upheld, 2026-05-01 (next year)
C9    2024-12-02  repairs  yes, 2024/25    LGSCO      2025-02-03  upheld, remedied, 2025-06-02
C10   2025-06-10  repairs  yes, restricted LGSCO      2025-08-11  not yet

Escalation for 2025/26, for the officer granted C10: answered at the final stage C1–C6, C8,
C10 = 8; taken to the Ombudsman C1–C5, C8, C10 = 7 (87.5%). For another officer, without
C10: 7 and 6 (85.7%).

Decisions made in 2025/26: C1, C2, C3, C4, C5, C9 = 6. LGSCO: C1, C2, C3, C9 = 4, all
investigated; upheld C1, C3, C9 = 3, so the upheld rate is 3 ÷ 4 = 75%; remedied C1, C9 of
the 3 upheld = 66.7%. Housing Ombudsman: 2 findings, 1 maladministration = 50%. Told us in
the year: C1, C2, C3, C4, C5, C10 = 6. Waiting for a decision now: C10 = 1.

Recommendations (of the decisions in the year): R1 (C1) due 2025-10-01, done 2025-09-20, on
time; R2 (C1) due 2025-10-01, done 2025-10-10, late; R3 (C3) due 2026-01-15, not done, so due
and not complied with; R4 (C3) due in the future, not done, not yet due; R5 (C8, decided after
the year) is not counted. Due 3, on time 1 = 33.3%.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.cases.services import case_respond
from redress.ombudsman.services import (
    ombudsman_decide,
    ombudsman_recommendation_add,
    ombudsman_recommendation_complete,
    ombudsman_refer,
)
from redress.reporting import ombudsman as figures_of
from redress.reporting.figures import Figures
from redress.reporting.periods import financial_year
from redress.reporting.scope import received_in, reportable_cases
from tests.factories import ServiceFactory, UserFactory, make_case
from tests.ombudsman.conftest import finished_complaint

pytestmark = pytest.mark.django_db

YEAR = financial_year(2025)


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def refer(case, body, notified, decision=None, decided=None, remedied=False):
    found = ombudsman_refer(
        case=case, by=None, body=body, reference=f"R-{case.pk}", notified_on=d(notified)
    )
    if decision:
        found = ombudsman_decide(
            ombudsman_case=found,
            by=None,
            decision=decision,
            on=d(decided),
            remedy_already_provided=remedied,
        )
    return found


def recommend(ombudsman_case, due, done=None):
    item = ombudsman_recommendation_add(
        ombudsman_case=ombudsman_case,
        by=None,
        kind="personal",
        description="Apologise",
        due_on=d(due),
    )
    if done:
        ombudsman_recommendation_complete(
            recommendation=item, by=None, on=d(done), evidence="Letter sent"
        )


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def other_officer():
    return UserFactory(username="officer2", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def parks():
    return ServiceFactory(name="Parks", slug="parks")


@pytest.fixture
def parks_manager(parks):
    return UserFactory(username="parks-manager", role=Role.MANAGER, services=[parks])


@pytest.fixture
def dataset(db, officer, parks):
    repairs = ServiceFactory(name="Housing repairs", slug="repairs")
    c1 = refer(
        finished_complaint(d("2025-05-01"), service=repairs),
        "lgsco",
        "2025-07-01",
        "upheld",
        "2025-09-01",
        remedied=True,
    )
    recommend(c1, "2025-10-01", "2025-09-20")
    recommend(c1, "2025-10-01", "2025-10-10")
    refer(
        finished_complaint(d("2025-06-02"), service=repairs),
        "lgsco",
        "2025-08-01",
        "not_upheld",
        "2025-10-01",
    )
    adults = finished_complaint(d("2025-07-01"), service=repairs, procedure="adult-social-care")
    c3 = refer(adults, "lgsco", "2025-09-01", "upheld", "2025-12-01")
    recommend(c3, "2026-01-15")
    recommend(c3, (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    refer(
        finished_complaint(d("2025-08-01"), service=parks),
        "housing",
        "2025-10-01",
        "maladministration",
        "2026-01-10",
    )
    refer(
        finished_complaint(d("2025-09-01"), service=repairs),
        "housing",
        "2025-11-03",
        "reasonable_redress",
        "2026-02-02",
    )
    finished_complaint(d("2025-10-01"), service=repairs)
    c7 = make_case(service=repairs, received_at=dt.datetime(2025, 11, 3, 10, tzinfo=dt.UTC))
    case_respond(case=c7, by=None, on=d("2025-11-06"), outcome="upheld")
    c8 = refer(
        finished_complaint(d("2025-05-05"), service=repairs),
        "lgsco",
        "2026-04-10",
        "upheld",
        "2026-05-01",
    )
    recommend(c8, "2026-06-01")
    refer(
        finished_complaint(d("2024-12-02"), service=repairs),
        "lgsco",
        "2025-02-03",
        "upheld",
        "2025-06-02",
        remedied=True,
    )
    restricted = finished_complaint(d("2025-06-10"), service=repairs, by=officer, restricted=True)
    refer(restricted, "lgsco", "2025-08-11")


def figures_for(user, **filters):
    return Figures(user, YEAR, timezone.localdate(), **filters)


def escalation_for(user, **filters):
    figures = figures_for(user, **filters)
    return figures_of.escalation(figures_of.counted_cases(figures), figures)


def test_the_cases_counted_are_the_readers_reportable_cases(
    dataset, officer, other_officer, parks_manager, parks
):
    for user, filters in (
        (officer, {}),
        (other_officer, {}),
        (parks_manager, {}),
        (officer, {"service": parks}),
        (officer, {"kind": "compliment"}),
    ):
        figures = figures_for(user, **filters)
        expected = received_in(reportable_cases(user, filters.get("service")), YEAR)
        if "kind" in filters:
            expected = expected.filter(kind=filters["kind"])
        counted = figures_of.counted_cases(figures)
        assert sorted(counted.values_list("pk", flat=True)) == sorted(
            expected.values_list("pk", flat=True)
        )


def test_escalation_to_the_ombudsman(dataset, officer, other_officer, parks_manager):
    mine = escalation_for(officer)
    assert (mine.final_answered, mine.referred, mine.rate) == (8, 7, 87.5)
    theirs = escalation_for(other_officer)
    assert (theirs.final_answered, theirs.referred, theirs.rate) == (7, 6, 85.7)
    parks = escalation_for(parks_manager)
    assert (parks.final_answered, parks.referred) == (1, 1)
    assert escalation_for(officer, kind="compliment").final_answered == 0


def test_decisions_made_in_the_year(dataset, officer):
    decided = figures_of.decisions(reportable_cases(officer), YEAR, timezone.localdate())
    assert (decided.notified, decided.decided, decided.undecided_now) == (6, 6, 1)
    assert (decided.lgsco_decided, decided.lgsco_investigated, decided.lgsco_upheld) == (4, 4, 3)
    assert decided.upheld_rate == 75.0
    assert (decided.lgsco_remedied, decided.remedied_share) == (2, 66.7)
    assert (decided.housing_findings, decided.housing_maladministration) == (2, 1)
    assert decided.maladministration_rate == 50.0
    assert (decided.recommendations_due, decided.recommendations_on_time) == (3, 1)
    assert decided.compliance == 33.3
    assert decided.by_decision == {
        "maladministration": 1,
        "not_upheld": 1,
        "reasonable_redress": 1,
        "upheld": 3,
    }


def test_a_manager_counts_only_their_services_decisions(dataset, parks_manager):
    decided = figures_of.decisions(reportable_cases(parks_manager), YEAR, timezone.localdate())
    assert (decided.decided, decided.lgsco_decided, decided.housing_findings) == (1, 0, 1)
    assert decided.maladministration_rate == 100.0
    assert decided.upheld_rate is None


def test_the_dashboard_shows_the_escalation_to_the_ombudsman(client, dataset, officer):
    client.force_login(officer)
    html = client.get("/reports/", {"period": "year", "year": "2025"}).content.decode()
    assert "Ombudsman (from the final stage)" in html
    assert "7 complaints received in the period were taken to the Ombudsman" in html
    assert "87.5% of 8 complaints answered at the final stage" in html
    assert "not yet recorded" not in html


def test_the_annual_report_shows_the_ombudsmans_figures(client, dataset, other_officer):
    client.force_login(other_officer)
    html = client.get("/reports/annual/", {"year": "2025"}).content.decode()
    assert "Ombudsman caseload and decisions" in html
    assert "85.7% of 7 complaints answered at the final stage" in html
    for figure in ("75%", "66.7%", "50%", "33.3%"):
        assert figure in html
    assert "1 taken to the Local Government and Social Care Ombudsman" in html  # C3
    assert "not yet recorded" not in html


def test_the_annual_report_document_has_the_section(client, dataset, officer):
    client.force_login(officer)
    response = client.get("/reports/annual/", {"year": "2025", "format": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
