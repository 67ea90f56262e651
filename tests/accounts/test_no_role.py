"""Someone signed in with no role is refused every staff page, with one plain page saying an
administrator must give them access; public pages, the API's own answer and signing out are
as they were."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from redress.cases.permissions import role_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
STAFF = ("/casework/", "/reports/", "/notifications/", "/admin/")


def _routes(patterns=None, prefix: str = "") -> list[str]:
    """Every path the URLconf serves, a path parameter filled with 1 (what it holds does not
    matter: the refusal comes before any view)."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + re.sub(r"<[^>]+>", "1", str(entry.pattern))
        route = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", route).lstrip("^").replace("$", "")
        if isinstance(entry, URLResolver):
            found += _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            found.append("/" + route.replace("\\", ""))
    return found


def test_a_blank_role_is_no_role():
    assert role_of(UserFactory(role="")) == ""
    assert role_of(UserFactory(role="", is_superuser=True)) == "administrator"


def test_every_staff_page_refuses_someone_with_no_role():
    client = Client()
    client.force_login(UserFactory(username="nobody", role=""))
    staff = sorted({path for path in _routes() if path.startswith(STAFF)})
    assert len(staff) > 50, staff  # the walk found the staff side
    for path in staff:
        response = client.get(path)
        assert response.status_code == 403, path
        assert b"an administrator has not given you access" in response.content, path
    assert client.post("/casework/cases/new/").status_code == 403


def test_the_public_pages_the_api_and_signing_out_are_unchanged():
    client = Client()
    client.force_login(UserFactory(username="nobody", role="", email="nobody@council.example"))
    assert client.get("/feedback/").status_code == 200
    assert client.get("/api/v1/cases").status_code == 401  # a token is what the API reads
    page = client.get("/casework/")
    assert b"nobody@council.example" in page.content
    assert client.post("/sign-out/").status_code == 302
    assert client.get("/casework/")["Location"].startswith("/sign-in/")


def test_someone_with_a_role_is_not_stopped():
    client = Client()
    client.force_login(UserFactory(username="officer"))
    assert client.get("/casework/").status_code == 200
