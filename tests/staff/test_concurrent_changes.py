"""No lost updates: a change made from a page opened on an older version of the case is
refused with the "someone else changed this case" message, for assign as for every action."""

import pytest

from redress.cases.models import Case
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db
CONFLICT = b"Someone else changed this case after you opened it"


def test_the_second_of_two_concurrent_assigns_gets_the_conflict(
    signed_in, officer, second_officer, case
):
    opened_at = case.version  # both officers opened the assign page on this version
    first = signed_in(officer).post(
        f"/casework/cases/{case.reference}/assign/",
        {"expected_version": opened_at, "handler": officer.pk},
    )
    assert first.status_code == 302
    second = signed_in(second_officer).post(
        f"/casework/cases/{case.reference}/assign/",
        {"expected_version": opened_at, "handler": second_officer.pk},
    )
    assert second.status_code == 400
    assert CONFLICT in second.content
    assert Case.objects.get(pk=case.pk).current_handler == officer


def test_a_note_from_a_stale_page_is_refused_too(signed_in, officer, case):
    client = signed_in(officer)
    stale = case.version
    client.post(
        f"/casework/cases/{case.reference}/assign/",
        {"expected_version": stale, "handler": officer.pk},
    )
    response = client.post(
        f"/casework/cases/{case.reference}/note/",
        {"expected_version": stale, "kind": "note", "direction": "internal", "body": "Kept"},
    )
    assert response.status_code == 400
    assert CONFLICT in response.content and b"Kept" in response.content
    assert not Case.objects.get(pk=case.pk).correspondence.exists()


def test_the_second_of_two_concurrent_api_assigns_is_409(officer, second_officer, case):
    version = case.version
    first = client_for(officer).post(
        f"/cases/{case.reference}/assign",
        {"handler": officer.username, "expected_version": version},
    )
    assert first.status_code == 200, first.content
    second = client_for(second_officer).post(
        f"/cases/{case.reference}/assign",
        {"handler": second_officer.username, "expected_version": version},
    )
    assert second.status_code == 409
    assert "Someone else changed this case" in second.json()["detail"]
    assert Case.objects.get(pk=case.pk).current_handler == officer
