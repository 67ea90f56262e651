"""Delivery problems: shown on My work to the complaints team for cases they can see, and
settled by sending again (same Message-ID) or marking as delivered, each on the timeline."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from redress.accounts.models import Role
from redress.cases.models import Case, CaseAccessGrant, TimelineEvent
from redress.core.errors import NotPermitted, TransitionNotAllowed
from redress.notifications import problems
from redress.notifications.delivery import deliver_due, message_id_for
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db
State = OutboundMessage.State
PASSWORD = "correct-horse-battery-staple"


def _problem(case, state=State.UNCERTAIN, subject="Your acknowledgement"):
    message = message_queue(
        case=case, subject=subject, body_text="Hello", recipient_email="alex@example.com"
    )
    OutboundMessage.objects.filter(pk=message.pk).update(
        state=state, attempts=1, last_error="connection lost while sending"
    )
    message.refresh_from_db()
    return message


@pytest.fixture
def officer(client):
    user = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    client.force_login(user)
    return user


def test_my_work_lists_problems_on_cases_the_officer_can_see(client, officer):
    seen = _problem(make_case(), subject="Seen problem")
    _problem(make_case(), state=State.FAILED, subject="Failed problem")
    hidden_case = make_case()
    Case.objects.filter(pk=hidden_case.pk).update(restricted=True)
    _problem(hidden_case, subject="Restricted problem")
    _problem(make_case(), state=State.SENT, subject="Fine message")
    page = client.get(reverse("staff:my_work")).content.decode()
    assert "Delivery problems (2)" in page
    assert "Seen problem" in page and "Failed problem" in page
    assert "Restricted problem" not in page and hidden_case.reference not in page
    assert "Fine message" not in page
    assert reverse("notifications:problem", args=[seen.pk]) in page


def test_a_grant_shows_a_restricted_cases_problem(client, officer):
    case = make_case()
    Case.objects.filter(pk=case.pk).update(restricted=True)
    CaseAccessGrant.objects.create(case=case, user=officer)
    _problem(case, subject="Granted problem")
    assert "Granted problem" in client.get(reverse("staff:my_work")).content.decode()


@pytest.mark.parametrize("role", [Role.SERVICE_RESPONDER, Role.MANAGER, Role.INVESTIGATOR])
def test_other_roles_neither_see_nor_settle_problems(client, role):
    case = make_case()
    message = _problem(case, subject="Not for you")
    user = UserFactory(username=f"u-{role}", role=role, services=[case.service])
    client.force_login(user)
    assert "Not for you" not in client.get(reverse("staff:my_work")).content.decode()
    assert client.get(reverse("notifications:problem", args=[message.pk])).status_code == 404
    response = client.post(reverse("notifications:problem_send_again", args=[message.pk]))
    assert response.status_code == 404
    with pytest.raises(NotPermitted):
        problems.message_send_again(message=message, by=user)
    assert OutboundMessage.objects.get(pk=message.pk).state == State.UNCERTAIN


def test_a_restricted_cases_problem_page_is_not_found_without_a_grant(client, officer):
    case = make_case()
    Case.objects.filter(pk=case.pk).update(restricted=True)
    message = _problem(case)
    assert client.get(reverse("notifications:problem", args=[message.pk])).status_code == 404
    response = client.post(reverse("notifications:problem_delivered", args=[message.pk]))
    assert response.status_code == 404


def test_send_again_goes_out_with_the_same_message_id_and_is_on_the_timeline(client, officer, smtp):
    case = make_case()
    message = _problem(case)
    page = client.get(reverse("notifications:problem", args=[message.pk]))
    assert escape(message_id_for(message)) in page.content.decode()
    assert page["Cache-Control"].count("no-store") == 1
    response = client.post(reverse("notifications:problem_send_again", args=[message.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("staff:my_work")
    assert deliver_due().sent == 1
    (received,) = smtp.to("alex@example.com")
    assert received["Message-ID"] == message_id_for(message)
    event = TimelineEvent.objects.get(case=case, kind="message_resend")
    assert event.actor == officer and message_id_for(message) in event.summary
    assert "Delivery problems" not in client.get(reverse("staff:my_work")).content.decode()


def test_mark_delivered_needs_a_note_and_keeps_what_was_typed(client, officer):
    message = _problem(make_case())
    url = reverse("notifications:problem_delivered", args=[message.pk])
    empty = client.post(url, {"note": "   "})
    assert empty.status_code == 400
    assert "Enter how you know the message arrived" in empty.content.decode()
    long_note = "x" * (problems.NOTE_MAX + 1)
    too_long = client.post(url, {"note": long_note})
    assert too_long.status_code == 400
    assert "1000 characters or fewer" in too_long.content.decode()
    assert long_note in too_long.content.decode()
    assert OutboundMessage.objects.get(pk=message.pk).state == State.UNCERTAIN


def test_mark_delivered_records_how_the_officer_knows(client, officer):
    case = make_case()
    message = _problem(case)
    url = reverse("notifications:problem_delivered", args=[message.pk])
    response = client.post(url, {"note": "The mail log shows 250 accepted"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == State.SENT and message.sent_at is not None
    event = TimelineEvent.objects.get(case=case, kind="message_marked_delivered")
    assert event.actor == officer and "250 accepted" in event.summary
    assert event.data["before"] == {"state": "uncertain"}


def test_settling_a_problem_twice_says_it_is_already_dealt_with(client, officer):
    message = _problem(make_case())
    client.post(reverse("notifications:problem_send_again", args=[message.pk]))
    # The page has gone (404) and the service refuses with a reason.
    assert client.get(reverse("notifications:problem", args=[message.pk])).status_code == 404
    with pytest.raises(TransitionNotAllowed, match="no longer a delivery problem"):
        problems.message_mark_delivered(message=message, by=officer, note="it arrived")
    assert OutboundMessage.objects.get(pk=message.pk).state == State.PENDING
    assert not TimelineEvent.objects.filter(kind="message_marked_delivered").exists()
