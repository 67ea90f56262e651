"""Retention and erasure from the pages, in a real browser with axe-core on each page: an
administrator sets a rule, reads the due report, places a legal hold and sees that case
skipped, applies the report; then finds a person and erases them with a reason, after which
their name is on neither the case page nor the search results. The annual report's figures
read the same before and after each."""

from __future__ import annotations

from pathlib import Path

import pytest

from redress.accounts.models import Role
from redress.cases.models import Person
from redress.core import clock
from redress.privacy.models import RetentionReport
from redress.privacy.retention import years_before
from tests.browser.test_staff_journey import banner, open_case, sign_in
from tests.factories import UserFactory
from tests.privacy.helpers import JO, closed, full_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _annual_figures(page, axe):
    """Every table of the annual report for the year the cases were received in, as read."""
    page.goto("/reports/annual/?year=2025")
    axe(page, "annual report")
    tables = page.locator("main table")
    assert tables.count() > 0
    return [tables.nth(n).inner_text() for n in range(tables.count())]


def _go_to_settings_link(page, name):
    page.get_by_role("link", name="Settings", exact=True).click()
    page.locator("main").get_by_role("link", name=name, exact=True).click()


def test_an_administrator_sets_a_rule_holds_a_case_and_applies_the_report(page, axe):
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    long_ago = years_before(clock.today(), 8)
    due = closed(full_case(), closed_on=long_ago)
    held = closed(
        full_case(person={**JO, "name": "Ona Heldmann", "email": "o@x.org"}), closed_on=long_ago
    )
    sign_in(page, axe, "admin")

    # A legal hold, placed from the case page with a reason.
    open_case(page, axe, held.reference)
    page.get_by_role("link", name="Place a legal hold").click()
    axe(page, "place a legal hold")
    page.get_by_role("button", name="Place the hold").click()
    page.locator(".govuk-error-summary").wait_for()
    axe(page, "legal hold refused without a reason")
    page.get_by_label("Reason").fill("Claim in the county court")
    page.get_by_role("button", name="Place the hold").click()
    banner(page, "Legal hold placed")
    assert "Claim in the county court" in page.locator("#legal-hold").inner_text()

    # A rule, with a bad number first.
    _go_to_settings_link(page, "Retention rules")
    axe(page, "retention rules")
    page.get_by_label("Kind of case").select_option("complaint")
    page.get_by_label("Years after closure").fill("0")
    page.get_by_role("button", name="Add the rule").click()
    page.locator(".govuk-error-summary").wait_for()
    assert (
        "Years after closure must be 1 or more."
        in page.locator(".govuk-error-summary").inner_text()
    )
    axe(page, "retention rule refused")
    page.get_by_label("Years after closure").fill("6")
    page.get_by_role("button", name="Add the rule").click()
    banner(page, "Rule saved")
    assert "Complaint, any outcome" in page.locator("#rules").inner_text()
    # A rule of its own for one outcome, then changed: it wins over the kind's rule.
    page.get_by_label("Kind of case").select_option("complaint")
    page.get_by_label("Outcome").select_option("not_upheld")
    page.get_by_label("Years after closure").fill("12")
    page.get_by_role("button", name="Add the rule").click()
    banner(page, "Rule saved")
    page.get_by_role("link", name="Change Complaint, not upheld").click()
    axe(page, "change a retention rule")
    page.get_by_label("Years after closure").fill("7")
    page.get_by_role("button", name="Save the rule").click()
    banner(page, "Rule saved")
    assert "Complaint, not upheld\t7 years" in page.locator("#rules").inner_text()

    # The report lists both, the held one as held, before anything changes.
    page.get_by_role("link", name="Retention reports").click()
    axe(page, "retention reports")
    page.get_by_role("button", name="Prepare a report").click()
    page.get_by_role("heading", name="Retention report", level=1).first.wait_for()
    axe(page, "retention report")
    counts = page.locator("#counts").inner_text()
    assert "Complaint, not upheld" in counts and "any outcome" not in counts
    row = page.locator(f"tr[data-reference='{held.reference}']")
    assert "Skipped: legal hold" in row.inner_text()
    assert "Due" in page.locator(f"tr[data-reference='{due.reference}']").inner_text()
    assert Person.objects.get(pk=due.person_id).name == JO["name"]
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the cases (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert due.reference in text and held.reference in text

    before = _annual_figures(page, axe)
    assert "of 2 complaints" in "".join(before)  # both cases are counted
    page.goto(f"/casework/privacy/retention/{RetentionReport.objects.get().pk}/")
    page.get_by_role("button", name="Anonymise the due cases").click()
    banner(page, "1 case anonymised")
    axe(page, "retention report applied")
    assert "Anonymised" in page.locator(f"tr[data-reference='{due.reference}']").inner_text()
    assert Person.objects.get(pk=due.person_id).name != JO["name"]
    assert Person.objects.get(pk=held.person_id).name == "Ona Heldmann"
    assert _annual_figures(page, axe) == before


def test_an_administrator_finds_a_person_and_erases_them(page, axe):
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    case = closed(full_case())
    sign_in(page, axe, "admin")
    before = _annual_figures(page, axe)
    _go_to_settings_link(page, "Erase a person's data")
    axe(page, "find a person")
    page.get_by_label("Name or email address").fill("quistwick")
    page.get_by_role("button", name="Find").click()
    assert JO["name"] in page.locator("#people").inner_text()
    axe(page, "people found")
    page.get_by_role("link", name="See what erasing would change").click()
    axe(page, "what erasing would change")
    assert case.reference in page.locator("#cases").inner_text()
    assert "1 attachment deleted" in page.locator("#changes").inner_text()
    page.get_by_role("button", name="Erase this person's data").click()
    page.locator(".govuk-error-summary").wait_for()
    axe(page, "erasure refused without a reason")
    page.get_by_label("Reason").fill("Request by letter, 3 November, ref DP-17")
    page.get_by_role("button", name="Erase this person's data").click()
    banner(page, "Personal data erased from 1 case")
    axe(page, "erasures")
    assert "DP-17" in page.locator("#erasures").inner_text()

    open_case(page, axe, case.reference)
    main = page.locator("main").inner_text()
    assert "Quistwick" not in main and "Joanna" not in main and "Larkspur" not in main
    assert "Anonymised" in page.locator("#legal-hold").inner_text()
    page.goto("/casework/cases/?q=Quistwick")
    axe(page, "search after erasure")
    assert case.reference not in page.locator("main").inner_text()
    page.goto(f"/casework/cases/?q={case.reference}")
    assert case.reference in page.locator("main").inner_text()
    assert _annual_figures(page, axe) == before
