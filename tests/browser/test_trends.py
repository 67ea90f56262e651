"""Emerging-trend alerts in a real browser, axe-core on every page: a manager finds an alert
on the reports dashboard, opens it, sees the weeks charted and tabled, is told to write a
note when they leave it empty, acknowledges it with one, and finds it acknowledged in the
list of alerts."""

import pytest
from playwright.sync_api import expect

from redress.accounts.models import Role
from redress.cases.models import Category
from redress.core import clock
from redress.trends.counting import last_complete_week
from redress.trends.detect import find_trends
from redress.trends.models import AlertStatus, TrendAlert
from tests.browser.test_staff_journey import banner, sign_in
from tests.factories import ServiceFactory, UserFactory
from tests.trends.conftest import QUIET, log_weeks

pytestmark = pytest.mark.browser

NOTE = "A crew was off sick for the week; the round is covered again from Monday"


def _world():
    waste = ServiceFactory(name="Waste and recycling", slug="waste")
    manager = UserFactory(username="manager", role=Role.MANAGER, services=[waste])
    waste.head = manager
    waste.save()
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    bins = Category.objects.create(name="Missed collection", service=waste)
    week = last_complete_week(clock.today())
    log_weeks(officer, [*QUIET, 19], service=waste, category=bins, week=week)
    find_trends(week)
    return TrendAlert.objects.get(scope_kind="service")


def test_a_manager_finds_an_alert_on_the_dashboard_and_acknowledges_it(page, axe):
    alert = _world()
    sign_in(page, axe, "manager")
    page.get_by_role("link", name="Reports", exact=True).click()
    panel = page.locator("#trend-alerts")
    expect(panel).to_contain_text("Waste and recycling")
    axe(page, "reports dashboard with an alert")
    panel.get_by_role("link", name="Waste and recycling", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Waste and recycling: 19 cases")
    chart = page.get_by_role("img", name="Bar chart of cases received each week")
    expect(chart).to_be_visible()
    # The chart was drawn: a PNG the browser decoded to its full width.
    assert chart.evaluate("img => img.complete && img.naturalWidth") > 100
    expect(page.locator("#alert-weeks tbody tr")).to_have_count(13)
    axe(page, "alert page")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a note saying what you found"
    )
    axe(page, "alert page with an error")
    page.get_by_role("textbox", name="Note").fill(NOTE)
    page.get_by_role("button", name="Acknowledge").click()
    banner(page, "Alert acknowledged.")
    expect(page.locator("#alert-note")).to_contain_text(NOTE)
    axe(page, "acknowledged alert")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED and alert.note == NOTE
    page.get_by_role("link", name="Trends", exact=True).click()
    expect(page.locator("#alerts")).to_contain_text("Acknowledged")
    axe(page, "list of alerts")
    page.get_by_label("Status").select_option("new")
    page.get_by_role("button", name="Show alerts").click()
    expect(page.locator("#alerts")).not_to_contain_text("Waste and recycling (")
    axe(page, "filtered list of alerts")
