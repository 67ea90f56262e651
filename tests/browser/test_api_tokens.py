"""A member of staff makes a read-only API token from Settings, another system uses it, and
they revoke it: in a real browser with axe-core on each page, the API called over HTTP."""

import json
import urllib.error
import urllib.request

import pytest

from redress.accounts.models import ApiToken, Role, hash_token
from tests.browser.test_settings_and_drafts import settings_links
from tests.browser.test_staff_journey import banner, sign_in
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def call(live_server, token, method, path, body=None):
    request = urllib.request.Request(
        f"{live_server.url}/api/v1{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_staff_make_use_and_revoke_a_read_only_token(page, axe, live_server):
    officer = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    case = make_case(service=ServiceFactory(name="Housing", slug="housing"), by=officer)

    sign_in(page, axe, "officer")
    settings_links(page)
    page.locator("main").get_by_role("link", name="API tokens").click()
    page.get_by_role("heading", name="API tokens", level=1).wait_for()
    axe(page, "API tokens, none yet")

    page.get_by_role("button", name="Make token").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    axe(page, "API tokens with an error")
    assert page.get_by_role("link", name="Enter what the token is for").count() == 1

    page.get_by_label("What is the token for?").fill("Customer relationship system")
    assert page.get_by_label("Read-only").is_checked()
    page.get_by_role("button", name="Make token").click()
    page.get_by_role("heading", name="Your new API token").wait_for()
    axe(page, "the new token, shown once")
    secret = page.locator("[data-new-api-token]").inner_text().strip()
    assert secret.startswith("rdr_")
    assert ApiToken.objects.get(key_hash=hash_token(secret)).read_only  # only the hash is kept

    status, body = call(live_server, secret, "GET", f"/cases/{case.reference}")
    assert (status, body["reference"]) == (200, case.reference)
    status, body = call(
        live_server, secret, "POST", f"/cases/{case.reference}/notes", {"body": "x"}
    )
    assert (status, body["code"]) == (403, "forbidden")

    page.get_by_role("link", name="Back to your tokens").click()
    row = page.locator("[data-api-tokens] tbody tr")
    assert "Customer relationship system" in row.inner_text()
    assert "Read only" in row.inner_text()
    page.get_by_role("button", name="Revoke the token for Customer relationship system").click()
    banner(page, "no longer works")
    axe(page, "API tokens after revoking")
    assert "Revoked" in page.locator("[data-api-tokens] tbody tr").inner_text()

    status, body = call(live_server, secret, "GET", f"/cases/{case.reference}")
    assert (status, body["code"]) == (401, "unauthenticated")
