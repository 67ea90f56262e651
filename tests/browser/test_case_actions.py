"""The case page in a real browser: it offers exactly the actions the transition table and the
permissions allow, labels a provisional deadline, and refuses an assign made from a page that
someone else's change has overtaken. axe-core runs on every page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from redress.accounts.models import Role
from redress.cases.models import Case, OutstandingAction
from redress.cases.services import case_assign, case_respond
from redress.staff.views.case import available_actions
from tests.browser.test_staff_journey import open_case, sign_in
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.browser


def offered_on_page(page) -> set[str]:
    links = page.locator("[data-action]")
    return {links.nth(i).get_attribute("data-action") for i in range(links.count())}


def test_case_page_offers_exactly_the_allowed_actions_and_refuses_a_stale_assign(page, axe):
    service = ServiceFactory(name="Waste and recycling", slug="waste")
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    colleague = UserFactory(username="colleague", role=Role.COMPLAINTS_OFFICER)
    case = make_case(service=service, by=officer, received_at=dt.datetime.now(dt.UTC))

    sign_in(page, axe, "officer")
    open_case(page, axe, case.reference)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # The Code counts the response from the acknowledgement, which has not happened yet.
    expect(page.locator("[data-deadline='response'] [data-provisional]")).to_have_text(
        "Provisional"
    )
    case = Case.objects.get(pk=case.pk)
    assert offered_on_page(page) == {a.slug for a in available_actions(officer, case)}
    assert "reopen" not in offered_on_page(page) and "acknowledge" in offered_on_page(page)

    page.locator("[data-action='assign']").click()
    expect(page.get_by_role("heading", name="Assign this stage")).to_be_visible()
    axe(page, "assign form")
    # Meanwhile a colleague assigns the case to themselves.
    case_assign(case=case, by=colleague, handler=colleague)
    page.get_by_label("Who should handle this stage?").select_option(value=str(officer.pk))
    page.get_by_role("button", name="Assign").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Someone else changed this case after you opened it"
    )
    axe(page, "assign refused as stale")
    assert Case.objects.get(pk=case.pk).current_handler == colleague


def test_closing_with_open_items_lists_them_and_needs_a_confirmation(page, axe):
    service = ServiceFactory(name="Housing repairs", slug="repairs")
    officer = UserFactory(username="closer", role=Role.COMPLAINTS_OFFICER)
    received = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    case = make_case(service=service, by=officer, received_at=received)
    case = case_respond(case=case, by=officer, on=case.received_on, outcome="upheld")
    OutstandingAction.objects.create(case=case, description="Replace the broken gate")

    sign_in(page, axe, "closer")
    open_case(page, axe, case.reference)
    page.locator("[data-action='close']").click()
    expect(page.get_by_text("Outstanding action not done: Replace the broken gate")).to_be_visible()
    axe(page, "close form listing open items")
    page.get_by_role("button", name="Close the case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm that you want to close")
    axe(page, "close refused without confirmation")
    assert Case.objects.get(pk=case.pk).status == "responded"

    page.get_by_label("Close anyway").check()
    page.get_by_role("button", name="Close the case").click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    assert Case.objects.get(pk=case.pk).status == "closed"
