"""Who sees which cases (``cases_visible_to``) and who may do what to them (``can``)."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.models import Case
from redress.cases.permissions import Action, can, can_log, role_of
from redress.cases.selectors import case_detail, cases_visible_to
from redress.cases.services import (
    case_acknowledge,
    case_assign,
    case_escalate,
    case_grant_access,
    case_respond,
)
from redress.core.errors import NotPermitted
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db
D = dt.date
RECEIVED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
STAGE_WORK = {
    Action.ACKNOWLEDGE,
    Action.EXTEND,
    Action.RESPOND,
    Action.NOTE,
    Action.ATTACH,
    Action.ADJUST,
    Action.REPRESENT,
    Action.REMEDY,
    Action.RECORD_STEP,
}
EVERYTHING = set(Action)


def allowed(user, case) -> set[Action]:  # noqa: ANN001
    return {action for action in Action if can(user, action, case)}


def visible(user) -> set[str]:  # noqa: ANN001
    return set(cases_visible_to(user).values_list("reference", flat=True))


@pytest.fixture
def world():
    """Two services, a case in each, and one person in every role."""
    housing, parks = ServiceFactory(name="Housing"), ServiceFactory(name="Parks")
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    people = {
        "officer": officer,
        "administrator": UserFactory(role=Role.ADMINISTRATOR),
        "superuser": UserFactory(role="", is_superuser=True, is_staff=True),
        "housing_responder": UserFactory(role=Role.SERVICE_RESPONDER, services=[housing]),
        "parks_responder": UserFactory(role=Role.SERVICE_RESPONDER, services=[parks]),
        "investigator": UserFactory(role=Role.INVESTIGATOR),
        "housing_manager": UserFactory(role=Role.MANAGER, services=[housing]),
        "no_role": UserFactory(role=""),
        "inactive_officer": UserFactory(role=Role.COMPLAINTS_OFFICER, is_active=False),
    }
    housing_case = make_case(service=housing, received_at=RECEIVED, by=officer)
    parks_case = make_case(service=parks, received_at=RECEIVED, by=officer)
    return people, housing_case, parks_case


def test_roles_are_read_from_active_signed_in_users_only(world):
    people, _, _ = world
    assert role_of(people["superuser"]) == Role.ADMINISTRATOR
    assert role_of(people["inactive_officer"]) == ""
    assert role_of(AnonymousUser()) == ""
    assert role_of(None) == ""
    assert [name for name, user in people.items() if can_log(user)] == [
        "officer",
        "administrator",
        "superuser",
    ]
    assert not can_log(AnonymousUser())


@pytest.mark.parametrize("name", ["officer", "administrator", "superuser"])
def test_office_roles_see_and_may_do_everything(world, name):
    people, housing_case, parks_case = world
    user = people[name]
    assert visible(user) == {housing_case.reference, parks_case.reference}
    assert allowed(user, housing_case) == EVERYTHING


def test_a_responder_sees_and_works_on_their_own_services_cases_only(world):
    people, housing_case, parks_case = world
    responder = people["housing_responder"]
    assert visible(responder) == {housing_case.reference}
    assert allowed(responder, housing_case) == STAGE_WORK
    assert allowed(responder, parks_case) == set()
    assert case_detail(responder, parks_case.reference) is None
    assert case_detail(responder, housing_case.reference).pk == housing_case.pk


def test_a_responder_assigned_a_case_in_another_service_sees_and_works_on_it(world):
    people, _, parks_case = world
    responder = people["housing_responder"]
    case_assign(case=parks_case, by=people["officer"], handler=responder)
    parks_case = Case.objects.select_related("current_stage").get(pk=parks_case.pk)
    assert parks_case.reference in visible(responder)
    assert allowed(responder, parks_case) == STAGE_WORK


def test_an_investigator_sees_a_case_only_once_it_reaches_an_independent_stage(world):
    people, housing_case, _ = world
    investigator, officer = people["investigator"], people["officer"]
    assert visible(investigator) == set()
    assert allowed(investigator, housing_case) == set()
    with pytest.raises(NotPermitted):
        case_acknowledge(case=housing_case, by=investigator, on=D(2026, 3, 3))

    case = case_acknowledge(case=housing_case, by=officer, on=D(2026, 3, 3))
    case = case_respond(case=case, by=officer, on=D(2026, 3, 10), outcome="not_upheld")
    case = case_escalate(case=case, by=officer, requested_on=D(2026, 3, 12))
    case = Case.objects.select_related("current_stage").get(pk=case.pk)
    assert visible(investigator) == {case.reference}
    assert allowed(investigator, case) == STAGE_WORK
    # Still not theirs: the stage 1 responder may no longer work on the independent stage.
    assert allowed(people["housing_responder"], case) == set()
    assert case.reference in visible(people["housing_responder"])


def test_a_manager_sees_their_services_and_may_only_add_notes(world):
    people, housing_case, parks_case = world
    manager = people["housing_manager"]
    assert visible(manager) == {housing_case.reference}
    assert allowed(manager, housing_case) == {Action.NOTE}
    assert allowed(manager, parks_case) == set()


@pytest.mark.parametrize("name", ["no_role", "inactive_officer"])
def test_no_role_or_an_inactive_account_sees_and_does_nothing(world, name):
    people, housing_case, _ = world
    assert visible(people[name]) == set()
    assert allowed(people[name], housing_case) == set()


def test_an_anonymous_visitor_sees_and_does_nothing(world):
    _, housing_case, _ = world
    assert visible(AnonymousUser()) == set()
    assert allowed(AnonymousUser(), housing_case) == set()
    assert allowed(None, housing_case) == set()


def test_a_restricted_case_is_seen_and_acted_on_only_by_people_granted_access(world):
    people, _, _ = world
    officer, other_officer = people["officer"], UserFactory(role=Role.COMPLAINTS_OFFICER)
    housing = people["housing_responder"].services.get()
    case = make_case(service=housing, received_at=RECEIVED, by=officer, restricted=True)
    case = Case.objects.select_related("current_stage").get(pk=case.pk)

    # The officer who logged it is granted access; nobody else, whatever their role.
    assert case.reference in visible(officer)
    assert allowed(officer, case) == EVERYTHING
    for name in ("administrator", "superuser", "housing_responder", "housing_manager"):
        assert case.reference not in visible(people[name]), name
        assert allowed(people[name], case) == set(), name
    assert case.reference not in visible(other_officer)
    with pytest.raises(NotPermitted):
        case_acknowledge(case=case, by=other_officer, on=D(2026, 3, 3))

    # Assigning a handler grants them access; so does an explicit grant.
    case_assign(case=case, by=officer, handler=people["housing_responder"])
    case_grant_access(case=case, by=officer, user=other_officer)
    case = Case.objects.select_related("current_stage").get(pk=case.pk)
    assert case.reference in visible(people["housing_responder"])
    assert allowed(people["housing_responder"], case) == STAGE_WORK
    assert case.reference in visible(other_officer)
    assert allowed(other_officer, case) == EVERYTHING
    assert case.reference not in visible(people["housing_manager"])
    assert case.events.filter(kind="access_granted").count() == 1


def test_only_office_roles_may_grant_access(world):
    people, housing_case, _ = world
    with pytest.raises(NotPermitted):
        case_grant_access(
            case=housing_case, by=people["housing_responder"], user=people["investigator"]
        )
