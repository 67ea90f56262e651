"""While the database is unavailable people get the service's 503 page, keep what they typed,
and carry on once it is back, with no CSRF failures on the way.

On PostgreSQL the outage is real: the connection is pointed at a port where nothing listens,
so connecting is refused. SQLite's test database lives in memory and cannot be cut off, so
there every query is made to fail as a lost database fails (``OperationalError``).
"""

from __future__ import annotations

import contextlib
import html
import re
import socket

import pytest
from django.db import OperationalError, connection
from django.test import Client

from redress.accounts.models import Role
from tests.factories import ServiceFactory, UserFactory
from tests.portal.helpers import ANSWERS

pytestmark = pytest.mark.django_db(transaction=True)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


@contextlib.contextmanager
def database_down():
    if connection.vendor == "postgresql":
        saved = dict(connection.settings_dict)
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.update(HOST=saved["HOST"], PORT=saved["PORT"])
        return

    def refuse(execute, sql, params, many, context):
        raise OperationalError("unable to open database file")

    with connection.execute_wrapper(refuse):
        yield


def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def post_with_token(client: Client, path: str, data: dict[str, str]):
    page = client.get(path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert token, page.content[:500]
    return client.post(path, {**data, "csrfmiddlewaretoken": token.group(1)})


def test_pages_are_the_503_for_staff_and_public_during_an_outage():
    client, signed_in = Client(), Client()
    signed_in.force_login(UserFactory(role=Role.COMPLAINTS_OFFICER))
    with database_down():
        public = client.get("/feedback/what-would-you-like-to-do/")
        staff = signed_in.get("/casework/")
        api = client.get("/api/v1/cases", HTTP_AUTHORIZATION="Bearer x")

    for response in (public, staff):
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        text = response.content.decode()
        assert "Sorry, there is a problem with the service" in text
        assert "govuk-header" in text
        assert "csrftoken" in response.cookies
    assert api.status_code == 503


def test_a_step_sent_during_an_outage_is_kept_and_sent_again_afterwards():
    service = ServiceFactory(name="Waste and recycling", slug="waste")
    client = csrf_client()
    assert (
        post_with_token(
            client, "/feedback/what-would-you-like-to-do/", {"kind": "complaint"}
        ).status_code
        == 302
    )
    page = client.get("/feedback/which-service/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)

    with database_down():
        failed = client.post(
            "/feedback/which-service/", {"service": str(service.pk), "csrfmiddlewaretoken": token}
        )

    assert failed.status_code == 503
    text = failed.content.decode()
    assert "Try sending again" in text
    kept = {
        name: html.unescape(value)
        for name, value in HIDDEN.findall(text)
        if name != "csrfmiddlewaretoken"
    }
    assert kept == {"service": str(service.pk)}
    fresh = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)

    again = client.post("/feedback/which-service/", {**kept, "csrfmiddlewaretoken": fresh})

    assert again.status_code == 302, again.content[:2000]
    assert again["Location"] == "/feedback/who-is-it-for/"
    # The answer given before the outage was kept in the session as well.
    after = post_with_token(client, "/feedback/who-is-it-for/", ANSWERS["who-is-it-for"])
    assert after.status_code == 302
    back = client.get("/feedback/what-would-you-like-to-do/").content.decode()
    assert re.search(r'value="complaint"[^>]*checked', back)


def test_a_lost_csrf_cookie_gets_the_styled_page_and_the_next_try_works():
    client = csrf_client()
    client.get("/feedback/what-would-you-like-to-do/")
    client.cookies.pop("csrftoken")

    refused = client.post(
        "/feedback/what-would-you-like-to-do/",
        {"kind": "complaint", "csrfmiddlewaretoken": "x" * 32},
    )

    assert refused.status_code == 403
    assert "Sorry, your form could not be sent" in refused.content.decode()
    assert "csrftoken" in refused.cookies
    assert (
        post_with_token(
            client, "/feedback/what-would-you-like-to-do/", {"kind": "complaint"}
        ).status_code
        == 302
    )
