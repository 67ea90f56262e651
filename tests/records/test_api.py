"""The records API: restriction, remedies and actions, with their bad inputs."""

import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.cases.models import CaseAccessGrant
from redress.cases.services import adjustment_propose
from tests.api.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(officer):
    return client_for(officer)


def iso(day: dt.date) -> str:
    return day.isoformat()


def test_restricting_grants_the_restrictor_and_the_colleague(api, case, colleague, responder):
    response = api.post(
        f"/cases/{case.reference}/restriction",
        {"restricted": True, "grant": ["colleague"], "reason": "Staff member's relative"},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["restricted"] is True
    assert set(response.json()["people"]) == {"officer", "colleague"}
    assert client_for(responder).get(f"/cases/{case.reference}").status_code == 404
    detail = api.get(f"/cases/{case.reference}").json()
    assert detail["restricted"] is True
    revoked = api.post(f"/cases/{case.reference}/restriction", {"revoke": ["colleague"]})
    assert revoked.status_code == 200
    assert revoked.json()["people"] == ["officer"]
    opened = api.post(
        f"/cases/{case.reference}/restriction", {"restricted": False, "reason": "No longer needed"}
    )
    assert opened.json()["restricted"] is False
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds.count("access_changed") == 3


def test_unknown_usernames_are_named_in_a_422(api, case):
    response = api.post(
        f"/cases/{case.reference}/restriction",
        {"restricted": True, "grant": ["nobody-here"], "reason": "Sensitive"},
    )
    assert response.status_code == 422
    assert "nobody-here" in response.json()["errors"]["grant"][0]
    case.refresh_from_db()
    assert not case.restricted
    assert not CaseAccessGrant.objects.filter(case=case).exists()


def test_restriction_bad_inputs(api, case, officer):
    no_reason = api.post(f"/cases/{case.reference}/restriction", {"restricted": True})
    assert no_reason.status_code == 422
    assert "reason" in no_reason.json()["errors"]
    nothing = api.post(f"/cases/{case.reference}/restriction", {})
    assert nothing.status_code == 422
    assert "restricted" in nothing.json()["errors"]
    self_revoke = api.post(f"/cases/{case.reference}/restriction", {"revoke": ["officer"]})
    assert self_revoke.status_code == 422
    assert "revoke" in self_revoke.json()["errors"]
    wrong_type = api.post(f"/cases/{case.reference}/restriction", {"restricted": "perhaps"})
    assert wrong_type.status_code == 422
    assert "restricted" in wrong_type.json()["errors"]
    extra = api.post(f"/cases/{case.reference}/restriction", {"restrict": True})
    assert extra.status_code == 422
    assert "restrict" in extra.json()["errors"]


def test_a_responder_may_not_restrict_and_hidden_cases_are_404(case, responder, api, colleague):
    forbidden = client_for(responder).post(
        f"/cases/{case.reference}/restriction", {"restricted": True, "reason": "x"}
    )
    assert forbidden.status_code == 403
    api.post(f"/cases/{case.reference}/restriction", {"restricted": True, "reason": "Sensitive"})
    hidden = client_for(colleague).post(
        f"/cases/{case.reference}/restriction", {"grant": ["colleague"]}
    )
    assert hidden.status_code == 404
    assert client_for(colleague).post("/cases/CMP-2026-999999/restriction", {}).status_code == 404


def test_a_remedy_is_added_with_an_owner_and_completed(api, case, responder):
    due = timezone.localdate() + dt.timedelta(days=14)
    response = api.post(
        f"/cases/{case.reference}/remedies",
        {
            "type": "financial",
            "description": "A payment for the time and trouble.",
            "amount": "100.00",
            "due_on": iso(due),
            "owner": "responder",
        },
    )
    assert response.status_code == 201, response.json()
    remedy = response.json()
    assert (remedy["owner"], remedy["due_on"], remedy["done_on"]) == ("responder", iso(due), None)
    done = api.post(
        f"/cases/{case.reference}/remedies/{remedy['id']}/complete",
        {"on": iso(timezone.localdate()), "note": "Paid, reference BACS-123"},
    )
    assert done.status_code == 200, done.json()
    assert done.json()["done_on"] == iso(timezone.localdate())
    detail = api.get(f"/cases/{case.reference}").json()
    assert [(r["id"], r["done_on"]) for r in detail["remedies"]] == [
        (remedy["id"], iso(timezone.localdate()))
    ]
    again = api.post(
        f"/cases/{case.reference}/remedies/{remedy['id']}/complete",
        {"on": iso(timezone.localdate()), "note": "Twice"},
    )
    assert again.status_code == 409


def test_an_action_owned_by_a_service_area(api, case, service):
    due = timezone.localdate() + dt.timedelta(days=7)
    response = api.post(
        f"/cases/{case.reference}/actions",
        {"description": "Repair the bin store gate", "due_on": iso(due), "owner": service.slug},
    )
    assert response.status_code == 201, response.json()
    action = response.json()
    assert action["owner"] == service.slug
    done = api.post(
        f"/cases/{case.reference}/actions/{action['id']}/complete",
        {"on": iso(timezone.localdate()), "note": "Photo of the repaired gate on file"},
    )
    assert done.status_code == 200
    listed = api.get(f"/cases/{case.reference}").json()["actions"]
    assert listed[0]["id"] == action["id"] and listed[0]["done_on"] == iso(timezone.localdate())


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"due_on": "2001-01-01"}, "due_on"),
        ({"due_on": "2026-02-30"}, "due_on"),
        ({"owner": "no-such-owner"}, "owner"),
        ({"owner": ""}, "owner"),
        ({"type": "bribe"}, "type"),
        ({"amount": "-5"}, "amount"),
        ({"type": "financial", "amount": None}, "amount"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_remedies_are_refused_naming_the_field(api, case, change, field):
    body = {
        "type": "apology",
        "description": "An apology",
        "due_on": iso(timezone.localdate() + dt.timedelta(days=3)),
        "owner": "officer",
        **change,
    }
    response = api.post(f"/cases/{case.reference}/remedies", body)
    assert response.status_code == 422, response.json()
    assert field in response.json()["errors"]
    assert not case.remedies.exists()


def test_an_owner_who_cannot_see_the_case_is_refused(api, case):
    UserFactory(username="elsewhere", role=Role.SERVICE_RESPONDER)
    response = api.post(
        f"/cases/{case.reference}/actions",
        {"description": "Check", "due_on": iso(timezone.localdate()), "owner": "elsewhere"},
    )
    assert response.status_code == 422
    assert "cannot see this case" in response.json()["errors"]["owner"][0]


def test_completion_bad_inputs(api, case):
    action = api.post(
        f"/cases/{case.reference}/actions",
        {"description": "Check", "due_on": iso(timezone.localdate()), "owner": "officer"},
    ).json()
    url = f"/cases/{case.reference}/actions/{action['id']}/complete"
    future = api.post(url, {"on": iso(timezone.localdate() + dt.timedelta(days=2)), "note": "x"})
    assert future.status_code == 422 and "on" in future.json()["errors"]
    no_note = api.post(url, {"on": iso(timezone.localdate()), "note": ""})
    assert no_note.status_code == 422 and "note" in no_note.json()["errors"]
    assert (
        api.post(
            f"/cases/{case.reference}/actions/99999/complete",
            {"on": iso(timezone.localdate()), "note": "x"},
        ).status_code
        == 404
    )
    huge = api.post(
        f"/cases/{case.reference}/actions/{2**70}/complete",
        {"on": iso(timezone.localdate()), "note": "x"},
    )
    assert huge.status_code in (404, 422)


def test_remedies_of_a_hidden_case_are_404(case, responder, api):
    api.post(f"/cases/{case.reference}/restriction", {"restricted": True, "reason": "Sensitive"})
    other = client_for(responder)
    body = {"description": "x", "due_on": iso(timezone.localdate()), "owner": "officer"}
    assert other.post(f"/cases/{case.reference}/actions", body).status_code == 404


def test_the_case_detail_lists_adjustments(api, case):
    adjustment_propose(case=case, text="Large print, please")
    detail = api.get(f"/cases/{case.reference}").json()
    assert [(a["state"], a["description"]) for a in detail["adjustments"]] == [
        ("proposed", "Large print, please")
    ]
