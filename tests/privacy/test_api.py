"""POST /api/v1/people/{id}/anonymise, and the case detail's person id."""

from __future__ import annotations

import pytest

from redress.accounts.models import Role
from redress.cases.models import Person
from redress.cases.services import case_set_access
from redress.privacy.holds import legal_hold_place
from redress.privacy.models import ErasureLog
from tests.api.conftest import client_for
from tests.factories import UserFactory
from tests.privacy.helpers import JO, full_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin():
    return UserFactory(role=Role.ADMINISTRATOR)


def test_the_case_detail_carries_the_persons_id(admin):
    case = full_case()
    body = client_for(admin).get(f"/cases/{case.reference}").json()
    assert body["person"]["id"] == case.person_id


def test_an_administrator_erases_a_person(admin):
    case = full_case()
    response = client_for(admin).post(
        f"/people/{case.person_id}/anonymise", {"reason": "Request 17"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["cases"] == 1 and response.json()["attachments"] == 1
    assert Person.objects.get(pk=case.person_id).name != JO["name"]
    detail = client_for(admin).get(f"/cases/{case.reference}").json()
    assert "Quistwick" not in str(detail)


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "  "}, {"reason": 5}])
def test_a_missing_reason_is_refused_naming_the_field(admin, body):
    case = full_case()
    response = client_for(admin).post(f"/people/{case.person_id}/anonymise", body)
    assert response.status_code in (400, 422)
    assert "reason" in response.json()["errors"]
    assert Person.objects.get(pk=case.person_id).name == JO["name"]


def test_unknown_and_hidden_people_are_not_found(admin):
    client = client_for(admin)
    for pk in ("999999", "0", "-1", str(2**70)):
        response = client.post(f"/people/{pk}/anonymise", {"reason": "x"})
        assert response.status_code in (404, 422), pk
    hidden = full_case()
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case_set_access(case=hidden, by=officer, restricted=True, reason="Sensitive")
    response = client.post(f"/people/{hidden.person_id}/anonymise", {"reason": "x"})
    assert response.status_code == 404
    assert JO["name"] not in response.content.decode()
    assert not ErasureLog.objects.exists()


def test_others_are_refused_and_a_held_case_is_a_conflict(admin):
    case = full_case()
    officer = client_for(UserFactory(role=Role.COMPLAINTS_OFFICER))
    assert officer.post(f"/people/{case.person_id}/anonymise", {"reason": "x"}).status_code == 403
    legal_hold_place(case=case, by=admin, reason="Claim")
    response = client_for(admin).post(f"/people/{case.person_id}/anonymise", {"reason": "x"})
    assert response.status_code == 409
    assert case.reference in response.json()["detail"]
    assert Person.objects.get(pk=case.person_id).name == JO["name"]
