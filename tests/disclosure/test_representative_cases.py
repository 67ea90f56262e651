"""Subject access for someone who also acted as another person's representative: those cases
are in the export (their correspondence with them), through the same visibility rule and
exemptions as the person's own, and marked as cases about someone else."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.test import Client

from redress.accounts.models import Role
from redress.cases.models import CaseAccessGrant
from redress.cases.representatives import Representative
from redress.cases.services import correspondence_add
from redress.disclosure.gather import ABOUT_THEM, THEIR_REPRESENTATIVE
from redress.disclosure.services import exemption_add, export_make
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

SAM = {
    "name": "Sam Advocate",
    "email": "Sam.Advocate@Example.org",
    "phone": "07700 900 456",
    "address": "3 Mill Lane\nBristol BS1 4AA",
}
CONSENTED = dt.date(2025, 2, 1)


def _data(content: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return json.loads(archive.read("data.json"))


def _for_someone_else(officer, restricted: bool = False, **representative) -> object:
    case = make_case(
        by=officer,
        summary="Care home fees for my mother",
        person={"name": "Ruth Other", "email": "ruth@example.net"},
        representative=Representative(
            relationship="Son", consent_on=CONSENTED, **{"name": SAM["name"], **representative}
        ),
        restricted=restricted,
    )
    correspondence_add(case=case, by=officer, kind="note", body="Sam rang about the invoice")
    return case


@pytest.fixture
def officer():
    return UserFactory(username="dpo", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def sam(officer):
    """Sam's own case, logged with Sam's details."""
    return make_case(by=officer, summary="Pothole on Mill Lane", person=SAM)


def _references(data: dict) -> list[str]:
    return [case["reference"] for case in data["cases"]]


def test_a_case_they_acted_on_is_in_the_export_with_its_correspondence(officer, sam):
    acted = _for_someone_else(officer, email="sam.advocate@example.org ")
    data = _data(export_make(person=sam.person, by=officer)[0])
    assert _references(data) == [sam.reference, acted.reference]
    own, other = data["cases"]
    assert own["you_are"] == ABOUT_THEM and own["person_record"] == sam.person_id
    assert other["you_are"] == THEIR_REPRESENTATIVE and other["person_record"] is None
    assert other["representative"]["name"] == SAM["name"]
    assert [c["text"] for c in other["correspondence"]] == ["Sam rang about the invoice"]
    # The people in the export are still only Sam's own records.
    assert [p["id"] for p in data["people"]] == [sam.person_id]


@pytest.mark.parametrize(
    "details",
    [
        {"phone": "07700900456"},  # the same number, written without spaces
        {"address": "3 mill lane\nBristol BS1 4AA"},
        {"name": "  sam advocate", "phone": "07700 900 456"},
    ],
)
def test_the_name_with_a_phone_or_address_finds_them_without_an_email(officer, sam, details):
    acted = _for_someone_else(officer, **details)
    assert acted.reference in _references(_data(export_make(person=sam.person, by=officer)[0]))


@pytest.mark.parametrize(
    "details",
    [
        {},  # the name alone: another Sam Advocate
        {"phone": "07700 900 999"},
        {"email": "someone.else@example.org"},
        {"name": "Sam Adams", "email": "sam.advocate@example.org"},  # kept: email matches
    ],
)
def test_the_name_alone_or_other_details_do_not(officer, sam, details):
    acted = _for_someone_else(officer, **details)
    found = acted.reference in _references(_data(export_make(person=sam.person, by=officer)[0]))
    assert found == ("email" in details and details["email"].startswith("sam.advocate"))


def test_a_restricted_case_they_acted_on_follows_the_visibility_rule(officer, sam):
    acted = _for_someone_else(officer, restricted=True, email=SAM["email"])
    other = UserFactory(username="other", role=Role.COMPLAINTS_OFFICER)
    data = _data(export_make(person=sam.person, by=other)[0])
    assert acted.reference not in json.dumps(data)
    assert "Care home fees" not in json.dumps(data)
    CaseAccessGrant.objects.create(case=acted, user=other)
    assert acted.reference in _references(_data(export_make(person=sam.person, by=other)[0]))


def test_exemptions_apply_to_a_case_they_acted_on(officer, sam):
    acted = _for_someone_else(officer, email=SAM["email"])
    note = acted.correspondence.get()
    exemption_add(case=acted, by=officer, item=f"correspondence:{note.pk}", reason="Third party")
    data = _data(export_make(person=sam.person, by=officer)[0])
    assert data["cases"][1]["correspondence"] == []
    assert "Sam rang" not in json.dumps(data)
    assert data["withheld"][0]["case"] == acted.reference
    exemption_add(case=acted, by=officer, item=f"case:{acted.pk}", reason="Not Sam's to see")
    assert _references(_data(export_make(person=sam.person, by=officer)[0])) == [sam.reference]


def test_the_person_page_lists_them_apart_and_offers_their_items(officer, sam):
    acted = _for_someone_else(officer, email=SAM["email"])
    client = Client()
    client.force_login(officer)
    page = client.get(f"/casework/subject-access/people/{sam.person_id}/").content.decode()
    represented = page.split('id="represented"')[1].split("</table>")[0]
    assert acted.reference in represented and "Ruth Other" in represented
    assert sam.reference not in represented
    form = client.get(f"/casework/subject-access/people/{sam.person_id}/withhold/")
    assert f"{acted.pk}/case:{acted.pk}" in form.content.decode()


def test_the_export_says_where_a_complaint_was_passed_on(officer, sam):
    from redress.core import clock
    from redress.elsewhere.services import case_route_elsewhere

    case_route_elsewhere(
        case=sam,
        by=officer,
        destination="monitoring_officer",
        to_name="Morgan Monitor",
        on=clock.today(),
        reason="It is about a councillor's conduct.",
    )
    with zipfile.ZipFile(io.BytesIO(export_make(person=sam.person, by=officer)[0])) as archive:
        data = json.loads(archive.read("data.json"))
        html = archive.read("index.html").decode()
    assert data["cases"][0]["passed_to_another_procedure"] == {
        "to": "An elected Member: to the Monitoring Officer, under the standards regime",
        "name": "Morgan Monitor",
        "email": "",
        "on": clock.today().isoformat(),
        "why": "It is about a councillor's conduct.",
    }
    assert "Morgan Monitor" in html
