"""The Ombudsman pages in a real browser, with axe-core on each: the case page's summary, the
referral form with and without errors, the request form and the queue."""

from redress.accounts.models import Role
from tests.factories import ServiceFactory, UserFactory
from tests.ombudsman.conftest import days_ago, finished_complaint


def fill_date(page, label, day):
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_recording_a_complaint_to_the_ombudsman(page, axe):
    UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    case = finished_complaint(days_ago(27), service=ServiceFactory(name="Repairs", slug="repairs"))
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/casework/")

    page.goto(f"/casework/cases/{case.reference}/")
    page.get_by_role("link", name="Record a complaint to the Ombudsman").click()
    axe(page, "referral form")
    page.get_by_role("button", name="Record").click()
    page.locator(".govuk-error-summary").wait_for()
    axe(page, "referral form with errors")
    page.get_by_label("The Ombudsman's reference").fill("24 012 345")
    page.get_by_role("button", name="Record").click()
    page.wait_for_url(f"**/casework/cases/{case.reference}/")
    axe(page, "case page with the Ombudsman case")

    page.get_by_role("link", name="Record a request from the Ombudsman").click()
    axe(page, "request form")
    page.get_by_label("Request for information").check()
    fill_date(page, "Date the Ombudsman wants an answer by", days_ago(-10))
    page.get_by_role("button", name="Record request").click()
    page.wait_for_url(f"**/casework/cases/{case.reference}/")

    page.goto("/casework/ombudsman/")
    assert "24 012 345" in page.content()
    axe(page, "Ombudsman queue")
