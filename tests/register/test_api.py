"""The register's API: the governance group only (404 for everyone else, before the body is
read), each read logged, bad input named field by field; and the case detail's
``contact_restrictions``, which carries the restrictions and the contact and nothing else."""

import datetime as dt
import json

import pytest
from django.test import Client

from redress.accounts.models import Role
from redress.accounts.services import api_token_create
from redress.core import clock
from redress.register.models import EntryRead, RegisterEntry
from tests.factories import UserFactory
from tests.register.builders import BEHAVIOUR, REASONS

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user)[1]}"})


def post(client: Client, path: str, body) -> object:
    return client.post(path, json.dumps(body), content_type="application/json")


def payload(named, **changes):
    today = clock.today()
    body = {
        "person_email": "Pat@example.com",
        "behaviour": "Repeated abusive emails",
        "reasons": "Staff wellbeing",
        "restrictions": [{"kind": "written_only", "detail": ""}, {"kind": "other", "detail": "X"}],
        "contact": named.username,
        "starts_on": today.isoformat(),
        "review_on": (today + dt.timedelta(days=60)).isoformat(),
    }
    body.update(changes)
    return body


def test_the_group_creates_lists_and_reads_entries_and_their_access_log(member, contact, case):
    client = api(member)
    created = post(client, "/api/v1/register/entries", payload(contact))
    assert created.status_code == 201, created.content
    entry = RegisterEntry.objects.get(pk=created.json()["id"])
    # Name and address come from the person record with that email; the record is linked.
    assert entry.name == "Pat Persistent" and "AB1 2CD" in entry.address
    assert list(entry.people.all()) == [case.person]
    assert entry.decided_by == member.display_name
    listed = client.get("/api/v1/register/entries").json()
    assert [e["id"] for e in listed] == [entry.pk]
    detail = client.get(f"/api/v1/register/entries/{entry.pk}").json()
    assert detail["reasons"] == "Staff wellbeing" and detail["contact"] == contact.username
    assert detail["restrictions"] == [
        {"kind": "written_only", "detail": ""},
        {"kind": "other", "detail": "X"},
    ]
    log = client.get(f"/api/v1/register/entries/{entry.pk}/access-log").json()
    assert [r["who"] for r in log] == [member.username] * 3
    assert {"who", "at", "via"} == set(log[0]) and log[0]["via"] == "api"
    assert EntryRead.objects.filter(entry=entry, via="api").count() == 3


def test_everyone_else_gets_not_found_on_every_operation(member, contact, entry, service):
    outsiders = [
        UserFactory(username="o2", role=Role.COMPLAINTS_OFFICER),
        UserFactory(username="m2", role=Role.MANAGER, services=[service]),
        UserFactory(username="a2", role=Role.ADMINISTRATOR),
        UserFactory(username="su", role="administrator", is_superuser=True, is_staff=True),
    ]
    calls = [
        ("GET", "/api/v1/register/entries"),
        ("GET", f"/api/v1/register/entries/{entry.pk}"),
        ("GET", f"/api/v1/register/entries/{entry.pk}/access-log"),
        ("POST", "/api/v1/register/entries"),
    ]
    for user in outsiders:
        client = api(user)
        for method, path in calls:
            for body in (payload(contact), {"nonsense": True}):
                response = client.get(path) if method == "GET" else post(client, path, body)
                assert response.status_code == 404, (user.username, method, path, response.content)
                assert REASONS not in response.content.decode()
    assert RegisterEntry.objects.count() == 1
    assert not EntryRead.objects.exists()
    assert Client().get("/api/v1/register/entries").status_code == 401


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"person_email": "nope"}, "person_email", "must be an email address"),
        ({"person_email": ""}, "person_email", "must not be empty"),
        ({"restrictions": []}, "restrictions", ""),
        ({"restrictions": [{"kind": "shouting"}]}, "restrictions.0.kind", "must be one of"),
        ({"restrictions": [{"kind": "call_times"}]}, "restrictions.0.detail", "the times"),
        ({"contact": "nobody"}, "contact", "Choose the named contact"),
        ({"starts_on": "1 March"}, "starts_on", "YYYY-MM-DD"),
        ({"review_on": "2020-01-01"}, "review_on", "cannot be in the past"),
        ({"reasons": ""}, "reasons", "must not be empty"),
        ({"person_email": "stranger@example.com"}, "person_name", "person_name is required"),
        ({"surprise": 1}, "surprise", "is not a field"),
    ],
)
def test_bad_input_is_refused_naming_the_field(member, contact, case, changes, field, words):
    response = post(api(member), "/api/v1/register/entries", payload(contact, **changes))
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert field in errors, errors
    assert words in " ".join(errors[field])
    assert not RegisterEntry.objects.exists()


def test_a_review_date_defaults_to_six_months(member, contact, case):
    body = payload(contact)
    del body["review_on"]
    created = post(api(member), "/api/v1/register/entries", body)
    entry = RegisterEntry.objects.get(pk=created.json()["id"])
    assert (entry.review_on - entry.starts_on).days in range(181, 185)


def test_the_case_detail_carries_the_restrictions_and_nothing_else(entry, officer, contact, case):
    detail = api(officer).get(f"/api/v1/cases/{case.reference}").json()
    assert detail["contact_restrictions"] == [
        {
            "kind": "single_contact",
            "detail": "Only through the named contact",
            "contact": "contact",
        },
        {"kind": "call_times", "detail": "Tuesdays 10am to 12 noon", "contact": "contact"},
    ]
    text = json.dumps(detail)
    assert BEHAVIOUR not in text and REASONS not in text and "Visit in pairs" not in text


def test_a_case_with_no_restrictions_has_an_empty_list(officer, case):
    assert api(officer).get(f"/api/v1/cases/{case.reference}").json()["contact_restrictions"] == []
