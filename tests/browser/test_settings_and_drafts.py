"""Every page can be reached from the navigation, and a draft missing what the Code requires is
refused in plain words, in a real browser with axe-core on each page."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.services import case_acknowledge, case_assign
from redress.staff.models import ResponseDraft
from tests.browser.test_staff_journey import banner, open_case, sign_in, sign_out
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def settings_links(page):
    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_role("heading", name="Settings", level=1).wait_for()
    return page.locator("main a").all_inner_texts()


def test_settings_pages_are_reached_from_the_navigation(page, axe):
    UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    UserFactory(username="responder", role=Role.SERVICE_RESPONDER)

    sign_in(page, axe, "officer")
    links = settings_links(page)
    axe(page, "settings for an officer")
    assert {"Change your password", "Jargon list", "Post room"} <= set(links)
    assert "Letter and email templates" not in links
    page.locator("main").get_by_role("link", name="Post room").click()
    page.get_by_role("heading", name="Post room", level=1).wait_for()
    axe(page, "post room")
    settings_links(page)
    page.get_by_role("link", name="Change your password").click()
    axe(page, "change password")
    page.get_by_label("Old password").fill("correct-horse-battery-staple")
    page.get_by_label("New password", exact=True).fill("plum-orchard-lantern-42")
    page.get_by_label("New password confirmation").fill("plum-orchard-lantern-42")
    page.get_by_role("button", name="Change password").click()
    banner(page, "Your password has been changed")
    sign_out(page)

    sign_in(page, axe, "admin")
    links = settings_links(page)
    assert {"Letter and email templates", "Administration site"} <= set(links)
    sign_out(page)

    sign_in(page, axe, "responder")
    assert settings_links(page) == ["Change your password", "Two-factor sign-in", "API tokens"]
    assert page.get_by_role("link", name="Post room").count() == 0


def test_a_draft_missing_required_parts_is_refused_in_plain_words(page, axe):
    service = ServiceFactory(name="Waste and recycling", slug="waste")
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    responder = UserFactory(username="responder", role=Role.SERVICE_RESPONDER, services=[service])
    today = timezone.localdate()
    received = dt.datetime.combine(today - dt.timedelta(days=3), dt.time(10), tzinfo=LONDON)
    case = make_case(service=service, received_at=received, by=officer)
    case = case_acknowledge(case=case, by=officer, on=today)
    case_assign(case=case, by=officer, handler=responder)

    sign_in(page, axe, "responder")
    open_case(page, axe, case.reference)
    page.get_by_role("button", name="Draft the response").click()
    page.get_by_label("Our decision", exact=True).fill("We have looked into your complaint.")
    page.get_by_role("button", name="Send for review").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    axe(page, "draft refused for review")
    text = summary.inner_text()
    assert "Choose the decision: upheld, partly upheld, not upheld." in text
    assert "Give the reasons for the decision." in text
    assert "partly_upheld" not in page.locator("main").inner_text()
    # What was typed is kept on the form and saved as a draft, not sent for review.
    assert page.get_by_label("Our decision", exact=True).input_value() == (
        "We have looked into your complaint."
    )
    assert ResponseDraft.objects.get(case=case).state == "draft"


def test_an_administrator_sets_the_earliest_receipt_date_and_staff_are_held_to_it(page, axe):
    ServiceFactory(name="Parks", slug="parks")
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)

    sign_in(page, axe, "admin")
    settings_links(page)
    page.locator("main").get_by_role("link", name="Organisation settings").click()
    page.get_by_role("heading", name="Organisation settings", level=1).wait_for()
    axe(page, "organisation settings")
    page.get_by_label("Year").fill("1899")
    page.get_by_role("button", name="Save").click()
    page.locator(".govuk-error-summary").wait_for()
    axe(page, "organisation settings refused")
    assert page.get_by_label("Year").input_value() == "1899"
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("2015")
    page.get_by_role("button", name="Save").click()
    banner(page, "Cases received before 1 April 2015 will now be refused")
    sign_out(page)

    sign_in(page, axe, "officer")
    page.get_by_role("link", name="Log a case").click()
    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("Letter", exact=True).check()
    page.locator("[name='received_on-day']").fill("31")
    page.locator("[name='received_on-month']").fill("3")
    page.locator("[name='received_on-year']").fill("2015")
    page.get_by_label("Service area").select_option(label="Parks")
    page.get_by_label("Summary").fill("Gate to the park locked in daytime")
    page.get_by_label("Full name").fill("Pat Walker")
    page.get_by_label("Email address").fill("pat@example.com")
    page.get_by_role("button", name="Log the case").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "cannot be before 1 April 2015" in page.locator(".govuk-error-summary").inner_text()
    axe(page, "log form refused for an early date")
