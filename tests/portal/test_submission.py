"""Complaining online: the pages, the case made at the end, the email it queues."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from redress.accounts.models import Role
from redress.cases.models import Attachment, Case, Service
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from tests.factories import ServiceFactory, UserFactory
from tests.portal.helpers import ANSWERS, fill_in

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


@pytest.fixture
def service():
    return ServiceFactory(name="Waste and recycling", slug="waste")


def test_start_page_explains_the_procedure_from_its_data(client):
    page = client.get("/feedback/").content.decode()
    assert "Stage 1" in page and "Stage 2" in page
    assert "10 working days" in page and "20 working days" in page
    assert "Ombudsman" in page and "What a complaint is not" in page


def test_complaint_end_to_end_makes_one_case_and_queues_the_email(client, service, smtp):
    fill_in(client, service)
    assert Case.objects.count() == 0, "nothing is written before the end"
    check = client.get("/feedback/check-your-answers/")
    assert b"Sam Public" in check.content and b"Change" in check.content
    response = client.post("/feedback/check-your-answers/", {"website": ""})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == "web" and case.kind == "complaint" and case.service == service
    assert case.outcome_sought == "Collect the bin and say sorry."
    confirmation = client.get(response["Location"]).content.decode()
    assert case.reference in confirmation
    deliver_due()
    emails = smtp.to("sam@example.com")
    assert len(emails) == 1 and case.reference in smtp.body(emails[0])
    # The answers are gone: a second send cannot make a second case.
    assert client.post("/feedback/check-your-answers/").status_code == 302
    assert Case.objects.count() == 1


def test_acting_for_someone_else_needs_their_consent(client, service):
    client.post("/feedback/what-would-you-like-to-do/", {"kind": "complaint"})
    client.post("/feedback/which-service/", {"service": service.pk})
    page = client.post(
        "/feedback/who-is-it-for/",
        {"for_whom": "someone_else", "their_name": "Mum", "relationship": "daughter"},
    )
    assert page.status_code == 200
    assert "Confirm the person has agreed" in page.content.decode()
    assert 'value="Mum"' in page.content.decode(), "what they typed is kept"
    fill_in(
        client,
        service,
        who_is_it_for={
            "for_whom": "someone_else",
            "their_name": "Jo Public",
            "relationship": "daughter",
            "consent": "on",
            "their_address": "1 Acacia Avenue",
        },
    )
    client.post("/feedback/check-your-answers/")
    case = Case.objects.get()
    assert case.person.name == "Jo Public"
    assert case.representative_name == "Sam Public"
    assert case.representative_consent_on == timezone.localdate()


def test_old_complaint_is_taken_with_a_note(client, service):
    old = timezone.localdate() - dt.timedelta(days=500)
    fill_in(
        client,
        service,
        what_happened={
            "details": "Something happened a long time ago.",
            "happened_on_0": str(old.day),
            "happened_on_1": str(old.month),
            "happened_on_2": str(old.year),
        },
    )
    assert b"more than 12 months ago" in client.get("/feedback/check-your-answers/").content
    client.post("/feedback/check-your-answers/")
    assert "may not be accepted" in Case.objects.get().description


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("what-would-you-like-to-do", {}, "Select what you would like to do"),
        ("what-would-you-like-to-do", {"kind": "hack"}, "Select what you would like to do"),
        ("which-service", {"service": "999999"}, "Select the service it is about"),
        ("who-is-it-for", {}, "Select who the feedback is about"),
        ("what-happened", {"details": ""}, "Enter what happened"),
        (
            "what-happened",
            {
                "details": "Long enough text",
                "happened_on_0": "31",
                "happened_on_1": "2",
                "happened_on_2": "2026",
            },
            "The date must be a real date",
        ),
        (
            "what-happened",
            {
                "details": "Long enough text",
                "happened_on_0": "1",
                "happened_on_1": "1",
                "happened_on_2": "2099",
            },
            "today or in the past",
        ),
        ("what-happened", {"details": "Long enough text", "happened_on_0": "1"}, "must include"),
        ("what-would-put-it-right", {"outcome": ""}, "Enter what you would like us to do"),
        ("your-contact-details", {"name": "", "preference": "email"}, "Enter your full name"),
        (
            "your-contact-details",
            {"name": "Sam", "email": "not-an-email", "preference": "email"},
            "correct format",
        ),
        (
            "your-contact-details",
            {"name": "Sam", "preference": "letter"},
            "Enter your postal address",
        ),
        ("your-contact-details", {"name": "Sam", "phone": "12ab", "preference": "phone"}, "phone"),
        ("support-you-need", {"needs_support": "yes", "support": ""}, "Tell us what support"),
    ],
)
def test_bad_input_on_each_page_is_named_and_kept(client, service, slug, data, message):
    fill_in(client, service)
    response = client.post(f"/feedback/{slug}/?change=1", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert body.count("govuk-error-message") >= 1
    for value in data.values():
        if value and slug != "which-service" and value != "hack":
            assert str(value) in body, f"{value!r} was not kept"


def test_pages_cannot_be_skipped(client, service):
    response = client.get("/feedback/your-contact-details/")
    assert response["Location"] == "/feedback/what-would-you-like-to-do/"
    assert client.get("/feedback/check-your-answers/").status_code == 302


def test_attachments_are_checked_by_content_and_attached(client, service):
    fill_in(client, service)
    fake = SimpleUploadedFile("photo.png", b"MZ this is really a program", "image/png")
    page = client.post("/feedback/documents-and-photos/", {"file": fake, "action": "upload"})
    assert "must be a PDF, Word document" in page.content.decode()
    good = SimpleUploadedFile("photo.png", PNG, "image/png")
    client.post("/feedback/documents-and-photos/", {"file": good, "action": "upload"})
    client.post("/feedback/check-your-answers/")
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.original_name == "photo.png"


def test_honeypot_creates_nothing(client, service):
    fill_in(client, service)
    response = client.post("/feedback/check-your-answers/", {"website": "http://spam"})
    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_submissions_are_rate_limited_per_address_with_answers_kept(client, service, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "submit": (1, 3600)}
    fill_in(client, service)
    client.post("/feedback/check-your-answers/")
    fill_in(client, service)
    response = client.post("/feedback/check-your-answers/")
    assert response.status_code == 429
    assert "too many times" in response.content.decode()
    assert "Sam Public" in response.content.decode(), "the answers are still there"
    assert Case.objects.count() == 1
    other = client.post("/feedback/check-your-answers/", REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302, "another address is not limited"


def test_compliment_reaches_the_service_and_the_named_person(client, service):
    manager = UserFactory(role=Role.MANAGER, services=[service], email="mgr@council.example")
    named = UserFactory(first_name="Robin", last_name="Kind", email="robin@council.example")
    fill_in(
        client,
        service,
        what_would_you_like_to_do={"kind": "compliment"},
        what_happened={"details": "Robin was very helpful today.", "staff_name": "Robin Kind"},
    )
    client.post("/feedback/check-your-answers/")
    case = Case.objects.get()
    assert case.kind == "compliment"
    recipients = set(
        OutboundMessage.objects.filter(case=case).values_list("recipient_email", flat=True)
    )
    assert recipients == {"sam@example.com", manager.email, named.email}


def test_csrf_is_required(service):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert (
        strict.post("/feedback/what-would-you-like-to-do/", {"kind": "complaint"}).status_code
        == 403
    )


def test_support_and_contact_preference_are_kept_on_the_person(client, service):
    fill_in(
        client,
        service,
        your_contact_details={
            **ANSWERS["your-contact-details"],
            "phone": "01632 960000",
            "preference": "phone",
        },
        support_you_need={"needs_support": "yes", "support": "Large print, please"},
    )
    client.post("/feedback/check-your-answers/")
    case = Case.objects.select_related("person").get()
    assert case.person.contact_preference == "phone"
    assert case.person.communication_needs == "Large print, please"
    events = list(case.events.order_by("id").values_list("kind", flat=True))
    assert events == ["logged", "adjustment_proposed", "message_queued"]
    # What they asked for waits, in their words, for staff to confirm it.
    proposed = case.person.adjustments.get()
    assert (proposed.state, proposed.description) == ("proposed", "Large print, please")


def test_the_confirmation_names_the_reference_it_was_given(client, service):
    fill_in(client, service)
    client.post("/feedback/check-your-answers/")
    case = Case.objects.get()
    message = OutboundMessage.objects.get(case=case, template_key="portal_confirmation")
    assert f"Your reference is {case.reference}." in message.body_text
    assert "[reference" not in message.body_text, "the stand-in was replaced"
    assert message.subject == f"We have received your complaint: {case.reference}"


def test_refused_submissions_count_against_the_limit(client, service, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "submit": (1, 3600)}
    fill_in(client, service)
    Service.objects.filter(pk=service.pk).update(is_active=False)
    refused = client.post("/feedback/check-your-answers/")
    assert refused.status_code == 400 and "Select the service" in refused.content.decode()
    Service.objects.filter(pk=service.pk).update(is_active=True)
    assert client.post("/feedback/check-your-answers/").status_code == 429
    assert Case.objects.count() == 0


def test_a_submission_is_a_fixed_handful_of_queries(client, service):
    fill_in(client, service)
    with CaptureQueriesContext(connection) as queries:
        assert client.post("/feedback/check-your-answers/").status_code == 302
    sql = [q["sql"] for q in queries.captured_queries]
    # Read first: session, service, the organisation's earliest receipt date, the routing
    # table's route, procedure, version (and its definition, the first time a process meets
    # it), closure days, files. Then written: the rate counter, person, reference, case,
    # stage, case update, two events, the email and the session.
    assert len([q for q in sql if "SAVEPOINT" not in q]) <= 19, sql
