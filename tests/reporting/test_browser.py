"""The report pages in a real browser: readable without JavaScript problems and passing axe."""

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
    expect(page.get_by_role("heading", name="Timeliness per stage")).to_be_visible()
    axe(page, "dashboard")
    page.goto("/reports/?period=quarter&year=2026&quarter=7")
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe(page, "dashboard with an error")
    page.goto("/reports/annual/?year=2026")
    expect(page.get_by_role("heading", name="Outcomes of complaints")).to_be_visible()
    axe(page, "annual report")
    page.goto("/reports/annual/2026/assessment/")
    axe(page, "self-assessment form")
