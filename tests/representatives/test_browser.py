"""In a real browser, with axe-core on each page: a complaints officer logs a complaint made
on someone's behalf with the representative's details, then later changes who letters go to
from the case page, and finally removes the representative."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from redress.cases.models import Case
from tests.browser.test_staff_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, group_name, day: dt.date):  # type: ignore[no-untyped-def]
    group = page.get_by_role("group", name=group_name)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def banner(page, text):  # type: ignore[no-untyped-def]
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def test_log_on_someones_behalf_then_change_the_representative(page, axe, service, officer):
    sign_in(page, axe, "officer")
    page.get_by_role("link", name="Log a case").click()
    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Service area").select_option(label=service.name)
    page.get_by_label("Summary").fill("Care visits missed three times")
    page.get_by_label("Full name").fill("Alex Example")
    page.get_by_label("Email address").fill("alex@example.com")
    # The representative's questions are revealed by the "on behalf" box.
    expect(page.get_by_label("Representative's name")).to_be_hidden()
    page.get_by_label("Someone is contacting us on the person's behalf").check()
    expect(page.get_by_label("Representative's name")).to_be_visible()
    axe(page, "log a case on someone's behalf")
    page.get_by_label("Representative's name").fill("Sam Advocate")
    page.get_by_label("Their relationship to the person").fill("Daughter")
    fill_date(page, "Date the person consented", timezone.localdate())
    page.get_by_label("Representative's phone number").fill("07700 900123")
    page.get_by_label("The representative only").check()
    page.get_by_role("button", name="Log the case").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("email address or postal address")
    axe(page, "log form with the representative's error")
    # What was typed is kept, and the box stays ticked with its questions showing.
    expect(page.get_by_label("Representative's name")).to_have_value("Sam Advocate")
    page.get_by_label("Representative's email").fill("sam.advocate@example.com")
    page.get_by_role("button", name="Log the case").click()
    banner(page, "Complaint logged as")
    section = page.locator("#representative")
    expect(section).to_contain_text("Sam Advocate (Daughter)")
    expect(section).to_contain_text("Sam Advocate (the representative), by email")
    expect(section).not_to_contain_text("Alex Example (the person)")
    axe(page, "case page with a representative")

    section.get_by_role("link", name="Change the representative").click()
    expect(page.get_by_role("heading", name="Change the representative")).to_be_visible()
    expect(page.get_by_label("Representative's email")).to_have_value("sam.advocate@example.com")
    axe(page, "change the representative")
    page.get_by_label("Both the person and the representative").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why")
    axe(page, "change the representative with an error")
    page.get_by_label("Why is this changing?").fill("Alex asked to hear from us too")
    page.get_by_role("button", name="Save").click()
    banner(page, "Representative saved: Sam Advocate")
    expect(section).to_contain_text("Alex Example (the person), by email")
    expect(page.locator(".redress-timeline")).to_contain_text("Alex asked to hear from us too")
    case = Case.objects.get()
    assert case.correspondence_to == "both"

    section.get_by_role("link", name="Change the representative").click()
    page.get_by_label("Someone acts for the person").uncheck()
    expect(page.get_by_label("Representative's name")).to_be_hidden()
    page.get_by_label("Why is this changing?").fill("Consent withdrawn")
    page.get_by_role("button", name="Save").click()
    banner(page, "Representative removed")
    expect(section).to_contain_text("Nobody acts for the person")
    axe(page, "case page after the representative was removed")
    case.refresh_from_db()
    assert case.representative_name == "" and case.correspondence_to == "person"
