"""Which procedure a new case gets: the routing table, used by every way a case is logged."""

import datetime as dt

import pytest
from django.contrib.admin.sites import site

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.models import Case
from redress.core.errors import InvalidInput
from redress.procedures.admin import ProcedureRouteForm
from redress.procedures.models import Procedure, ProcedureRoute
from redress.procedures.routing import procedure_for, routes_for_choosing
from tests.factories import CategoryFactory, ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

RECEIVED = dt.datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)


def proc(slug):
    return Procedure.objects.get(slug=slug)


@pytest.fixture
def childrens():
    return ServiceFactory(name="Children's services", slug="childrens-services")


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


def route(kind, service, slug, category=None):
    return ProcedureRoute.objects.create(
        kind=kind, service=service, category=category, procedure=proc(slug)
    )


def test_without_a_route_the_kind_default_applies(childrens):
    assert procedure_for("complaint", childrens) == proc("complaint-handling-code-2024")
    assert procedure_for("foi_request", childrens) == proc("foi")


def test_a_route_for_the_service_wins_over_the_default(childrens):
    route("complaint", childrens, "childrens-social-care")
    assert procedure_for("complaint", childrens) == proc("childrens-social-care")
    # Only for that kind: a compliment about the service keeps its own default.
    assert procedure_for("compliment", childrens) == proc("compliments-and-comments")
    assert procedure_for("complaint", ServiceFactory()) == proc("complaint-handling-code-2024")


def test_the_most_specific_route_wins(childrens):
    care = CategoryFactory(name="Children in care", service=childrens)
    send = CategoryFactory(name="Special educational needs", service=childrens)
    route("complaint", childrens, "two-stage-10-20")
    route("complaint", childrens, "childrens-social-care", category=care)
    assert procedure_for("complaint", childrens, care) == proc("childrens-social-care")
    assert procedure_for("complaint", childrens, send) == proc("two-stage-10-20")
    assert procedure_for("complaint", childrens, None) == proc("two-stage-10-20")


def test_a_route_to_an_inactive_procedure_is_passed_over(childrens):
    route("complaint", childrens, "two-stage-10-20")
    Procedure.objects.filter(slug="two-stage-10-20").update(is_active=False)
    assert procedure_for("complaint", childrens) == proc("complaint-handling-code-2024")


def test_logging_with_no_procedure_follows_the_route(childrens, officer):
    route("complaint", childrens, "childrens-social-care")
    case = make_case(service=childrens, by=officer, received_at=RECEIVED)
    assert case.procedure_version.procedure.slug == "childrens-social-care"
    logged = case.events.get(kind="logged")
    assert "routed_procedure" not in logged.data["after"]


def test_a_different_procedure_needs_a_reason_when_a_person_chooses_it(childrens, officer):
    route("complaint", childrens, "childrens-social-care")
    with pytest.raises(InvalidInput) as refused:
        make_case(
            service=childrens,
            by=officer,
            received_at=RECEIVED,
            procedure="complaint-handling-code-2024",
            procedure_reason="  ",
        )
    assert "procedure_reason" in refused.value.field_errors
    assert not Case.objects.exists()


def test_the_reason_for_a_different_procedure_is_on_the_logged_event(childrens, officer):
    route("complaint", childrens, "childrens-social-care")
    case = make_case(
        service=childrens,
        by=officer,
        received_at=RECEIVED,
        procedure="complaint-handling-code-2024",
        procedure_reason="About a library visit, not the child's care",
    )
    logged = case.events.get(kind="logged")
    assert logged.data["after"]["routed_procedure"] == "childrens-social-care"
    assert logged.data["after"]["procedure_reason"] == "About a library visit, not the child's care"
    assert "not the usual Children's social care (statutory)" in logged.summary


def test_routes_for_the_form_list_every_active_route(childrens):
    made = route("complaint", childrens, "childrens-social-care")
    data = routes_for_choosing()
    assert data["defaults"]["complaint"] == proc("complaint-handling-code-2024").pk
    assert data["routes"] == [
        {
            "kind": "complaint",
            "service": childrens.pk,
            "category": None,
            "procedure": made.procedure_id,
        }
    ]


def _admin_form(**data):
    return ProcedureRouteForm(data=data)


def test_the_admin_refuses_a_category_of_another_service(childrens):
    other = CategoryFactory(name="Potholes", service=ServiceFactory())
    form = _admin_form(
        kind="complaint",
        service=childrens.pk,
        category=other.pk,
        procedure=proc("childrens-social-care").pk,
    )
    assert not form.is_valid()
    assert "category" in form.errors


def test_the_admin_refuses_a_second_route_for_the_same_kind_and_service(childrens):
    route("complaint", childrens, "childrens-social-care")
    form = _admin_form(kind="complaint", service=childrens.pk, procedure=proc("two-stage-10-20").pk)
    assert not form.is_valid()
    assert ProcedureRoute.objects.count() == 1


def test_an_administrator_adds_a_route_in_the_admin(client, childrens):
    admin = UserFactory(username="root", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert ProcedureRoute in site._registry
    response = client.post(
        "/admin/procedures/procedureroute/add/",
        {
            "kind": "complaint",
            "service": childrens.pk,
            "procedure": proc("childrens-social-care").pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert procedure_for("complaint", childrens) == proc("childrens-social-care")
