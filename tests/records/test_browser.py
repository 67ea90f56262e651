"""The records pages in a real browser, with axe-core on each: restrict a case and grant a
colleague, add an adjustment and end it, add a remedy with an owner and mark it done, set a
head of service, and see overdue follow-ups on My work and the page of them all."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from redress.cases.models import CaseAccessGrant, Remedy, Service
from redress.cases.services import remedy_add
from tests.browser.test_staff_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, label_prefix, day: dt.date):
    group = page.get_by_role("group", name=label_prefix)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def success(page, text):
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def test_restrict_a_case_and_grant_a_colleague(page, axe, case, officer, colleague):
    sign_in(page, axe, "officer")
    page.goto(f"/casework/cases/{case.reference}/")
    page.get_by_role("link", name="Restrict this case").click()
    expect(page.get_by_role("heading", name="Who can see this case")).to_be_visible()
    axe(page, "access page")
    page.get_by_label("Only the people named below (restricted)").check()
    page.get_by_label("Give access to (optional)").select_option("colleague")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why")
    axe(page, "access page with an error")
    page.get_by_label("Reason").fill("The person is related to a member of staff")
    page.get_by_role("button", name="Save").click()
    success(page, "Restricted to the people named")
    expect(page.locator("#case-access")).to_contain_text("Cai Colleague")
    axe(page, "restricted case page")
    names = set(CaseAccessGrant.objects.filter(case=case).values_list("user__username", flat=True))
    assert names == {"officer", "colleague"}


def test_add_an_adjustment_and_end_it(page, axe, case, officer):
    sign_in(page, axe, "officer")
    page.goto(f"/casework/cases/{case.reference}/")
    page.get_by_role("link", name="Record a reasonable adjustment").click()
    expect(page.get_by_role("heading", name="Record a reasonable adjustment")).to_be_visible()
    axe(page, "adjustment form")
    page.get_by_label("Large print").check()
    page.get_by_label("What we will do differently (optional)").fill("Letters in 18 point")
    page.get_by_role("button", name="Record adjustment").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("review")
    axe(page, "adjustment form with an error")
    fill_date(page, "Review by", timezone.localdate() + dt.timedelta(days=90))
    page.get_by_role("button", name="Record adjustment").click()
    success(page, "Reasonable adjustment recorded")
    expect(page.locator("#adjustments")).to_contain_text("Letters in 18 point")
    page.locator("#adjustments").get_by_role("link", name="End").click()
    expect(page.get_by_role("heading", name="End a reasonable adjustment")).to_be_visible()
    axe(page, "end adjustment form")
    page.get_by_label("Why it is ending").fill("The person asked us to stop")
    page.get_by_role("button", name="End adjustment").click()
    success(page, "Reasonable adjustment ended")
    expect(page.locator("#adjustments")).not_to_contain_text("Letters in 18 point")


def test_add_a_remedy_with_an_owner_and_mark_it_done(page, axe, case, officer, responder):
    sign_in(page, axe, "officer")
    page.goto(f"/casework/cases/{case.reference}/remedy/")
    expect(page.get_by_role("heading", name="Add a remedy")).to_be_visible()
    axe(page, "remedy form")
    page.get_by_label("Apology", exact=True).check()
    page.get_by_label("What will happen").fill("A written apology from the head of service")
    page.get_by_label("Who will make sure it is done").select_option("responder")
    fill_date(page, "Due by", case.received_on - dt.timedelta(days=1))
    page.get_by_role("button", name="Add remedy").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be on or after")
    axe(page, "remedy form with an error")
    fill_date(page, "Due by", timezone.localdate() + dt.timedelta(days=14))
    page.get_by_role("button", name="Add remedy").click()
    success(page, "Remedy added")
    expect(page.locator("#remedies")).to_contain_text("Rhi Responder")
    page.locator("#remedies").get_by_role("link", name="Mark as done").click()
    expect(page.get_by_role("heading", name="Mark a remedy as done")).to_be_visible()
    axe(page, "remedy done form")
    page.get_by_label("How we know it was done").fill("Letter of apology sent, copy on file")
    page.get_by_role("button", name="Mark as done").click()
    success(page, "Remedy marked as done")
    expect(page.locator("#remedies")).to_contain_text("Letter of apology sent")
    assert Remedy.objects.get(case=case).done_on == timezone.localdate()


def test_set_a_head_of_service(page, axe, service, administrator, officer):
    sign_in(page, axe, "admin")
    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_role("link", name="Heads of service").click()
    expect(page.get_by_role("heading", name="Heads of service")).to_be_visible()
    axe(page, "heads of service")
    page.get_by_role("link", name=f"Change the head of {service.name}").click()
    axe(page, "head of service form")
    page.get_by_label("Head of service").select_option(
        label=f"{officer.display_name} (Complaints officer)"
    )
    page.get_by_role("button", name="Save").click()
    success(page, f"Head of {service.name} is now {officer.display_name}")
    assert Service.objects.get(pk=service.pk).head == officer


def test_overdue_follow_ups_on_my_work(page, axe, case, officer):
    remedy_add(
        case=case,
        by=officer,
        type="apology",
        description="Apology",
        due_on=case.received_on,
        owner=officer,
    )
    sign_in(page, axe, "officer")
    section = page.locator("#follow-ups")
    expect(section).to_contain_text("Across the council")
    # Those who oversee cases have the count on My work; it opens the page that lists them.
    expect(section).not_to_contain_text(case.reference)
    section.get_by_role("link", name="1 remedy or action overdue").click()
    expect(page.get_by_role("heading", name="Remedies and actions overdue")).to_be_visible()
    expect(page.locator("main")).to_contain_text("1 overdue, longest overdue first.")
    axe(page, "remedies and actions overdue")
    page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)
