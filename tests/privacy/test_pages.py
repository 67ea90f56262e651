"""The data protection pages: administrators only, people and cases through visibility, bad
input answered on the form with what was typed kept."""

from __future__ import annotations

import pytest
from django.test import Client

from redress.accounts.models import Role
from redress.cases.models import Person
from redress.cases.services import case_set_access
from redress.core import clock
from redress.privacy.models import ErasureLog, LegalHold, RetentionRule
from redress.privacy.retention import years_before
from tests.factories import UserFactory
from tests.privacy.helpers import JO, closed, full_case

pytestmark = pytest.mark.django_db
PAGES = [
    "/casework/privacy/people/",
    "/casework/privacy/erasures/",
    "/casework/privacy/retention/",
    "/casework/privacy/retention/rules/",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def client_for(role: str) -> Client:
    client = Client()
    client.force_login(UserFactory(role=role))
    return client


@pytest.mark.parametrize("role", [Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.SERVICE_RESPONDER])
def test_only_administrators_reach_the_pages(role):
    case = full_case()
    client = client_for(role)
    for url in [*PAGES, f"/casework/privacy/people/{case.person_id}/erase/"]:
        assert client.get(url).status_code == 403, url
    response = client.post(f"/casework/privacy/cases/{case.reference}/legal-hold/", {"reason": "x"})
    # Refused, or not found for those who cannot see the case at all.
    assert response.status_code == (403 if role == Role.COMPLAINTS_OFFICER else 404)
    assert not LegalHold.objects.exists()
    admin = client_for(Role.ADMINISTRATOR)
    for url in PAGES:
        assert admin.get(url).status_code == 200, url


def test_a_person_on_a_restricted_case_is_not_found():
    case = full_case()
    case_set_access(
        case=case, by=UserFactory(role=Role.COMPLAINTS_OFFICER), restricted=True, reason="Staff"
    )
    admin = client_for(Role.ADMINISTRATOR)
    found = admin.get("/casework/privacy/people/", {"q": "Quistwick"})
    assert JO["name"] not in found.content.decode()
    assert admin.get(f"/casework/privacy/people/{case.person_id}/erase/").status_code == 404
    assert admin.get("/casework/privacy/people/99999/erase/").status_code == 404
    response = admin.post(f"/casework/privacy/people/{case.person_id}/erase/", {"reason": "x"})
    assert response.status_code == 404
    assert Person.objects.get(pk=case.person_id).name == JO["name"]


def test_finding_by_email_and_erasing_without_a_reason_is_refused_on_the_form():
    case = full_case()
    admin = client_for(Role.ADMINISTRATOR)
    found = admin.get("/casework/privacy/people/", {"q": JO["email"].upper()})
    assert f"/casework/privacy/people/{case.person_id}/erase/" in found.content.decode()
    response = admin.post(f"/casework/privacy/people/{case.person_id}/erase/", {"reason": " "})
    assert response.status_code == 400
    assert "Enter the reason." in response.content.decode()
    assert not ErasureLog.objects.exists()


def test_a_held_case_is_named_and_the_erasure_refused_on_the_form():
    case = full_case()
    admin = client_for(Role.ADMINISTRATOR)
    admin.post(f"/casework/privacy/cases/{case.reference}/legal-hold/", {"reason": "Claim"})
    assert LegalHold.objects.filter(case=case, lifted_at=None).exists()
    response = admin.post(
        f"/casework/privacy/people/{case.person_id}/erase/", {"reason": "Request 9"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "under a legal hold" in body and "Request 9" in body  # what was typed is kept
    assert Person.objects.get(pk=case.person_id).name == JO["name"]


def test_a_rule_twice_or_with_a_bad_number_is_refused_naming_the_field():
    admin = client_for(Role.ADMINISTRATOR)
    url = "/casework/privacy/retention/rules/"
    assert admin.post(url, {"kind": "complaint", "years": "6"}).status_code == 302
    twice = admin.post(url, {"kind": "complaint", "years": "7"})
    assert twice.status_code == 400
    assert "already a rule for this kind and outcome" in twice.content.decode()
    for years, message in [("", "Enter how many years"), ("abc", "whole number"), ("101", "100")]:
        response = admin.post(url, {"kind": "complaint", "outcome": "upheld", "years": years})
        assert response.status_code == 400
        assert message in response.content.decode()
    bad_kind = admin.post(url, {"kind": "parking", "years": "3"})
    assert bad_kind.status_code == 400
    assert list(RetentionRule.objects.values_list("years", flat=True)) == [6]


def test_the_report_csv_lists_the_due_cases():
    RetentionRule.objects.create(kind="complaint", years=6)
    due = closed(full_case(), closed_on=years_before(clock.today(), 7))
    admin = client_for(Role.ADMINISTRATOR)
    response = admin.post("/casework/privacy/retention/new/")
    assert response.status_code == 302
    csv = b"".join(admin.get(response["Location"] + "report.csv").streaming_content).decode()
    assert csv.startswith("\ufeffReference,Kind,Closed,Rule,What,State")
    assert due.reference in csv and "Due" in csv


def test_applying_from_the_page_stops_at_its_time_limit_and_says_what_is_left(monkeypatch):
    from redress.privacy.views import retention as retention_views

    # No time at all: the page anonymises one person, then answers.
    monkeypatch.setattr(retention_views, "PAGE_APPLY_SECONDS", 0.0)
    RetentionRule.objects.create(kind="complaint", years=6)
    long_ago = years_before(clock.today(), 7)
    for n in range(3):
        closed(full_case(person={**JO, "email": f"p{n}@x.org"}), closed_on=long_ago)
    admin = client_for(Role.ADMINISTRATOR)
    report_url = admin.post("/casework/privacy/retention/new/")["Location"]
    page = admin.post(report_url + "apply/", follow=True).content.decode()
    assert "1 case anonymised, 0 cases skipped. 2 cases are still due" in page
    assert "Partly applied" in page and "Anonymise the due cases" in page
    page = admin.post(report_url + "apply/", follow=True).content.decode()
    assert "1 case is still due" in page
    page = admin.post(report_url + "apply/", follow=True).content.decode()
    assert "1 case anonymised, 0 cases skipped." in page and "still due" not in page
    assert "Applied " in page and "Anonymise the due cases" not in page
