"""The New email queue's pages: making a case from an email (the log form filled in from it),
adding it to a case the officer can see, dismissing it with a reason; bad input and people
who may not."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from redress.accounts.models import Role
from redress.cases.models import Attachment, Case, Correspondence
from redress.inbound import services
from redress.inbound.models import InboundEmail, Mailbox, State
from redress.inbound.storing import store
from tests.factories import ServiceFactory, UserFactory, make_case
from tests.inbound.messages import PDF, email

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def client_for():
    def signed_in(user):
        client = Client()
        client.force_login(user)
        return client

    return signed_in


@pytest.fixture
def waiting():
    return store(
        email(
            subject="Potholes on Mill Road",
            body="The potholes on Mill Road damaged my tyre.",
            sender="Pat Potter <pat@example.net>",
            attachments=[("tyre.pdf", "application/pdf", PDF)],
        )
    )


def test_the_queue_lists_new_email_for_officers_only(client_for, officer, waiting):
    page = client_for(officer).get("/casework/new-email/")
    assert page.status_code == 200
    assert "Potholes on Mill Road" in page.content.decode()
    assert "1 email waiting" in page.content.decode()
    responder = UserFactory(username="responder", role=Role.SERVICE_RESPONDER)
    assert client_for(responder).get("/casework/new-email/").status_code == 403
    assert client_for(responder).get(f"/casework/new-email/{waiting.pk}/").status_code == 403


def test_ombudsman_email_waits_in_its_own_mailbox(client_for, officer):
    store(email(subject="From the Ombudsman"), Mailbox.OMBUDSMAN)
    client = client_for(officer)
    assert "From the Ombudsman" not in client.get("/casework/new-email/").content.decode()
    page = client.get("/casework/new-email/?mailbox=ombudsman").content.decode()
    assert "From the Ombudsman" in page


def test_making_a_case_fills_the_log_form_from_the_email(client_for, officer, waiting):
    service = ServiceFactory(name="Highways")
    client = client_for(officer)
    page = client.get(f"/casework/new-email/{waiting.pk}/make-case/").content.decode()
    for expected in ("Pat Potter", "pat@example.net", "Potholes on Mill Road", "damaged my tyre"):
        assert expected in page
    today = timezone.localdate(waiting.sent_at)
    posted = client.post(
        f"/casework/new-email/{waiting.pk}/make-case/",
        {
            "kind": "complaint",
            "channel": "email",
            "received_on-day": today.day,
            "received_on-month": today.month,
            "received_on-year": today.year,
            "person_name": "Pat Potter",
            "person_email": "pat@example.net",
            "service": service.pk,
            "summary": "Potholes on Mill Road",
            "description": "The potholes on Mill Road damaged my tyre.",
            "accepted": "yes",
        },
    )
    errors = [line for line in posted.content.decode().splitlines() if "error-message" in line]
    assert posted.status_code == 302, errors
    case = Case.objects.get(person__email="pat@example.net")
    waiting.refresh_from_db()
    assert (waiting.state, waiting.case, waiting.decided_by) == (State.MADE_CASE, case, officer)
    assert Correspondence.objects.filter(case=case, kind="email", direction="in").count() == 1
    assert Attachment.objects.get(case=case).original_name == "tyre.pdf"
    assert case.events.filter(kind="correspondence_email").exists()
    # Dealt with: the page to make a case of it is gone, and the queue no longer lists it.
    assert client.get(f"/casework/new-email/{waiting.pk}/make-case/").status_code == 404
    assert "Potholes" not in client.get("/casework/new-email/").content.decode()


def test_a_bad_log_form_keeps_what_was_typed_and_writes_nothing(client_for, officer, waiting):
    posted = client_for(officer).post(
        f"/casework/new-email/{waiting.pk}/make-case/",
        {"kind": "complaint", "person_name": "Pat Typed", "summary": "Kept summary"},
    )
    assert posted.status_code == 400
    text = posted.content.decode()
    assert "Choose the service area the case is about" in text
    assert "Pat Typed" in text and "Kept summary" in text
    assert not Case.objects.exists()
    waiting.refresh_from_db()
    assert waiting.state == State.NEW


def test_adding_to_a_visible_case(client_for, officer, waiting):
    case = make_case(by=officer)
    posted = client_for(officer).post(
        f"/casework/new-email/{waiting.pk}/add-to-case/", {"reference": case.reference.lower()}
    )
    assert posted.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.state, waiting.case, waiting.decided_by) == (State.ADDED, case, officer)
    assert Correspondence.objects.filter(case=case, kind="email").count() == 1


def test_a_restricted_case_is_not_found_by_someone_not_granted(client_for, officer, waiting):
    granted = UserFactory(username="granted", role=Role.COMPLAINTS_OFFICER)
    secret = make_case(by=granted, restricted=True)
    posted = client_for(officer).post(
        f"/casework/new-email/{waiting.pk}/add-to-case/", {"reference": secret.reference}
    )
    assert posted.status_code == 400
    assert "There is no case with that reference that you can see" in posted.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == State.NEW
    assert not Correspondence.objects.filter(case=secret, kind="email").exists()


def test_an_email_on_a_restricted_case_is_hidden_from_others(client_for, officer):
    granted = UserFactory(username="granted", role=Role.COMPLAINTS_OFFICER)
    secret = make_case(by=granted, restricted=True)
    joined = store(email(subject=f"Re: {secret.reference} Quokkareply"))
    assert joined.case == secret
    assert client_for(officer).get(f"/casework/new-email/{joined.pk}/").status_code == 404
    history = client_for(officer).get("/casework/new-email/?shown=done").content.decode()
    assert "Quokkareply" not in history
    assert client_for(granted).get(f"/casework/new-email/{joined.pk}/").status_code == 200
    assert (
        "Quokkareply" in client_for(granted).get("/casework/new-email/?shown=done").content.decode()
    )


def test_dismissing_needs_a_reason(client_for, officer, waiting):
    client = client_for(officer)
    refused = client.post(f"/casework/new-email/{waiting.pk}/dismiss/", {"reason": "  "})
    assert refused.status_code == 400
    assert "Enter why this email needs no case" in refused.content.decode()
    too_long = client.post(f"/casework/new-email/{waiting.pk}/dismiss/", {"reason": "x" * 1001})
    assert "The reason must be 1000 characters or fewer" in too_long.content.decode()
    done = client.post(f"/casework/new-email/{waiting.pk}/dismiss/", {"reason": "Spam"})
    assert done.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.state, waiting.dismissed_reason, waiting.decided_by) == (
        State.DISMISSED,
        "Spam",
        officer,
    )
    again = client.post(f"/casework/new-email/{waiting.pk}/dismiss/", {"reason": "Twice"})
    assert again.status_code == 400
    assert "already been dealt with" in again.content.decode()
    page = client.get(f"/casework/new-email/{waiting.pk}/").content.decode()
    assert "Spam" in page and "Dismissed" in page


def test_storing_the_same_message_again_stores_nothing(waiting):
    raw = waiting.raw.open("rb").read()
    assert store(raw) is None
    assert InboundEmail.objects.count() == 1


def test_the_queue_pages_cost_the_same_however_many_emails(client_for, officer):
    client = client_for(officer)

    def queries_for(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add(count, dismiss=False):
        for n in range(count):
            stored = store(email(subject=f"Email {n}", sender=f"Person {n} <p{n}@example.net>"))
            if dismiss:
                services.email_dismiss(email=stored, by=officer, reason="Spam")

    add(2)
    add(2, dismiss=True)
    # The first page after signing in notes in the session that no authenticator app is set
    # up; that costs the same however many emails, so it is left out of both counts.
    client.get("/casework/new-email/")
    few = [queries_for("/casework/new-email/"), queries_for("/casework/new-email/?shown=done")]
    add(30)
    add(30, dismiss=True)
    many = [queries_for("/casework/new-email/"), queries_for("/casework/new-email/?shown=done")]
    assert few == many
    second = client.get("/casework/new-email/?page=2").content.decode()
    assert "Previous" in second and "Email 29" in second
