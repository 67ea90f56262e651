"""A member of the public complains, gets the email, follows the link, asks for stage 2 and
answers the survey, in a real browser; and the complaint form works without JavaScript."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from redress.accounts.models import Role
from redress.cases.models import Case
from redress.cases.services import case_acknowledge, case_close, case_respond
from redress.notifications.delivery import deliver_due
from redress.portal.models import SurveyResponse
from tests.factories import ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def complain(page, axe):
    page.goto("/feedback/")
    axe(page)
    page.get_by_role("button", name="Start now").click()
    axe(page)
    page.get_by_role("button", name="Continue").click()  # nothing chosen: an error
    expect(page.get_by_text("Select what you would like to do").first).to_be_visible()
    axe(page, "kind page with an error")
    page.get_by_label("Make a complaint").check()
    page.get_by_role("button", name="Continue").click()
    axe(page)
    page.get_by_label("Waste and recycling").check()
    page.get_by_role("button", name="Continue").click()
    axe(page)
    page.get_by_label("Myself").check()
    page.get_by_role("button", name="Continue").click()
    axe(page)
    page.get_by_label("Tell us what happened").fill("My bin was missed three weeks running.")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Continue").click()
    axe(page)
    page.get_by_label("What would you like us to do").fill("Collect it and apologise.")
    page.get_by_role("button", name="Continue").click()
    axe(page)
    page.get_by_label("Full name").fill("Sam Public")
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_label("Email", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    axe(page)
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    axe(page)
    page.get_by_role("button", name="Continue").click()
    axe(page, "check your answers")
    page.get_by_role("button", name="Send").click()
    axe(page, "confirmation")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert re.fullmatch(r"CMP-\d{4}-\d{6}", reference)
    return reference


def test_public_journey(page, axe, smtp_server):
    ServiceFactory(name="Waste and recycling", slug="waste")
    reference = complain(page, axe)
    deliver_due()
    assert len(smtp_server.to("sam@example.com")) == 1

    page.goto("/feedback/progress/")
    axe(page)
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_role("button", name="Send me a link").click()
    axe(page, "check your email")
    deliver_due()
    emails = smtp_server.to("sam@example.com")
    assert len(emails) == 2
    link = re.search(r"http\S+/feedback/progress/link/\S+/", smtp_server.body(emails[-1]))
    page.goto("/feedback/progress/link/" + link.group(0).rstrip("/").rsplit("/", 1)[-1] + "/")
    axe(page)
    page.get_by_role("button", name="Continue").click()
    axe(page, "progress page")
    expect(page.get_by_role("heading", name=f"Your case {reference}")).to_be_visible()

    case = Case.objects.get(reference=reference)
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case_acknowledge(case=case, by=officer, on=timezone.localdate())
    case_respond(case=case, by=officer, on=timezone.localdate(), outcome="not_upheld")
    page.reload()
    page.get_by_role("link", name="Ask for Stage 2").click()
    axe(page)
    page.get_by_role("button", name="Ask for Stage 2").click()
    axe(page, "progress after asking for stage 2")
    case.refresh_from_db()
    assert case.current_stage.number == 2

    case_acknowledge(case=case, by=officer, on=timezone.localdate())
    case_respond(case=case, by=officer, on=timezone.localdate(), outcome="upheld")
    case_close(case=case, by=officer)
    page.reload()
    page.get_by_role("link", name=re.compile("Answer 4 short questions")).click()
    axe(page)
    page.get_by_role(
        "group", name="How satisfied are you with how we handled your case?"
    ).get_by_label("Fairly satisfied").check()
    page.get_by_role("group", name="How satisfied are you with the outcome?").get_by_label(
        "Very satisfied"
    ).check()
    page.get_by_role("group", name="Was it easy to contact us?").get_by_label("Yes").check()
    page.get_by_role("button", name="Send answers").click()
    axe(page, "survey thanks")
    assert SurveyResponse.objects.get(case=case).handling == 4
    deliver_due()
    assert len(smtp_server.to("sam@example.com")) == 3  # confirmation, link, stage 2


def test_complaint_without_javascript(browser, live_server):
    ServiceFactory(name="Waste and recycling", slug="waste")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        # axe-core needs JavaScript to run; the same pages were checked in the journey above.
        # Without it nothing else waits for each new page to finish loading, so this does.
        reference = complain(page, lambda page, context="": page.wait_for_load_state())
        assert Case.objects.filter(reference=reference, channel="web").exists()
    finally:
        context.close()
