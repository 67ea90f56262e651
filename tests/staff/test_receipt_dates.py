"""No case received before the organisation's earliest date or in the future, on every way in."""

import datetime as dt

import pytest

from redress.calendars.clock import LONDON
from redress.cases.models import Case
from redress.core.dates import receipt_date_refusal
from redress.core.errors import InvalidInput
from tests.api.conftest import client_for, log_body
from tests.factories import make_case
from tests.staff.test_actions import date_fields
from tests.staff.test_log_drafts_templates import log_data

pytestmark = pytest.mark.django_db


def test_the_rule_has_a_default_and_a_setting(settings):
    assert receipt_date_refusal(dt.date(1900, 3, 3)) == (
        "The date received cannot be before 1 January 2000."
    )
    assert receipt_date_refusal(dt.date(2000, 1, 1)) is None
    assert "future" in receipt_date_refusal(dt.date(2026, 6, 2), today=dt.date(2026, 6, 1))
    settings.REDRESS = {**settings.REDRESS, "EARLIEST_RECEIPT_DATE": "2020-04-01"}
    assert "before 1 April 2020" in receipt_date_refusal(dt.date(2019, 12, 31))


def test_the_service_refuses_a_case_received_in_1900():
    with pytest.raises(InvalidInput) as refused:
        make_case(received_at=dt.datetime(1900, 3, 3, 10, 0, tzinfo=LONDON))
    assert "received_at" in refused.value.field_errors
    assert not Case.objects.exists()


def test_the_staff_log_page_names_the_field(signed_in, officer, service):
    data = log_data(service, **date_fields("received_on", dt.date(1900, 3, 3)))
    response = signed_in(officer).post("/casework/cases/new/", data)
    assert response.status_code == 400
    assert b"The date received cannot be before 1 January 2000" in response.content
    assert b'value="1900"' in response.content
    assert not Case.objects.exists()


def test_the_api_refuses_with_422(officer, service):
    body = log_body(service=service.slug, received_at="1900-03-03T10:00:00+00:00")
    response = client_for(officer).post("/cases", body)
    assert response.status_code == 422
    assert "received_at" in response.json()["errors"]
