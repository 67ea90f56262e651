"""Subject access: the export holds everything about the person on the cases the officer may
see, gathered over their person records, less what is withheld; the register only when a
member of the governance group makes it; every export logged; bad input refused."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from redress.accounts.models import Role
from redress.accounts.services import api_token_create
from redress.cases.models import CaseAccessGrant
from redress.cases.services import attachment_add, correspondence_add
from redress.core.errors import InvalidInput, NotPermitted
from redress.disclosure.models import Exemption, SubjectAccessExport
from redress.disclosure.register_part import NOT_INCLUDED
from redress.disclosure.services import exemption_add, exemption_remove, export_make
from redress.disclosure.subjects import find_people
from redress.register.models import EntryRead, ReadVia
from tests.factories import UserFactory, make_case
from tests.security.register_world import BEHAVIOUR, build_register, governance_persona

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def unzip(content: bytes) -> tuple[dict, str, list[str]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        data = json.loads(archive.read("data.json"))
        html = archive.read("index.html").decode()
    return data, html, names


@pytest.fixture
def officer():
    return UserFactory(username="dpo", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def subject(officer, settings, tmp_path):
    """Two cases logged for the same email as two person records, with a note and a file."""
    settings.MEDIA_ROOT = tmp_path
    first = make_case(by=officer, person={"name": "Jo Bloggs", "email": "Jo@Example.com"})
    second = make_case(
        by=officer,
        summary="Missed recycling",
        person={"name": "Joanne Bloggs", "email": "jo@example.com"},
    )
    correspondence_add(case=first, by=officer, kind="note", body="Phoned Jo about the bin")
    attachment_add(
        case=second, by=officer, upload=SimpleUploadedFile("photo.pdf", PDF, "application/pdf")
    )
    return first, second


def test_the_export_gathers_every_record_with_the_email(subject, officer):
    first, second = subject
    content, name = export_make(person=first.person, by=officer)
    data, html, names = unzip(content)
    assert name.endswith(".zip")
    assert {p["id"] for p in data["people"]} == {first.person_id, second.person_id}
    assert [c["reference"] for c in data["cases"]] == [first.reference, second.reference]
    assert data["cases"][0]["correspondence"][0]["text"] == "Phoned Jo about the bin"
    file_path = data["cases"][1]["files"][0]["file"]
    assert file_path in names
    assert "Phoned Jo about the bin" in html and second.reference in html
    assert data["register"] == {"included": False, "note": NOT_INCLUDED, "entries": []}
    log = SubjectAccessExport.objects.get()
    assert log.made_by == officer and log.case_count == 2 and log.exemptions == []
    assert sorted(log.person_ids) == sorted([first.person_id, second.person_id])


def test_an_exemption_leaves_the_item_out_and_says_why(subject, officer):
    first, second = subject
    note = first.correspondence.get()
    exemption_add(case=first, by=officer, item=f"correspondence:{note.pk}", reason="Third party")
    exemption_add(case=second, by=officer, item=f"case:{second.pk}", reason="Legal advice")
    data, html, _ = unzip(export_make(person=first.person, by=officer)[0])
    assert [c["reference"] for c in data["cases"]] == [first.reference]
    assert data["cases"][0]["correspondence"] == []
    assert "Phoned Jo" not in json.dumps(data) and "Phoned Jo" not in html
    reasons = {(w["case"], w["reason"]) for w in data["withheld"]}
    assert reasons == {(first.reference, "Third party"), (second.reference, "Legal advice")}
    assert SubjectAccessExport.objects.get().exemptions == data["withheld"]
    assert first.events.filter(kind="exemption_added").exists()


def test_removing_an_exemption_puts_the_item_back(subject, officer):
    first, _second = subject
    note = first.correspondence.get()
    exemption = exemption_add(case=first, by=officer, item=f"correspondence:{note.pk}", reason="x")
    exemption_remove(exemption=exemption, by=officer)
    data, _, _ = unzip(export_make(person=first.person, by=officer)[0])
    assert data["cases"][0]["correspondence"][0]["text"] == "Phoned Jo about the bin"


@pytest.mark.parametrize(
    ("item", "reason", "field"),
    [("correspondence:999999", "Third party", "item"), ("case:{case}", "", "reason")],
)
def test_bad_exemptions_name_the_field(subject, officer, item, reason, field):
    first, _ = subject
    with pytest.raises(InvalidInput) as raised:
        exemption_add(case=first, by=officer, item=item.format(case=first.pk), reason=reason)
    assert field in raised.value.field_errors
    assert not Exemption.objects.exists()


def test_withholding_twice_is_refused(subject, officer):
    first, _ = subject
    exemption_add(case=first, by=officer, item=f"case:{first.pk}", reason="x")
    with pytest.raises(InvalidInput, match="already withheld"):
        exemption_add(case=first, by=officer, item=f"case:{first.pk}", reason="y")


def test_a_restricted_case_is_left_out_for_an_officer_without_access(subject, officer):
    first, _ = subject
    secret = make_case(
        by=officer,
        restricted=True,
        summary="Restricted matter",
        person={"name": "Jo Bloggs", "email": "jo@example.com"},
    )
    other = UserFactory(username="other", role=Role.COMPLAINTS_OFFICER)
    data, _, _ = unzip(export_make(person=first.person, by=other)[0])
    assert secret.reference not in json.dumps(data)
    assert secret.person_id not in {p["id"] for p in data["people"]}
    CaseAccessGrant.objects.create(case=secret, user=other)
    data, _, _ = unzip(export_make(person=first.person, by=other)[0])
    assert secret.reference in json.dumps(data)


def test_the_register_is_included_only_by_the_governance_group(subject, officer):
    first, _ = subject
    member = governance_persona()
    build_register(member, first.person, contact=officer)
    without = unzip(export_make(person=first.person, by=officer)[0])[0]
    assert BEHAVIOUR not in json.dumps(without)
    reads_before = EntryRead.objects.count()
    data, html, _ = unzip(export_make(person=first.person, by=member)[0])
    assert data["register"]["included"] is True
    assert data["register"]["entries"][0]["behaviour"] == BEHAVIOUR and BEHAVIOUR in html
    assert EntryRead.objects.count() == reads_before + 1
    assert EntryRead.objects.filter(who=member, via=ReadVia.EXPORT).exists()
    assert SubjectAccessExport.objects.get(made_by=member).register_included


def test_only_the_complaints_team_exports(subject):
    first, _ = subject
    manager = UserFactory(username="mgr", role=Role.MANAGER, services=[first.service])
    with pytest.raises(NotPermitted):
        export_make(person=first.person, by=manager)
    client = Client()
    client.force_login(manager)
    assert client.get(f"/casework/subject-access/people/{first.person_id}/").status_code == 404
    assert client.get("/casework/subject-access/").status_code == 404


def test_finding_people_by_name_and_email(subject, officer):
    first, second = subject
    assert {p.pk for p in find_people(officer, "jo@example.com")} == {
        first.person_id,
        second.person_id,
    }
    assert [p.pk for p in find_people(officer, "joanne blog")] == [second.person_id]
    assert find_people(officer, "nobody-like-this") == []
    assert find_people(officer, "   ") == []


def test_a_search_too_long_is_refused_on_the_field(subject, officer):
    client = Client()
    client.force_login(officer)
    response = client.get("/casework/subject-access/", {"q": "Jo " * 100})
    body = response.content.decode()
    assert response.status_code == 200
    assert "200 characters or fewer" in body and "govuk-error-summary" in body
    assert "people found" not in body


def test_the_api_export_and_its_404s(subject, officer):
    first, _ = subject
    token = api_token_create(user=officer)[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    response = client.get(f"/api/v1/people/{first.person_id}/export")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert unzip(response.content)[0]["cases"][0]["reference"] == first.reference
    assert SubjectAccessExport.objects.get().via == "api"
    assert client.get("/api/v1/people/99999999/export").status_code == 404
    assert client.get(f"/api/v1/people/{2**70}/export").status_code in (404, 422)
    detail = client.get(f"/api/v1/cases/{first.reference}").json()
    assert detail["person"]["id"] == first.person_id
    responder = UserFactory(username="resp", role=Role.SERVICE_RESPONDER, services=[first.service])
    other = Client(headers={"Authorization": f"Bearer {api_token_create(user=responder)[1]}"})
    assert other.get(f"/api/v1/people/{first.person_id}/export").status_code == 404


def test_the_person_page_lists_exports_and_the_unknown_person_is_not_found(subject, officer):
    first, _ = subject
    client = Client()
    client.force_login(officer)
    assert client.get("/casework/subject-access/people/99999999/").status_code == 404
    download = client.post(f"/casework/subject-access/people/{first.person_id}/export/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    page = client.get(f"/casework/subject-access/people/{first.person_id}/").content.decode()
    assert "Exports made" in page and escape(officer.display_name) in page
    bad = client.post(
        f"/casework/subject-access/people/{first.person_id}/withhold/",
        {"item": "", "reason": "Kept text"},
    )
    assert bad.status_code == 400
    assert "Choose what to withhold" in bad.content.decode() and "Kept text" in bad.content.decode()
