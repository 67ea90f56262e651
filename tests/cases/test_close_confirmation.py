"""Closing a case with things still open lists them and needs a confirmation, on the page, the
API and in the service."""

import datetime as dt

import pytest

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.closing import open_items
from redress.cases.models import Case, OutstandingAction, Remedy
from redress.cases.services import case_close, case_respond
from redress.core.errors import InvalidInput
from tests.api.conftest import client_for
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db
RECEIVED = dt.datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)


@pytest.fixture
def officer():
    return UserFactory(role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def answered(officer):
    case = make_case(received_at=RECEIVED, by=officer)
    return case_respond(case=case, by=officer, on=dt.date(2026, 11, 10), outcome="upheld")


def test_nothing_open_closes_without_confirmation(officer, answered):
    assert open_items(answered) == []
    assert case_close(case=answered, by=officer).status == "closed"


def test_open_action_and_unpaid_remedy_need_confirmation(officer, answered):
    OutstandingAction.objects.create(case=answered, description="Repair the gate")
    Remedy.objects.create(case=answered, type="financial", description="Pay £50")
    Remedy.objects.create(
        case=answered, type="apology", description="Done", done_on=dt.date(2026, 11, 11)
    )
    items = open_items(answered)
    assert len(items) == 2 and "Repair the gate" in items[0] and "Pay £50" in items[1]
    with pytest.raises(InvalidInput) as refused:
        case_close(case=answered, by=officer)
    assert "confirm" in refused.value.field_errors
    assert "Repair the gate" in refused.value.message
    assert Case.objects.get(pk=answered.pk).status == "responded"
    assert case_close(case=answered, by=officer, confirm=True).status == "closed"


def test_the_close_page_lists_open_items_and_asks_to_close_anyway(client, officer, answered):
    OutstandingAction.objects.create(case=answered, description="Repair the gate")
    client.force_login(officer)
    url = f"/casework/cases/{answered.reference}/close/"
    page = client.get(url)
    assert b"Repair the gate" in page.content and b"Close anyway" in page.content
    refused = client.post(url, {"expected_version": answered.version})
    assert refused.status_code == 400 and b"Confirm that you want to close it" in refused.content
    closed = client.post(url, {"expected_version": answered.version, "confirm": "on"})
    assert closed.status_code == 302
    assert Case.objects.get(pk=answered.pk).status == "closed"


def test_the_api_takes_confirm(officer, answered):
    OutstandingAction.objects.create(case=answered, description="Repair the gate")
    api = client_for(officer)
    refused = api.post(f"/cases/{answered.reference}/close", {})
    assert refused.status_code == 422 and "confirm" in refused.json()["errors"]
    closed = api.post(f"/cases/{answered.reference}/close", {"confirm": True})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_an_approved_unsent_response_is_listed(officer, answered):
    from redress.staff.models import ResponseDraft

    ResponseDraft.objects.create(case=answered, stage=answered.current_stage, state="approved")
    ResponseDraft.objects.create(case=answered, stage=answered.current_stage, state="sent")
    assert open_items(answered) == [f"Approved response to {answered.current_stage.name} not sent"]
