"""The report pages in a real browser: readable without JavaScript problems and passing axe."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def test_report_pages_are_accessible(page, axe, live_server, dataset, officer):
    _signed_in(page, live_server, officer)
    page.goto("/reports/?period=year&year=2026")
    expect(page.get_by_role("heading", name="Timeliness per stage", exact=True)).to_be_visible()
    axe(page, "dashboard")
    page.goto("/reports/?period=quarter&year=2026&quarter=7")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe(page, "dashboard with an error")
    page.goto("/reports/annual/?year=2026")
    expect(page.get_by_role("heading", name="7. Outcomes of complaints")).to_be_visible()
    expect(page.get_by_role("heading", name="Before you send this report")).to_be_visible()
    axe(page, "annual report")
    page.goto("/reports/annual/2026/assessment/")
    axe(page, "self-assessment form")


def test_dashboard_reads_at_a_glance_fits_1280_and_drills_down(
    page, axe, live_server, dataset, officer
):
    page.set_viewport_size({"width": 1280, "height": 900})
    _signed_in(page, live_server, officer)
    page.goto("/reports/?period=year&year=2026")
    headlines = page.locator(".redress-headline h3")
    expect(headlines).to_have_text(
        [
            "Cases received",
            "Stage 1 answered on time",
            "Stage 2 answered on time",
            "Overdue now",
            "Escalated from stage 1 to stage 2",
            "Ombudsman upheld rate",
        ]
    )
    # The headline figures come before every chart and table.
    first_chart = page.locator("svg.redress-chart").first.bounding_box()
    assert page.locator(".redress-headlines").bounding_box()["y"] < first_chart["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    axe(page, "dashboard at 1280 pixels")

    received = page.locator("#headline-received .redress-headline__value a")
    count = received.inner_text().split(":")[0].strip()
    received.click()
    expect(page.get_by_role("heading", name=re.compile(rf"^{count} cases?$"))).to_be_visible()
    assert page.locator("[name='received_from-day']").input_value() == "1"

    page.go_back()
    # The figure opens every case that reached the stage; the count of late ones, those late.
    figure = page.locator("#headline-on-time-stage1 .redress-headline__value a")
    assert "at_stage=stage1" in figure.get_attribute("href")
    late = page.locator("#headline-on-time-stage1 p.govuk-body-s a").first
    late_count = late.inner_text()
    late.click()
    expect(page.get_by_role("heading", name=re.compile(rf"^{late_count} cases?$"))).to_be_visible()
    expect(page.get_by_label("Has been at")).to_have_value("stage1")
    axe(page, "Find cases from a dashboard link")
