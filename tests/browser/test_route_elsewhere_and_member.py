"""In a real browser, axe-core on every page: an officer routes a complaint about a councillor
to the Monitoring Officer and the person gets the explanation by email (a real SMTP server);
an elected Member signs in, sees the dashboard and the survey results, and is refused a case."""

import pytest
from playwright.sync_api import expect

from redress.accounts.models import Role
from redress.cases.kinds import NotAcceptedReason
from redress.cases.models import Case
from redress.notifications.delivery import deliver_due
from redress.portal.models import SurveyResponse
from tests.browser.test_staff_journey import PASSWORD, banner, open_case, sign_in, sign_out
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.browser

REASON = "It is about Councillor Vale's conduct at a ward surgery, not a council service."


def _complaint(officer):  # noqa: ANN001, ANN202
    return make_case(
        service=ServiceFactory(name="Democratic services", slug="democratic"),
        by=officer,
        summary="Councillor was rude at a surgery",
        person={"name": "Dana Dawlish", "email": "dana@example.com"},
    )


def test_an_officer_routes_a_complaint_about_a_councillor_to_the_monitoring_officer(
    page, axe, smtp_server
):
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    case = _complaint(officer)
    sign_in(page, axe, "officer")
    open_case(page, axe, case.reference)
    page.get_by_role("link", name="Route to another procedure").click()
    expect(page.get_by_role("heading", name="Route to another procedure")).to_be_visible()
    axe(page, "route elsewhere form")
    page.get_by_label("An elected Member: to the Monitoring Officer", exact=False).check()
    page.get_by_label("Their email address (optional)").fill("not an address")
    page.get_by_label("Why is it handled under that procedure?").fill(REASON)
    page.get_by_role("button", name="Route and close").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the name of who it goes to")
    expect(page.get_by_label("Why is it handled under that procedure?")).to_have_value(REASON)
    axe(page, "route elsewhere form with errors")
    page.get_by_label("Who it goes to").fill("Morgan Monitor")
    page.get_by_role("button", name="Route and close").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter their email address in the correct format"
    )
    expect(page.get_by_label("Who it goes to")).to_have_value("Morgan Monitor")
    page.get_by_label("Their email address (optional)").fill("monitoring.officer@example.gov.uk")
    page.get_by_role("button", name="Route and close").click()
    banner(page, "Closed as handled under another procedure")
    axe(page, "case page after routing")
    expect(page.locator("main")).to_contain_text(
        "Handled under another procedure: passed to Morgan"
    )
    assert Case.objects.get(pk=case.pk).not_accepted_reason == NotAcceptedReason.OTHER_PROCEDURE

    assert deliver_due().sent == 1
    (received,) = smtp_server.to("dana@example.com")
    body = smtp_server.body(received)
    assert "Morgan Monitor (monitoring.officer@example.gov.uk), the Monitoring Officer" in body
    assert "standards regime" in body and "Councillor Vale" in body

    # An administrator edits the explanation's wording under Settings, Templates.
    sign_out(page)
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    sign_in(page, axe, "admin")
    page.goto("/casework/settings/templates/")
    page.get_by_role("link", name="Handled under another procedure").click()
    axe(page, "routed template")
    expect(page.locator("main")).to_contain_text("{routed_to}")


def test_a_member_sees_the_dashboard_and_survey_results_but_not_a_case(page, axe):
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    UserFactory(username="member", role=Role.MEMBER, first_name="Morwenna", last_name="Pryce")
    case = _complaint(officer)
    SurveyResponse.objects.create(case=case, handling=4, outcome=5, easy_to_contact=False)

    page.goto("/sign-in/")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/reports/")
    axe(page, "the Member's dashboard")
    # The case was received in March 2025 (the factory's date): that month's figures.
    page.goto("/reports/?period=month&year=2025&month=3")
    axe(page, "the Member's dashboard for March 2025")
    expect(page.locator("#h-satisfaction")).to_be_visible()
    expect(page.locator("main")).to_contain_text("1 survey response")
    nav = page.locator("#navigation")
    expect(nav.get_by_role("link", name="Find cases")).to_have_count(0)
    expect(nav.get_by_role("link", name="My work")).to_have_count(0)
    expect(page.locator("main a[href*='/casework/cases/']")).to_have_count(0)
    expect(page.locator("main a[href*='/reports/export/']")).to_have_count(0)
    page.get_by_role("link", name="Annual report", exact=True).click()
    axe(page, "the Member's annual report")
    expect(page.locator("main")).to_contain_text("Satisfaction with complaint handling")

    response = page.goto(f"/casework/cases/{case.reference}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Elected Members see the figures")).to_be_visible()
    axe(page, "a case refused to a Member")
    assert "Dana Dawlish" not in page.content()
    response = page.goto("/casework/cases/")
    assert response is not None and response.status == 403
    sign_out(page)
