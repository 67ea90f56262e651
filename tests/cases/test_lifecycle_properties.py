"""Random sequences of actions on cases under several procedures: at every step, the actions
offered (API list and case page) are exactly the ones the services accept, and each refused
one is refused with the guard's own reason."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from redress.accounts.models import Role
from redress.calendars.clock import LONDON, Duration, Unit
from redress.cases import services
from redress.cases.availability import available_transitions, transition_refusals
from redress.cases.kinds import NotAcceptedReason, response_outcomes_for
from redress.cases.models import Case
from redress.cases.selectors import case_detail
from redress.cases.services.guards import Transition
from redress.core import clock
from redress.core.errors import InvalidInput, TransitionNotAllowed
from redress.elsewhere.services import case_route_elsewhere
from redress.staff.views.case import available_actions
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=LONDON)
TODAY = NOW.date()
PROCEDURES = [
    "complaint-handling-code-2024",
    "two-stage-10-20",
    "early-resolution",
    "childrens-social-care",
    "adult-social-care",
    "pre-complaint-48-hours",
    "compliments-and-comments",
]
# The page's slug for each transition it offers.
PAGE_SLUG = {
    t: {Transition.RESPOND: "response", Transition.ROUTE_ELSEWHERE: "route-elsewhere"}.get(
        t, t.value
    )
    for t in Transition
}


def _perform(transition: Transition, case: Case, by) -> None:  # noqa: ANN001
    """Take ``transition`` with arguments a careful officer would give."""
    common = {"case": case, "by": by, "expected_version": case.version}
    if transition is Transition.ACKNOWLEDGE:
        services.case_acknowledge(on=TODAY, **common)
    elif transition is Transition.ASSIGN:
        services.case_assign(handler=UserFactory(role=Role.COMPLAINTS_OFFICER), **common)
    elif transition is Transition.EXTEND:
        services.case_extend(
            reason="Waiting for a report", extend_by=Duration(1, Unit.WORKING_DAYS), **common
        )
    elif transition is Transition.RESPOND:
        services.case_respond(on=TODAY, outcome=response_outcomes_for(case.kind)[0], **common)
    elif transition is Transition.ESCALATE:
        services.case_escalate(requested_on=TODAY, **common)
    elif transition is Transition.WITHDRAW:
        services.case_withdraw(**common)
    elif transition is Transition.REFUSE:
        services.case_refuse(reason=NotAcceptedReason.values[0], **common)
    elif transition is Transition.CLOSE:
        services.case_close(confirm=True, **common)
    elif transition is Transition.REOPEN:
        services.case_reopen(reason="The person asked again", **common)
    elif transition is Transition.ROUTE_ELSEWHERE:
        case_route_elsewhere(
            destination="monitoring_officer",
            to_name="Morgan Monitor",
            on=TODAY,
            reason="About a councillor's conduct",
            **common,
        )


class _RolledBack(Exception):
    pass


def _accepted(transition: Transition, case: Case, by) -> str | None:  # noqa: ANN001
    """None if the service accepts the transition now, else its refusal; nothing is kept."""
    try:
        with transaction.atomic():
            _perform(transition, case, by)
            raise _RolledBack
    except _RolledBack:
        return None
    except TransitionNotAllowed as refused:
        return refused.message
    except InvalidInput as refused:
        # The one input-dependent limit: an extension beyond the procedure's maximum is a rule
        # about how long, not about whether, so the guard leaves it to the service.
        assert transition is Transition.EXTEND and "at most" in refused.message, refused.message
        return None


@settings(max_examples=25)
@given(
    procedure=st.sampled_from(PROCEDURES),
    steps=st.lists(st.sampled_from(list(Transition)), min_size=1, max_size=8),
)
def test_offered_actions_are_exactly_the_accepted_ones(procedure, steps):
    with clock.pinned(NOW):
        officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
        case = make_case(procedure=procedure, by=officer, received_at=NOW - dt.timedelta(days=3))
        for step in steps:
            case = case_detail(officer, case.reference)
            reasons = transition_refusals(officer, case)
            offered = set(available_transitions(officer, case))
            page = {a.slug for a in available_actions(officer, case)}
            assert {PAGE_SLUG[t] for t in Transition if t.value in offered} == page & set(
                PAGE_SLUG.values()
            )
            for transition in Transition:
                result = _accepted(transition, case, officer)
                assert result == reasons[transition], (transition, case.status)
            if step.value in offered:
                _perform(step, case, officer)
