"""The operations another system (a CRM) integrates through: people, correspondence and
notes, attachments, the Ombudsman's part of a case, and read-only tokens."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from redress.accounts.models import Role
from redress.accounts.services import api_token_create
from redress.cases.models import Correspondence, TimelineEvent
from redress.cases.services import case_set_access
from redress.ombudsman.models import OmbudsmanCase
from tests.api.conftest import ApiClient, client_for, today
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def other_officer(db):
    return UserFactory(username="other", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def restricted(housing, officer):
    """A case only ``officer`` (who restricted it) may see."""
    case = make_case(
        service=housing, by=officer, person={"name": "Pat Hidden", "email": "pat@example.com"}
    )
    case_set_access(
        case=case, by=officer, restricted=True, grant=[], revoke=[], reason="Staff member"
    )
    return case


# --- people ---------------------------------------------------------------------------------


def test_people_are_found_by_email_ignoring_case_with_their_cases(officer_api, case):
    response = officer_api.get("/people", {"email": "ALEX@example.com"})

    assert response.status_code == 200
    [person] = response.json()
    assert person["id"] == case.person_id
    assert [c["reference"] for c in person["cases"]] == [case.reference]
    detail = officer_api.get(f"/people/{person['id']}").json()
    assert detail["name"] == case.person.name


def test_case_detail_carries_the_person_id(officer_api, case):
    assert officer_api.get(f"/cases/{case.reference}").json()["person"]["id"] == case.person_id


def test_a_person_seen_only_through_a_restricted_case_is_not_found(restricted, other_officer):
    api = client_for(other_officer)

    assert api.get("/people", {"email": "pat@example.com"}).json() == []
    assert api.get(f"/people/{restricted.person_id}").status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "email"),
        ({"email": "not an address"}, "email"),
        ({"email": "a@b.com", "name": "x"}, "name"),
    ],
)
def test_people_search_names_the_bad_parameter(officer_api, params, field):
    response = officer_api.get("/people", params)

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert response.json()["code"] == "invalid_request"


# --- correspondence and notes ---------------------------------------------------------------


def test_correspondence_is_added_listed_and_on_the_timeline(officer_api, case):
    added = officer_api.post(
        f"/cases/{case.reference}/correspondence",
        {"kind": "call", "direction": "in", "subject": "Chased", "body": "Rang to ask for news."},
    )
    note = officer_api.post(f"/cases/{case.reference}/notes", {"body": "Called back at 3pm."})

    assert added.status_code == 201, added.json()
    assert note.status_code == 201
    listed = officer_api.get(f"/cases/{case.reference}/correspondence").json()
    assert [(i["kind"], i["body"]) for i in listed][-2:] == [
        ("call", "Rang to ask for news."),
        ("note", "Called back at 3pm."),
    ]
    assert [
        i["kind"]
        for i in officer_api.get(f"/cases/{case.reference}/correspondence", {"kind": "note"}).json()
    ] == ["note"]
    kinds = set(TimelineEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {"correspondence_call", "correspondence_note"} <= kinds


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"kind": "fax", "body": "x"}, "kind", "invalid_request"),
        ({"kind": "note", "body": ""}, "body", "invalid_request"),
        ({"kind": "note", "body": "   "}, "body", "invalid_request"),
        (
            {"kind": "note", "body": "x", "happened_at": "2999-01-01T10:00:00Z"},
            "happened_at",
            "rule",
        ),
    ],
)
def test_bad_correspondence_names_the_field_and_writes_nothing(
    officer_api, case, body, field, code
):
    before = Correspondence.objects.count()

    response = officer_api.post(f"/cases/{case.reference}/correspondence", body)

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert response.json()["code"] == code
    assert Correspondence.objects.count() == before


def test_correspondence_of_a_restricted_case_is_not_found(restricted, other_officer):
    api = client_for(other_officer)

    assert api.get(f"/cases/{restricted.reference}/correspondence").status_code == 404
    assert api.post(f"/cases/{restricted.reference}/notes", {"body": "x"}).status_code == 404


# --- attachments ----------------------------------------------------------------------------


def _upload(token: str, reference: str, name: str, content: bytes):
    upload = io.BytesIO(content)
    upload.name = name
    return Client().post(
        f"/api/v1/cases/{reference}/attachments",
        {"file": upload},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_an_attachment_is_uploaded_listed_and_downloaded(officer, case, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _, token = api_token_create(user=officer)

    uploaded = _upload(token, case.reference, "letter.pdf", PDF)

    assert uploaded.status_code == 201, uploaded.content
    item = uploaded.json()
    assert (item["name"], item["content_type"], item["size"]) == (
        "letter.pdf",
        "application/pdf",
        len(PDF),
    )
    api = ApiClient(token)
    assert [a["id"] for a in api.get(f"/cases/{case.reference}/attachments").json()] == [item["id"]]
    download = api.get(f"/cases/{case.reference}/attachments/{item['id']}/file")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"


def test_an_upload_of_the_wrong_type_is_refused_naming_the_file(officer, case, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _, token = api_token_create(user=officer)

    refused = _upload(token, case.reference, "run.exe", b"MZ\x90\x00" + b"\x00" * 100)

    assert refused.status_code == 422
    assert "file" in refused.json()["errors"]
    assert case.attachments.count() == 0


def test_an_empty_upload_is_refused_as_a_rule_not_as_malformed(officer, case, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _, token = api_token_create(user=officer)

    refused = _upload(token, case.reference, "blank.txt", b"")

    assert refused.status_code == 422
    assert refused.json()["code"] == "rule"
    assert refused.json()["errors"]["file"] == ["The selected file is empty."]
    assert case.attachments.count() == 0


def test_attachments_of_a_restricted_case_are_not_found(
    restricted, other_officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _, token = api_token_create(user=other_officer)

    assert ApiClient(token).get(f"/cases/{restricted.reference}/attachments").status_code == 404
    assert _upload(token, restricted.reference, "a.pdf", PDF).status_code == 404


# --- the Ombudsman --------------------------------------------------------------------------


def test_the_ombudsman_part_of_a_case_end_to_end(officer_api, case):
    ref = case.reference
    on = today().isoformat()

    referred = officer_api.post(
        f"/cases/{ref}/ombudsman", {"reference": "24 001 234", "notified_on": on, "body": "housing"}
    )
    assert referred.status_code == 201, referred.json()
    assert referred.json()["body"] == "housing"
    asked = officer_api.post(
        f"/cases/{ref}/ombudsman/requests",
        {"kind": "information", "received_on": on, "due_on": on, "description": "Repairs log"},
    )
    assert asked.status_code == 201
    request_id = asked.json()["requests"][0]["id"]
    answered = officer_api.post(f"/cases/{ref}/ombudsman/requests/{request_id}/answer", {"on": on})
    assert answered.json()["requests"][0]["answered_on"] == on
    decided = officer_api.post(
        f"/cases/{ref}/ombudsman/decision",
        {"decision": "maladministration", "on": on, "remedy_already_provided": False},
    )
    assert decided.status_code == 200, decided.json()
    recommended = officer_api.post(
        f"/cases/{ref}/ombudsman/recommendations",
        {"kind": "personal", "description": "Apologise and pay £150", "due_on": on},
    )
    recommendation_id = recommended.json()["recommendations"][0]["id"]
    done = officer_api.post(
        f"/cases/{ref}/ombudsman/recommendations/{recommendation_id}/complete",
        {"on": on, "evidence": "Letter of apology sent; payment made"},
    )
    assert done.json()["recommendations"][0]["completed_on"] == on
    assert officer_api.get(f"/cases/{ref}/ombudsman").json()["decision"] == "maladministration"


def test_the_ombudsman_refusals_say_why(officer_api, case):
    ref = case.reference
    on = today().isoformat()
    assert officer_api.get(f"/cases/{ref}/ombudsman").status_code == 404
    officer_api.post(
        f"/cases/{ref}/ombudsman", {"reference": "24 001", "notified_on": on, "body": "housing"}
    )

    again = officer_api.post(f"/cases/{ref}/ombudsman", {"reference": "24 002", "notified_on": on})
    wrong_body = officer_api.post(
        f"/cases/{ref}/ombudsman/decision",
        {"decision": "upheld", "on": on, "remedy_already_provided": False},
    )

    assert again.status_code == 409
    assert wrong_body.status_code == 422  # "upheld" is the LGSCO's, not the Housing Ombudsman's
    assert wrong_body.json()["code"] == "rule"
    assert OmbudsmanCase.objects.get(case=case).reference == "24 001"


def test_a_responder_cannot_record_ombudsman_casework(personas, case):
    response = personas["responder_own"].post(
        f"/cases/{case.reference}/ombudsman", {"reference": "1", "notified_on": today().isoformat()}
    )

    assert response.status_code == 403


# --- read-only tokens -----------------------------------------------------------------------


def test_a_read_only_token_reads_but_cannot_change_anything(officer, case):
    _, secret = api_token_create(user=officer, read_only=True)
    api = ApiClient(secret)

    assert api.get(f"/cases/{case.reference}").status_code == 200
    refused = api.post(f"/cases/{case.reference}/notes", {"body": "A note"})

    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert "read-only" in refused.json()["detail"]
    assert not case.correspondence.exists()
