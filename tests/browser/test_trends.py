"""Emerging-trend alerts in a real browser, axe-core on every page: a manager finds an alert
on the reports dashboard, charted there, opens it, sees the weeks charted and tabled, is told
to write a note when they leave it empty, acknowledges it with one, and finds it acknowledged
in the list of alerts. A head of service who is not a manager follows the link in their email
to their alert, turns it into a learning action and agrees it; an officer turns an area alert
into learning for the service area they choose."""

import re

import pytest
from playwright.sync_api import expect

from redress.accounts.models import Role
from redress.cases.models import Category
from redress.core import clock
from redress.learning.models import LearningAction, LearningStatus
from redress.notifications.models import OutboundMessage
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
    # Each open alert is charted on the dashboard: a PNG the browser decoded.
    charts = panel.get_by_role("img", name=re.compile("Bar chart of cases received each week"))
    expect(charts.first).to_be_visible()
    assert charts.first.evaluate("img => img.complete && img.naturalWidth") > 100
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


LESSON = "Crews get the road closure list every morning"


def test_a_head_of_service_follows_the_email_and_turns_the_alert_into_learning(page, axe):
    waste = ServiceFactory(name="Waste and recycling", slug="waste")
    head = UserFactory(
        username="wastehead", role=Role.SERVICE_RESPONDER, services=[waste], first_name="Wyn"
    )
    waste.head = head
    waste.save()
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    week = last_complete_week(clock.today())
    log_weeks(officer, [*QUIET, 19], service=waste, week=week)
    find_trends(week)
    alert = TrendAlert.objects.get(scope_kind="service")
    email = OutboundMessage.objects.get(template_key="trend_alerts", recipient_email=head.email)
    link = re.search(r"/reports/trends/\d+/", email.body_text)
    assert link is not None
    sign_in(page, axe, "wastehead")
    expect(page.get_by_role("link", name="Trends", exact=True)).to_be_visible()
    page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Waste and recycling: 19 cases")
    axe(page, "the head's alert")
    expect(page.get_by_label("Service area that owns the change")).to_have_value("waste")
    page.get_by_role("button", name="Turn into a learning action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a note saying what will be learnt from it"
    )
    axe(page, "turn into learning with an error")
    page.get_by_label("What will be learnt from it").fill(LESSON)
    page.get_by_role("button", name="Turn into a learning action").click()
    banner(page, "Alert turned into a learning action for Waste and recycling.")
    axe(page, "alert turned into learning")
    action = LearningAction.objects.get()
    assert (action.owner, action.raised_by, action.change) == (head, head, LESSON)
    page.locator("#alert-learning").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Learning action")).to_be_visible()
    expect(page.locator("main")).to_contain_text(LESSON)
    axe(page, "learning action from an alert")
    page.get_by_label("Agreed", exact=True).check()
    page.get_by_role("button", name="Update status").click()
    banner(page, "Learning action updated")
    action.refresh_from_db()
    assert action.status == LearningStatus.AGREED
    page.locator("[data-from-alert]").click()
    expect(page.locator("#alert-note")).to_contain_text(LESSON)
    page.get_by_role("link", name="My work", exact=True).click()
    expect(page.locator("#my-learning")).to_contain_text(LESSON)
    axe(page, "my work with learning from an alert")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTIONED and alert.learning_action == action


def test_an_officer_turns_an_area_alert_into_learning_for_a_service_area(page, axe):
    waste = ServiceFactory(name="Waste and recycling", slug="waste")
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    week = last_complete_week(clock.today())
    log_weeks(officer, [*QUIET, 19], service=waste, address="1 High St\nSE15 4QT", week=week)
    find_trends(week)
    area = TrendAlert.objects.get(scope_kind="area")
    sign_in(page, axe, "officer")
    page.goto(f"/reports/trends/{area.pk}/")
    axe(page, "area alert")
    page.get_by_label("What will be learnt from it").fill(LESSON)
    page.get_by_role("button", name="Turn into a learning action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the service area that owns the change"
    )
    expect(page.get_by_label("What will be learnt from it")).to_have_value(LESSON)
    axe(page, "area alert with an error")
    page.get_by_label("Service area that owns the change").select_option("waste")
    page.get_by_role("button", name="Turn into a learning action").click()
    banner(page, "Alert turned into a learning action for Waste and recycling.")
    expect(page.locator("#alert-learning")).to_contain_text("Waste and recycling")
    axe(page, "area alert turned into learning")
    assert LearningAction.objects.get().service == waste
