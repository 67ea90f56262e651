"""No server errors from input, styled error pages, and the headers every response carries."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from redress.accounts.models import Role
from redress.accounts.services import api_token_create
from tests.factories import ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def staff(client, officer):
    client.force_login(officer)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/casework/cases/%00/",
        "/reports/?service=%00",
        "/casework/cases/?q=a%00b",
        "/feedback/%00/",
        "/api/v1/cases?status=%00",
        "/reports/?%00=1",
    ],
)
def test_a_nul_byte_in_the_address_is_refused_plainly(staff, url):
    response = staff.get(url)

    assert response.status_code == 400
    assert "NUL byte" in response.content.decode()


def test_a_nul_byte_in_a_form_is_refused_before_the_view(staff):
    response = staff.post("/casework/cases/new/", {"person_name": "Ann\x00"})

    assert response.status_code == 400
    assert "NUL byte" in response.content.decode()


def test_a_nul_byte_in_json_is_refused_with_a_json_problem(officer):
    _, secret = api_token_create(user=officer)
    body = json.dumps({"kind": "complaint", "summary": "a\u0000b"})

    response = Client().post(
        "/api/v1/cases",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )

    assert response.status_code == 400
    assert "NUL byte" in response.json()["detail"]


def test_a_file_holding_zero_bytes_is_not_refused(client):
    """Uploaded files are binary; only the form's text fields are checked."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\x00\x00binary", "application/pdf")
    response = client.post("/feedback/start/", {"file": upload})

    assert response.status_code != 400


def test_report_dates_out_of_range_name_the_field(staff):
    response = staff.get(
        "/reports/", {"period": "custom", "from": "0001-01-01", "to": "9999-12-31"}
    )

    assert response.status_code < 500
    text = response.content.decode()
    assert "between 1 January 2000 and 31 December 2100" in text


def test_api_report_dates_out_of_range_are_a_422_naming_each_field(officer):
    _, secret = api_token_create(user=officer)

    response = Client().get(
        "/api/v1/reports/summary",
        {"from": "0001-01-01", "to": "9999-12-31"},
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"from", "to"}
    assert "between 1 January 2000 and 31 December 2100" in errors["to"][0]


def test_not_found_is_the_styled_page_without_url_patterns(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    text = response.content.decode()
    assert "Page not found" in text
    assert "govuk-header" in text
    assert "casework/" not in text.replace('href="/casework/"', "")
    assert "URLconf" not in text


def test_a_responder_opening_reports_gets_the_styled_403(client):
    responder = UserFactory(role=Role.SERVICE_RESPONDER, services=[ServiceFactory()])
    client.force_login(responder)

    response = client.get("/reports/")

    assert response.status_code == 403
    text = response.content.decode()
    assert "You do not have permission to see this page" in text
    assert "Your role cannot see performance reports." in text
    assert "govuk-header" in text


def test_the_500_page_renders_without_a_request_or_database():
    from django.test import RequestFactory

    from redress.core.errorpages import server_error

    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_csrf_failure_is_the_styled_page_with_a_way_back(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)

    response = client.post("/casework/cases/new/?x=1", {"person_name": "Ann"})

    assert response.status_code == 403
    text = response.content.decode()
    assert "Sorry, your form could not be sent" in text
    assert 'href="/casework/cases/new/"' in text
    assert "csrftoken" in response.cookies


def test_every_page_is_private_and_declines_browser_features(staff, client):
    for response in (staff.get("/casework/"), Client().get("/feedback/"), staff.get("/nope/")):
        assert response["Cache-Control"] == "no-store"
        assert "camera=()" in response["Permissions-Policy"]
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy


def test_no_template_has_inline_script_or_style():
    """The Content-Security-Policy forbids them, so they would silently stop working."""
    import re
    from pathlib import Path

    import redress

    root = Path(redress.__file__).parent
    # Documents, not pages: never served under the policy, and each must stand on its own.
    documents = {
        "reporting/templates/reporting/pdf/report.html",  # WeasyPrint's source for the PDF
        "disclosure/templates/disclosure/export_index.html",  # the index.html in a ZIP
    }
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)
    offenders = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("*.html")
        if "/email/" not in path.as_posix() and path.relative_to(root).as_posix() not in documents
        for match in inline.finditer(path.read_text())
    ]
    assert offenders == []
