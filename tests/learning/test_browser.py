"""Learning in a real browser, with axe-core on every page: an officer raises a learning
action from a case; the head of service finds it on My work, agrees it, then records it done
with evidence; it shows in the annual report, whose "You said, we did" the officer edits; the
head moves an action's due date on its page; an administrator sets up a directorate."""

import pytest
from playwright.sync_api import expect

from redress.accounts.models import Role
from redress.core import clock
from redress.core.dates import long_date
from redress.learning.models import LearningAction, LearningStatus
from redress.reporting.periods import financial_year_of
from tests.browser.test_staff_journey import sign_in, sign_out
from tests.factories import UserFactory
from tests.learning.conftest import in_days
from tests.records.test_browser import fill_date, success

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHANGE = "Crews get the road closure list every morning"


def _raise(page, axe, case):
    sign_in(page, axe, "officer")
    page.goto(f"/casework/cases/{case.reference}/")
    page.get_by_role("link", name="Raise a learning action").click()
    expect(page.get_by_role("heading", name="Raise a learning action")).to_be_visible()
    axe(page, "raise learning form")
    page.get_by_label("What was learnt").fill("The crew did not know the road was closed")
    page.get_by_role("button", name="Raise learning action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what will change")
    expect(page.get_by_label("What was learnt")).to_have_value(
        "The crew did not know the road was closed"
    )
    axe(page, "raise learning form with errors")
    page.get_by_label("What will change").fill(CHANGE)
    page.get_by_label("Owner").select_option("head")
    fill_date(page, "Due by", in_days(30))
    page.get_by_role("button", name="Raise learning action").click()
    success(page, "Learning action raised")
    expect(page.locator("body")).to_contain_text(CHANGE)
    axe(page, "case page with learning")
    sign_out(page)


def _agree_then_done(page, axe):
    sign_in(page, axe, "head")
    section = page.locator("#my-learning")
    expect(section).to_contain_text(CHANGE)
    section.get_by_role("link", name=CHANGE).click()
    expect(page.get_by_role("heading", name="Learning action")).to_be_visible()
    axe(page, "learning action page")
    page.get_by_label("Agreed", exact=True).check()
    page.get_by_role("button", name="Update status").click()
    success(page, "Learning action updated")
    expect(page.locator("[data-status]")).to_contain_text("Agreed")
    page.get_by_label("Done", exact=True).check()
    page.get_by_role("button", name="Update status").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say how we know")
    axe(page, "learning action page with an error")
    page.get_by_label("Evidence the change was made").fill("Morning briefing sheet since March")
    fill_date(page, "Date the change was made (when done)", clock.today())
    page.get_by_role("button", name="Update status").click()
    success(page, "Learning action updated")
    expect(page.locator("[data-status]")).to_contain_text("Done")
    axe(page, "learning action done")
    page.get_by_role("link", name="Learning", exact=True).click()
    expect(page.get_by_role("heading", name="Learning from complaints")).to_be_visible()
    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("table")).to_contain_text(CHANGE)
    axe(page, "learning list")


def test_officer_raises_head_completes_and_the_report_shows_it(page, axe, case, officer, head):
    _raise(page, axe, case)
    _agree_then_done(page, axe)
    action = LearningAction.objects.get()
    assert action.status == LearningStatus.DONE and action.evidence
    year = financial_year_of(clock.today())
    page.goto(f"/reports/annual/?year={year}")
    table = page.locator("table", has_text="Learning by service area")
    expect(table).to_contain_text("Waste and recycling")
    axe(page, "annual report with learning")
    sign_out(page)
    sign_in(page, axe, "officer")
    page.goto(f"/reports/annual/?year={year}")
    expect(page.locator("body")).to_contain_text(CHANGE)  # the draft of You said, we did
    page.get_by_role("link", name="Edit “You said, we did”").click()
    axe(page, "you said, we did")
    page.get_by_label("Text of the section").fill("You told us crews missed closed roads.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("You told us crews missed closed roads.")


def test_the_head_moves_the_due_date_on_the_actions_page(page, axe, learning, head, case):
    sign_in(page, axe, "head")
    page.goto(f"/casework/learning/{learning.pk}/")
    expect(page.get_by_role("heading", name="Change the details")).to_be_visible()
    axe(page, "learning action page with its details form")
    fill_date(page, "Due by", in_days(-1))
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be today")
    expect(page.get_by_label("What will change")).to_have_value(learning.change)
    axe(page, "details form with an error")
    fill_date(page, "Due by", in_days(45))
    page.get_by_role("button", name="Save changes").click()
    success(page, "Learning action changed")
    expect(page.locator(".govuk-summary-list")).to_contain_text(long_date(in_days(45)))
    axe(page, "learning action with its new due date")
    learning.refresh_from_db()
    assert learning.due_on == in_days(45)
    page.goto(f"/casework/cases/{case.reference}/")
    expect(page.locator("body")).to_contain_text("Learning action changed: due date")
    axe(page, "case page with the change on its timeline")


def test_an_administrator_sets_up_a_directorate(page, axe, service):
    UserFactory(username="boss", role=Role.ADMINISTRATOR)
    sign_in(page, axe, "boss")
    page.goto("/casework/settings/")
    page.get_by_role("link", name="Directorates").click()
    axe(page, "directorates")
    page.get_by_role("link", name="Add a directorate").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name")
    axe(page, "add a directorate with an error")
    page.get_by_label("Name").fill("Environment")
    page.get_by_label("Waste and recycling").check()
    page.get_by_role("button", name="Save").click()
    success(page, "Environment saved")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Waste and recycling")
    page.goto("/reports/?directorate=environment")
    expect(page.locator("body")).to_contain_text("Received by directorate")
    axe(page, "dashboard for a directorate")
