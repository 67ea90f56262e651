"""Routing a complaint to another procedure: what it records, who is told, what it refuses."""

import datetime as dt

import pytest
from django.test import Client

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.kinds import CorrespondenceTo, NotAcceptedReason, Outcome, Status
from redress.cases.models import Case
from redress.cases.representatives import Representative
from redress.cases.services import case_reopen, case_respond
from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.elsewhere.models import Destination, RoutedElsewhere
from redress.elsewhere.services import case_route_elsewhere
from redress.notifications.models import OutboundMessage
from redress.staff.models import MessageTemplate, TemplatePurpose
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db
RECEIVED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
NOW = dt.datetime(2026, 3, 9, 12, 0, tzinfo=LONDON)
ON = dt.date(2026, 3, 6)


def _route(case, by, **overrides):  # noqa: ANN001, ANN202
    given = {
        "destination": Destination.MONITORING_OFFICER,
        "to_name": "Morgan Monitor",
        "to_email": "monitoring.officer@example.gov.uk",
        "on": ON,
        "reason": "The complaint is about Councillor Vale's conduct at a ward surgery.",
        "expected_version": case.version,
    }
    return case_route_elsewhere(case=case, by=by, **(given | overrides))


@pytest.fixture
def officer():
    return UserFactory(role=Role.COMPLAINTS_OFFICER)


@pytest.fixture(autouse=True)
def _pinned():
    with clock.pinned(NOW):
        yield


def test_routing_closes_the_complaint_as_handled_elsewhere_and_records_where(officer):
    case = make_case(received_at=RECEIVED, person={"name": "Ada Ames", "email": "ada@example.com"})

    routed, sent = _route(case, officer)

    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.CLOSED
    assert case.outcome == Outcome.NOT_ACCEPTED
    assert case.not_accepted_reason == NotAcceptedReason.OTHER_PROCEDURE
    assert "Morgan Monitor" in case.not_accepted_detail
    routing = RoutedElsewhere.objects.get(case=case)
    assert (routing.destination, routing.to_name, routing.routed_on, routing.routed_by) == (
        Destination.MONITORING_OFFICER,
        "Morgan Monitor",
        ON,
        officer,
    )
    event = case.events.get(kind="routed_elsewhere")
    assert "Morgan Monitor" in event.summary and "6 March 2026" in event.summary
    assert event.data["after"]["destination"] == "monitoring_officer"
    [message] = sent
    assert message.recipient_email == "ada@example.com"
    assert "Morgan Monitor (monitoring.officer@example.gov.uk), the Monitoring Officer" in (
        message.body_text
    )
    assert "Councillor Vale's conduct" in message.body_text
    assert message.template_key == TemplatePurpose.ROUTED


def test_the_explanation_follows_who_letters_go_to(officer):
    case = make_case(
        received_at=RECEIVED,
        person={"name": "Ada Ames", "email": "ada@example.com"},
        representative=Representative(
            name="Rob Rep",
            relationship="Advocate",
            consent_on=dt.date(2026, 3, 1),
            email="rob@example.com",
            correspondence_to=CorrespondenceTo.REPRESENTATIVE,
        ),
    )

    _, sent = _route(case, officer, destination=Destination.HUMAN_RESOURCES, to_name="HR")

    assert [m.recipient_email for m in sent] == ["rob@example.com"]
    assert "HR (monitoring.officer@example.gov.uk) in Human Resources" in sent[0].body_text


def test_the_edited_template_is_used(officer):
    MessageTemplate.objects.create(
        purpose=TemplatePurpose.ROUTED,
        subject="Passed on: {reference}",
        body="We sent it to {routed_to}. Why: {routed_reason}",
    )
    case = make_case(received_at=RECEIVED)

    _, [message] = _route(case, officer, destination=Destination.OTHER_ORGANISATION)

    assert message.subject == f"Passed on: {case.reference}"
    assert message.body_text.startswith("We sent it to Morgan Monitor")


def test_bad_input_names_every_field_and_changes_nothing(officer):
    case = make_case(received_at=RECEIVED)
    version = case.version

    with pytest.raises(InvalidInput) as refused:
        _route(case, officer, destination="mayor", to_name=" ", to_email="nope", reason="")

    assert set(refused.value.field_errors) == {"destination", "to_name", "to_email", "reason"}
    assert not RoutedElsewhere.objects.exists()
    assert not OutboundMessage.objects.exists()
    assert Case.objects.get(pk=case.pk).version == version
    with pytest.raises(InvalidInput) as refused:
        _route(case, officer, on=dt.date(2026, 3, 10))
    assert "future" in refused.value.field_errors["on"][0]


def test_only_an_open_unanswered_complaint_goes_elsewhere(officer):
    compliment = make_case(kind="compliment", received_at=RECEIVED)
    with pytest.raises(TransitionNotAllowed, match="Only a complaint"):
        _route(compliment, officer)
    answered = make_case(received_at=RECEIVED)
    case_respond(case=answered, by=officer, on=ON, outcome=Outcome.UPHELD)
    with pytest.raises(TransitionNotAllowed, match="answered"):
        _route(Case.objects.get(pk=answered.pk), officer)


def test_only_the_complaints_team_routes(officer):
    service = ServiceFactory()
    case = make_case(service=service, received_at=RECEIVED)
    for role in (Role.SERVICE_RESPONDER, Role.MANAGER, Role.MEMBER):
        with pytest.raises(NotPermitted):
            _route(case, UserFactory(role=role, services=[service]))
    assert not RoutedElsewhere.objects.exists()


def test_routing_again_after_reopening_replaces_the_routing(officer):
    case = make_case(received_at=RECEIVED)
    routed, _ = _route(case, officer)
    reopened = case_reopen(case=routed, by=officer, reason="Not about a councillor after all")
    assert reopened.not_accepted_reason == ""

    _route(reopened, officer, destination=Destination.STATUTORY_PROCEDURE, to_name="SEND team")

    routing = RoutedElsewhere.objects.get(case=case)
    assert (routing.destination, routing.to_name) == ("statutory_procedure", "SEND team")
    assert Case.objects.get(pk=case.pk).events.filter(kind="routed_elsewhere").count() == 2


def test_the_case_page_offers_it_and_keeps_what_was_typed_when_wrong(officer):
    case = make_case(received_at=RECEIVED)
    client = Client()
    client.force_login(officer)
    page = client.get(f"/casework/cases/{case.reference}/")
    assert f"/casework/cases/{case.reference}/route-elsewhere/" in page.content.decode()

    response = client.post(
        f"/casework/cases/{case.reference}/route-elsewhere/",
        {
            "destination": "human_resources",
            "to_name": "Hannah in HR",
            "to_email": "not-an-email",
            "on-day": "6",
            "on-month": "3",
            "on-year": "2026",
            "reason": "About the conduct of the head of planning.",
            "expected_version": case.version,
        },
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter their email address in the correct format" in text
    assert "Hannah in HR" in text and "About the conduct of the head of planning." in text
    assert not RoutedElsewhere.objects.exists()
