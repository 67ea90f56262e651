"""Representatives through the API: logged with a case, shown on its detail, changed later
with expected_version, and every bad input named by its field."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.cases.models import Case
from tests.api.conftest import client_for, log_body
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def representative(**changes):  # type: ignore[no-untyped-def]
    body = {
        "name": "Sam Advocate",
        "relationship": "Daughter",
        "consent_on": "2026-11-01",
        "email": "sam.advocate@example.com",
        "phone": "07700 900123",
        "address": "2 Carer Close",
        "correspondence_to": "both",
    }
    body.update(changes)
    return body


def test_a_case_logged_with_a_representative_shows_them(officer_api, housing):
    response = officer_api.post("/cases", log_body(representative=representative()))
    assert response.status_code == 201, response.json()
    assert response.json()["representative"] == representative()
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.representative_email == "sam.advocate@example.com"
    assert case.correspondence_to == "both"
    logged = case.events.get(kind="logged")
    assert logged.data["after"]["representative"]["name"] == "Sam Advocate"


def test_without_a_representative_the_detail_says_null(officer_api, case):
    detail = officer_api.get(f"/cases/{case.reference}").json()
    assert detail["representative"] is None


def test_who_is_written_to_defaults_to_the_person(officer_api, housing):
    body = representative()
    del body["correspondence_to"]
    response = officer_api.post("/cases", log_body(representative=body))
    assert response.json()["representative"]["correspondence_to"] == "person"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": None}, "representative.name", "must be text"),
        ({"consent_on": None}, "representative.consent_on", "Enter the date the person consented"),
        ({"consent_on": "2999-01-01"}, "representative.consent_on", "cannot be in the future"),
        ({"consent_on": "1999-12-31"}, "representative.consent_on", "before 1 January 2000"),
        ({"consent_on": "2026-02-30"}, "representative.consent_on", "must be a date"),
        ({"email": "sam@"}, "representative.email", "must be an email address"),
        ({"correspondence_to": "neighbour"}, "representative.correspondence_to", "one of"),
        (
            {"correspondence_to": "representative", "email": "", "address": ""},
            "representative.email",
            "email address or postal address",
        ),
        ({"colour": "blue"}, "representative.colour", "not a field this request accepts"),
        ({"relationship": "x" * 121}, "representative.relationship", "120 characters"),
    ],
)
def test_bad_representatives_are_named_by_field(officer_api, housing, changes, field, words):
    response = officer_api.post("/cases", log_body(representative=representative(**changes)))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert list(errors) == [field], errors
    assert words in errors[field][0]
    assert not Case.objects.exists()


def test_a_representative_without_a_name_is_refused(officer_api, housing):
    body = representative()
    del body["name"]
    response = officer_api.post("/cases", log_body(representative=body))
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "representative.name": ["representative.name is required."]
    }


# --- changing it ----------------------------------------------------------------------------


def change(api, case, body):  # type: ignore[no-untyped-def]
    return api.post(f"/cases/{case.reference}/representative", body)


def test_add_change_and_remove_with_expected_version(officer_api, case):
    version = officer_api.get(f"/cases/{case.reference}").json()["version"]
    added = change(
        officer_api,
        case,
        {
            "representative": representative(),
            "reason": "Consent arrived",
            "expected_version": version,
        },
    )
    assert added.status_code == 200, added.json()
    assert added.json()["representative"] == representative()
    stale = change(
        officer_api,
        case,
        {"representative": None, "reason": "Withdrawn", "expected_version": version},
    )
    assert stale.status_code == 409
    assert "Someone else changed this case" in stale.json()["detail"]
    assert officer_api.get(f"/cases/{case.reference}").json()["representative"] is not None
    removed = change(
        officer_api,
        case,
        {
            "representative": None,
            "reason": "Withdrawn",
            "expected_version": added.json()["version"],
        },
    )
    assert removed.status_code == 200
    assert removed.json()["representative"] is None
    reasons = [
        e.data["reason"] for e in case.events.filter(kind="representative_changed").order_by("id")
    ]
    assert reasons == ["Consent arrived", "Withdrawn"]


def test_a_change_names_each_bad_field(officer_api, case):
    missing = change(officer_api, case, {"reason": "x"})
    assert missing.status_code == 422
    assert "representative" in missing.json()["errors"]
    no_reason = change(officer_api, case, {"representative": representative(), "reason": ""})
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["errors"]
    future = change(
        officer_api,
        case,
        {
            "representative": representative(
                consent_on=(timezone.localdate() + dt.timedelta(days=1)).isoformat()
            ),
            "reason": "Consent",
        },
    )
    assert future.status_code == 422
    assert "cannot be in the future" in future.json()["errors"]["representative.consent_on"][0]
    same = change(officer_api, case, {"representative": None, "reason": "Nobody, still"})
    assert same.status_code == 422 and "Nothing has changed" in same.json()["detail"]
    assert not case.events.filter(kind="representative_changed").exists()


def test_who_may_change_it(case, housing):
    manager = client_for(UserFactory(username="m", role=Role.MANAGER, services=[housing]))
    refused = change(manager, case, {"representative": representative(), "reason": "x"})
    assert refused.status_code == 403
    outsider = client_for(UserFactory(username="o", role=Role.SERVICE_RESPONDER))
    hidden = change(outsider, case, {"representative": representative(), "reason": "x"})
    assert hidden.status_code == 404
