"""The annual report's section on complaints handled under another procedure."""

import datetime as dt

import pytest

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.kinds import NotAcceptedReason
from redress.cases.services import case_refuse, case_reopen
from redress.core import clock
from redress.elsewhere.models import Destination
from redress.elsewhere.services import case_route_elsewhere
from redress.reporting.reports import annual_report
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=LONDON)
RECEIVED = dt.datetime(2026, 6, 1, 10, 0, tzinfo=LONDON)


def _routed(by, destination):  # noqa: ANN001, ANN202
    case = make_case(received_at=RECEIVED, by=by)
    routed, _ = case_route_elsewhere(
        case=case,
        by=by,
        destination=destination,
        to_name="Someone",
        on=dt.date(2026, 6, 3),
        reason="Not ours to decide",
    )
    return routed


def _section(report, heading):  # noqa: ANN001, ANN202
    return next(s for s in report.sections if s.heading == heading)


def test_the_section_counts_each_destination_and_refusals_with_no_routing():
    with clock.pinned(NOW):
        officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
        for destination in (
            Destination.MONITORING_OFFICER,
            Destination.MONITORING_OFFICER,
            Destination.HUMAN_RESOURCES,
        ):
            _routed(officer, destination)
        reopened = _routed(officer, Destination.OTHER_ORGANISATION)
        case_reopen(case=reopened, by=officer, reason="It was ours after all")
        case_refuse(
            case=make_case(received_at=RECEIVED, by=officer),
            by=officer,
            reason=NotAcceptedReason.OTHER_PROCEDURE,
        )
        make_case(received_at=RECEIVED, by=officer)  # an ordinary open complaint

        report = annual_report(officer, 2026, clock.today())

    section = _section(report, "Complaints handled under another procedure")
    assert section.paragraphs[0].startswith("4 complaints belonged to another procedure")
    assert section.tables[0].rows == [
        ["Monitoring Officer (councillor conduct)", "2"],
        ["Human Resources (senior officer)", "1"],
        ["Not accepted for this reason, with no routing recorded", "1"],
    ]
    refused = _section(report, "Types of complaint not accepted")
    assert [r for r in refused.tables[0].rows if r[1] == "4"]


def test_a_year_with_none_says_so():
    with clock.pinned(NOW):
        officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
        make_case(received_at=RECEIVED, by=officer)
        report = annual_report(officer, 2026, clock.today())

    section = _section(report, "Complaints handled under another procedure")
    assert section.paragraphs == ["No complaints were handled under another procedure."]
    assert not section.tables
