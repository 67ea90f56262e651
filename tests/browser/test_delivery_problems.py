"""A complaints officer settles delivery problems from My work in a real browser, with axe on
every page: one email marked as delivered (after a refused empty note), one sent again."""

import pytest
from playwright.sync_api import expect

from redress.accounts.models import Role
from redress.notifications.delivery import deliver_due, message_id_for
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from tests.browser.test_staff_journey import banner, sign_in
from tests.factories import UserFactory, make_case

State = OutboundMessage.State


def _problem(case, subject, state):
    message = message_queue(
        case=case, subject=subject, body_text="Hello", recipient_email="sam@example.com"
    )
    OutboundMessage.objects.filter(pk=message.pk).update(
        state=state, attempts=1, last_error="connection lost while sending"
    )
    return message


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_settles_delivery_problems_from_my_work(page, axe, smtp_server):
    UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    case = make_case()
    arrived = _problem(case, "We have received your complaint", State.UNCERTAIN)
    resend = _problem(case, "Your complaint response", State.FAILED)

    sign_in(page, axe, "officer")
    expect(page.get_by_role("heading", name="Delivery problems (2)")).to_be_visible()

    page.get_by_role("link", name="We have received your complaint").click()
    expect(page.get_by_role("heading", name="Delivery problem")).to_be_visible()
    expect(page.get_by_text("May have been sent", exact=True)).to_be_visible()
    axe(page, "delivery problem page")
    page.get_by_role("button", name="Mark as delivered").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter how you know the message arrived"
    )
    axe(page, "delivery problem page with an error")
    page.get_by_label("How do you know it arrived?").fill("The mail log shows it was accepted")
    page.get_by_role("button", name="Mark as delivered").click()
    banner(page, "is recorded as delivered")
    expect(page.get_by_role("heading", name="Delivery problems (1)")).to_be_visible()
    axe(page, "my work after marking delivered")

    page.get_by_role("link", name="Your complaint response").click()
    expect(page.get_by_text("Could not be sent", exact=True)).to_be_visible()
    page.get_by_role("button", name="Send again").click()
    banner(page, "will be sent again")
    expect(page.get_by_role("heading", name="Delivery problems")).to_have_count(0)

    assert deliver_due().sent == 1
    (received,) = smtp_server.to("sam@example.com")
    assert received["Message-ID"] == message_id_for(resend)
    assert OutboundMessage.objects.get(pk=arrived.pk).state == State.SENT

    page.goto(f"/casework/cases/{case.reference}/")
    axe(page, "case page with the delivery events")
    timeline = page.locator(".redress-timeline h3")
    expect(timeline.filter(has_text="marked as delivered: We have received your")).to_be_visible()
    expect(timeline.filter(has_text="to be sent again, with the same Message-ID")).to_be_visible()
