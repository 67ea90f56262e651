"""The person's side in a real browser: the progress page with a response sent and a remedy,
the survey reached from the invitation email, and a complaint made for someone else."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from redress.cases.models import Case
from redress.cases.services import case_close, remedy_add
from redress.core import clock
from redress.core.dates import long_date
from redress.notifications.delivery import deliver_due
from redress.portal.models import SurveyResponse
from redress.portal.services.survey_invitations import send_survey_invitations
from tests.factories import ServiceFactory, make_case
from tests.portal.helpers import RESPONSE, send_response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _follow(page, axe, smtp_server, case):
    page.goto("/feedback/progress/")
    page.get_by_label("Reference").fill(case.reference)
    page.get_by_label("Email address").fill(case.person.email)
    page.get_by_role("button", name="Send me a link").click()
    deliver_due()
    body = smtp_server.body(smtp_server.to(case.person.email)[-1])
    page.goto(re.search(r"/feedback/progress/link/\S+/", body).group(0))
    page.get_by_role("button", name="Continue").click()
    axe(page, "progress page")


def test_the_progress_page_shows_the_response_and_what_we_agreed(page, axe, smtp_server):
    case = make_case(received_at=clock.now() - dt.timedelta(days=10))
    officer = send_response(case)
    due = clock.today() + dt.timedelta(days=14)
    remedy_add(
        case=Case.objects.get(pk=case.pk),
        by=officer,
        type="financial",
        description="For the time and trouble.",
        amount=Decimal("150"),
        due_on=due,
        owner=officer,
    )
    _follow(page, axe, smtp_server, case)
    card = page.locator(".govuk-summary-card", has_text="Stage 1 response")
    expect(card).to_be_visible()
    expect(card).to_contain_text(f"Sent on{long_date(clock.today())}")
    expect(card.get_by_role("heading", name="Why we reached this decision")).to_be_visible()
    expect(card).to_contain_text(RESPONSE["reasons"])
    agreed = page.locator("dl", has_text="Payment of £150")
    expect(agreed).to_contain_text("For the time and trouble.")
    expect(agreed).to_contain_text(f"Due by {long_date(due)}")
    expect(page.get_by_text("Nothing yet apart from our confirmation email")).to_have_count(0)


def test_the_survey_link_in_the_invitation_opens_the_survey(page, axe, smtp_server):
    case = make_case(received_at=clock.now() - dt.timedelta(days=10))
    officer = send_response(case)
    case_close(case=Case.objects.get(pk=case.pk), by=officer, confirm=True)
    send_survey_invitations()
    deliver_due()
    [invitation] = [
        m for m in smtp_server.to(case.person.email) if "How did we do?" in (m["Subject"] or "")
    ]
    link = re.search(r"http\S+/feedback/survey/[a-z0-9]+/", smtp_server.body(invitation))
    page.goto("/feedback/survey/" + link.group(0).rstrip("/").rsplit("/", 1)[-1] + "/")
    expect(page.get_by_role("heading", name="How did we do?")).to_be_visible()
    axe(page, "survey from the invitation")
    page.get_by_role("button", name="Send answers").click()
    expect(page.get_by_text("Select how satisfied you are with the outcome").first).to_be_visible()
    axe(page, "survey with errors")
    page.get_by_role(
        "group", name="How satisfied are you with how we handled your case?"
    ).get_by_label("Very satisfied").check()
    page.get_by_role("group", name="How satisfied are you with the outcome?").get_by_label(
        "Fairly dissatisfied"
    ).check()
    page.get_by_role("group", name="Was it easy to contact us?").get_by_label("No").check()
    page.get_by_role("button", name="Send answers").click()
    expect(page.get_by_role("heading", name="Thank you for your answers")).to_be_visible()
    axe(page, "survey thanks")
    assert SurveyResponse.objects.get(case=case).outcome == 2
    page.goto(link.group(0).split("127.0.0.1:8000", 1)[-1])
    expect(page.get_by_role("heading", name="This survey link no longer works")).to_be_visible()
    axe(page, "spent survey link")


def test_a_complaint_made_for_someone_else(page, axe, smtp_server):
    ServiceFactory(name="Waste and recycling", slug="waste")
    page.goto("/feedback/what-would-you-like-to-do/")
    page.get_by_label("Make a complaint").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Waste and recycling").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Someone else").check()
    page.get_by_label("Their full name").fill("Jo Public")
    page.get_by_label("How do you know them?").fill("daughter")
    page.get_by_label("They have agreed to me acting for them").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Enter their postal address or email address").first).to_be_visible()
    axe(page, "who is it for, with an error")
    expect(page.get_by_label("Their full name")).to_have_value("Jo Public")
    page.get_by_label("Their postal address").fill("1 Acacia Avenue\nExampleton EX1 1AA")
    group = page.get_by_role("group", name="Who should we write to about it?")
    expect(group.get_by_label("Only me")).to_be_checked()
    group.get_by_label("Both of us").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Tell us what happened").fill("Mum's bin was missed three weeks running.")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What would you like us to do").fill("Collect it and apologise.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Full name").fill("Sam Public")
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_label("Email", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Both of us")).to_be_visible()
    axe(page, "check your answers for someone else")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("We have sent a confirmation to sam@example.com.")).to_be_visible()
    expect(page.get_by_text("We will write to Jo Public to confirm we have it.")).to_be_visible()
    axe(page, "confirmation for someone else")
    case = Case.objects.select_related("person").get()
    assert case.person.name == "Jo Public" and case.representative_email == "sam@example.com"
    assert case.correspondence_to == "both"
    deliver_due()
    [email] = smtp_server.to("sam@example.com")
    assert "made for Jo Public" in smtp_server.body(email)
