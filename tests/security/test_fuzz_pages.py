"""Generated junk in any page's query string or any form never makes a page fail with a
server error.

The pages are found by walking the URLconf, so a new page is fuzzed without anyone adding it
here; their parameters are filled from a small world (one case, one service). The forms are
found by reading each page's HTML for ``<form method="post">`` and the names of its fields.
Both tests are bounded (a fixed number of examples) so they take well under a minute.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.accounts.models import Role
from tests.factories import ServiceFactory, UserFactory, make_case

# No example database: the world is rebuilt per test, so a replayed example would not match.
FUZZ = settings(
    max_examples=50,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SKIPPED_PREFIXES = ("admin/", "api/", "sign-out/")  # Django's own; fuzzed in tests/api; signs out
PARAMETERS = (
    "q", "page", "status", "service", "kind", "stage", "handler", "period", "year", "quarter",
    "month", "from", "to", "sort", "order", "overdue", "change", "next", "format", "cursor",
)  # fmt: skip
FORM = re.compile(r'<form[^>]*method="post"[^>]*>(.*?)</form>', re.S | re.I)
ACTION = re.compile(r'<form[^>]*action="([^"]*)"', re.I)
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.I)

junk = (
    st.text(max_size=40)
    | st.sampled_from(["", "0", "-1", "99999999999999999999", "0001-01-01", "9999-12-31",
                       "2026-02-30", "x" * 5000, "\x00", "%00", "'; --", "<script>", "1e309",
                       "NaN", "[]", "{}", "../../etc/passwd"])
    | st.integers().map(str)
    | st.dates().map(str)
)  # fmt: skip


def _routes(patterns, prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def _fill(route: str, values: dict[str, str]) -> str | None:
    """The path for a route with its parameters filled, or None if one cannot be."""
    if route.startswith("^") or any(route.startswith(p) for p in SKIPPED_PREFIXES):
        return None
    path = route
    for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        value = values.get(name) or ("1" if converter == "int" else "anything")
        path = re.sub(rf"<(?:\w+:)?{name}>", value, path, count=1)
    return "/" + path


@pytest.fixture
def world(db):
    service = ServiceFactory(name="Housing", slug="housing")
    officer = UserFactory(username="fuzz-officer", role=Role.COMPLAINTS_OFFICER)
    case = make_case(service=service, by=officer)
    return {"reference": case.reference, "slug": "acknowledge", "purpose": "acknowledgement"}


@pytest.fixture
def pages(world) -> list[str]:
    found = {_fill(route, world) for route in _routes(get_resolver().url_patterns)}
    return sorted(p for p in found if p is not None)


@pytest.fixture
def staff(world) -> Client:
    client = Client()
    client.force_login(UserFactory(username="fuzz-officer"))
    return client


def test_the_url_walk_finds_the_pages(pages):
    assert "/casework/cases/" in pages
    assert "/reports/" in pages
    assert "/feedback/check-your-answers/" in pages


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_no_page_fails_with_junk_in_its_query_string(staff, pages, data):
    path = data.draw(st.sampled_from(pages), label="page")
    keys = st.sampled_from(PARAMETERS) | st.text(min_size=1, max_size=10)
    params = data.draw(st.dictionaries(keys, junk, max_size=5), label="params")
    client = data.draw(st.sampled_from([staff, Client()]), label="client")

    response = client.get(path, params)

    assert response.status_code < 500, (path, params)


def _forms(client: Client, pages: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Every form a signed-in officer or a member of the public is shown: (action, fields)."""
    found: dict[str, set[str]] = {}
    for path in pages:
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for match in FORM.finditer(response.content.decode()):
            action = ACTION.search(match.group(0))
            target = (action.group(1) if action and action.group(1) else path).split("?")[0]
            fields = set(FIELD.findall(match.group(1))) - {"csrfmiddlewaretoken"}
            if target != "/sign-out/":
                found.setdefault(target, set()).update(fields)
    return [(action, tuple(sorted(fields))) for action, fields in sorted(found.items())]


@pytest.fixture
def forms(staff, pages):
    """Found once per test, before any example changes the world."""
    public = [p for p in pages if p.startswith("/feedback/")]
    found = sorted(set(_forms(staff, pages) + _forms(Client(), public)))
    assert len(found) > 5
    return found


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_no_form_fails_with_junk_in_its_fields(staff, forms, data):
    action, fields = data.draw(st.sampled_from(forms), label="form")
    body = {
        name: data.draw(junk, label=name)
        for name in fields
        if data.draw(st.booleans(), label=f"send {name}")
    }

    response = staff.post(action, body)

    assert response.status_code < 500, (action, body)
