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


def test_an_administrator_sets_the_earliest_date_on_the_settings_page(signed_in, administrator):
    url = "/casework/settings/organisation/"
    client = signed_in(administrator)
    assert b"1 January 2000" in client.get(url).content
    saved = client.post(url, date_fields("earliest_receipt_date", dt.date(2015, 4, 1)))
    assert saved.status_code == 302
    assert receipt_date_refusal(dt.date(2015, 3, 31)) == (
        "The date received cannot be before 1 April 2015."
    )
    assert receipt_date_refusal(dt.date(2015, 4, 1)) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"day": "1", "month": "4", "year": "1899"}, b"must be on or after 1 January 1990"),
        ({"day": "31", "month": "2", "year": "2015"}, b"must be a real date"),
        ({"day": "1", "month": "4", "year": "2099"}, b"must be today or in the past"),
        ({"day": "", "month": "", "year": ""}, b"Enter the date"),
    ],
)
def test_a_wrong_earliest_date_is_refused_and_kept(signed_in, administrator, typed, message):
    data = {f"earliest_receipt_date-{part}": value for part, value in typed.items()}
    response = signed_in(administrator).post("/casework/settings/organisation/", data)
    assert response.status_code == 400 and message in response.content
    if typed["year"]:
        assert f'value="{typed["year"]}"'.encode() in response.content
    assert receipt_date_refusal(dt.date(2001, 1, 1)) is None


def test_only_administrators_change_the_organisation_settings(signed_in, officer):
    client = signed_in(officer)
    assert client.get("/casework/settings/organisation/").status_code == 403
    refused = client.post(
        "/casework/settings/organisation/",
        date_fields("earliest_receipt_date", dt.date(2020, 1, 1)),
    )
    assert refused.status_code == 403
    assert receipt_date_refusal(dt.date(2001, 1, 1)) is None
