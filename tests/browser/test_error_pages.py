"""The error pages look like the service and pass axe: a page not found, a responder opening
the reports, and (on PostgreSQL, whose database can really be closed to connections) the 503
during an outage followed by the public journey carrying on with the answer kept."""

from __future__ import annotations

import pytest
from django.db import connection
from playwright.sync_api import expect

from redress.accounts.models import Role
from tests.factories import ServiceFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery-staple"


def test_not_found_page_is_styled_and_accessible(page, axe):
    page.goto("/casework/no-such-page/")

    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert "js-enabled" in (page.locator("body").get_attribute("class") or "")
    axe(page, "404 page")


def test_a_responder_opening_reports_gets_the_styled_403(page, axe):
    UserFactory(username="rhys", role=Role.SERVICE_RESPONDER, services=[ServiceFactory()])
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("rhys")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/casework/")

    response = page.goto("/reports/")

    assert response is not None and response.status == 403
    heading = page.get_by_role("heading", name="You do not have permission to see this page")
    expect(heading).to_be_visible()
    expect(page.get_by_text("Your role cannot see performance reports.")).to_be_visible()
    axe(page, "403 page")


def _allow_connections(name: str, allowed: bool) -> None:
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"],
        password=settings["PASSWORD"] or None, dbname="postgres", autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a database to close")
def test_outage_shows_the_503_and_the_journey_carries_on(page, axe):
    ServiceFactory(name="Waste and recycling", slug="waste")
    name = connection.settings_dict["NAME"]
    page.goto("/feedback/what-would-you-like-to-do/")
    page.get_by_label("Make a complaint").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Waste and recycling").check()

    _allow_connections(name, False)
    try:
        page.get_by_role("button", name="Continue").click()
        expect(
            page.get_by_role("heading", name="Sorry, there is a problem with the service")
        ).to_be_visible()
        axe(page, "503 page")
    finally:
        _allow_connections(name, True)
        connection.close()

    page.get_by_role("button", name="Try sending again").click()
    expect(page.get_by_role("heading", name="Who is this about?")).to_be_visible()
    page.goto("/feedback/which-service/")
    expect(page.get_by_label("Waste and recycling")).to_be_checked()
    page.goto("/feedback/what-would-you-like-to-do/")
    expect(page.get_by_label("Make a complaint")).to_be_checked()
