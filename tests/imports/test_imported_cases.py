"""Imported cases in the rest of Redress: found by their legacy reference on Find cases and
through the API's text filter, shown on the case page, and no reminders for closed ones."""

import datetime as dt

import pytest
from django.test import Client

from redress.accounts.models import Role
from redress.accounts.services import api_token_create
from redress.cases.models import Case
from redress.cases.search import apply_text_search
from redress.notifications.reminders import cases_needing_reminders
from tests.factories import UserFactory
from tests.imports.helpers import row, run, write_csv

pytestmark = pytest.mark.django_db

OPEN = {"acknowledged_on": "", "responded_on": "", "outcome": "", "closed_on": ""}


@pytest.fixture
def imported(tmp_path, housing):
    # The summaries do not repeat the references: only the legacy reference can match.
    plain = {"summary": "Damp in the bathroom"}
    rows = [
        row("RESP/2021/00042", **plain),
        row("CIV-778812", **OPEN, **plain),
        row("CMP-2019-000007", **plain),
    ]
    assert run(str(write_csv(tmp_path / "cases.csv", rows)))[0] == 0
    return {case.legacy_reference: case for case in Case.objects.all()}


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.mark.parametrize(
    ("text", "legacy"),
    [
        ("RESP/2021/00042", "RESP/2021/00042"),
        ("resp 00042", "RESP/2021/00042"),
        ("778812", "CIV-778812"),
        ("CIV-778812", "CIV-778812"),
        # A legacy reference shaped like a Redress one still finds its case.
        ("CMP-2019-000007", "CMP-2019-000007"),
    ],
)
def test_the_search_finds_a_case_by_its_legacy_reference(imported, text, legacy):
    found = apply_text_search(Case.objects.all(), text)
    assert list(found.values_list("legacy_reference", flat=True)) == [legacy]


def test_find_cases_and_the_case_page_show_the_legacy_reference(imported, officer):
    client = Client()
    client.force_login(officer)
    case = imported["CIV-778812"]
    listing = client.get("/casework/cases/", {"q": "778812"})
    assert listing.status_code == 200
    assert case.reference in listing.content.decode()
    assert imported["RESP/2021/00042"].reference not in listing.content.decode()
    page = client.get(f"/casework/cases/{case.reference}/").content.decode()
    assert "Legacy reference" in page and "CIV-778812" in page
    assert "Imported from legacy system" in page


def test_the_api_text_filter_finds_a_case_by_its_legacy_reference(imported, officer):
    _, secret = api_token_create(user=officer)
    response = Client().get(
        "/api/v1/cases", {"text": "RESP/2021/00042"}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 200, response.content
    assert [item["reference"] for item in response.json()["items"]] == [
        imported["RESP/2021/00042"].reference
    ]


def test_a_legacy_reference_changed_later_is_searched_by_its_new_value(imported):
    case = imported["CIV-778812"]
    Case.objects.filter(pk=case.pk).update(legacy_reference="CIV-990001")
    assert not apply_text_search(Case.objects.all(), "778812").exists()
    assert apply_text_search(Case.objects.all(), "990001").get().pk == case.pk


def test_closed_imported_cases_raise_no_reminders_and_open_ones_do(imported, officer):
    # Give every imported case a handler, as an officer would after the import.
    Case.objects.update(current_handler=officer)
    today = dt.date(2026, 1, 5)
    needing = set(cases_needing_reminders(today, today).values_list("legacy_reference", flat=True))
    assert needing == {"CIV-778812"}  # open since 2021 and overdue; the closed two raise none
    assert imported["RESP/2021/00042"].next_due_on is None


def test_renaming_the_person_keeps_the_legacy_reference_searchable(imported):
    case = imported["CIV-778812"]
    person = case.person
    person.name = "Pat Renamed"
    person.save()  # the person trigger re-indexes the case with its legacy reference
    assert apply_text_search(Case.objects.all(), "778812 renamed").get().pk == case.pk
