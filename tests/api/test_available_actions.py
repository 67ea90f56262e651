"""The case detail says what the caller may do now, and why not the rest."""

import datetime as dt

import pytest

from redress.calendars.clock import LONDON
from redress.cases.services import case_close, case_respond
from tests.api.conftest import client_for
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db
RECEIVED = dt.datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)


def test_a_new_case_offers_acknowledge_and_says_why_not_reopen(officer_api, housing):
    case = make_case(service=housing, received_at=RECEIVED)
    body = officer_api.get(f"/cases/{case.reference}").json()
    assert "acknowledge" in body["available_actions"]
    assert "reopen" not in body["available_actions"]
    assert body["unavailable_actions"]["reopen"] == "Only a closed case can be reopened."
    assert set(body["available_actions"]).isdisjoint(body["unavailable_actions"])


def test_a_case_closed_after_its_answer_can_still_be_escalated(officer_api, officer, housing):
    case = make_case(service=housing, received_at=RECEIVED)
    case = case_respond(case=case, by=officer, on=dt.date(2026, 11, 10), outcome="upheld")
    case_close(case=case, by=officer)
    body = officer_api.get(f"/cases/{case.reference}").json()
    assert "escalate" in body["available_actions"]
    escalated = officer_api.post(
        f"/cases/{case.reference}/escalate", {"requested_on": "2026-11-12"}
    )
    assert escalated.status_code == 200


def test_someone_without_permission_is_told_so(housing):
    case = make_case(service=housing, received_at=RECEIVED)
    manager = UserFactory(role="manager")
    manager.services.add(housing)
    body = client_for(manager).get(f"/cases/{case.reference}").json()
    assert body["available_actions"] == []
    assert "permission" in body["unavailable_actions"]["acknowledge"]
