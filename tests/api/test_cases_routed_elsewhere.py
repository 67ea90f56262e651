"""The case detail says where and when a complaint routed elsewhere went, and the schema
documents it."""

import datetime as dt
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from werkzeug.test import Client as WsgiClient

from redress.calendars.clock import LONDON
from redress.elsewhere.models import RoutedElsewhere
from redress.wsgi import application
from tests.factories import make_case

pytestmark = pytest.mark.django_db

RECEIVED = dt.datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)
ROUTING = {
    "destination": "human_resources",
    "to_name": "Hannah Reyes, HR business partner",
    "to_email": "hr.casework@example.gov.uk",
    "on": "2026-11-04",
    "reason": "The complaint is about the conduct of the head of planning.",
}


@pytest.fixture
def fresh(housing):
    return make_case(service=housing, received_at=RECEIVED)


def _route(client, case):  # noqa: ANN001, ANN202
    response = client.post(f"/cases/{case.reference}/route-elsewhere", ROUTING)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_case_never_routed_says_null(officer_api, fresh):
    detail = officer_api.get(f"/cases/{fresh.reference}").json()
    assert detail["routed_elsewhere"] is None


def test_the_detail_says_where_when_and_why_it_went(officer_api, officer, fresh):
    answered = _route(officer_api, fresh)
    detail = officer_api.get(f"/cases/{fresh.reference}").json()
    routing = RoutedElsewhere.objects.get(case=fresh)
    expected = {
        "destination": "human_resources",
        "destination_name": "An individual senior officer: to Human Resources",
        "to_name": ROUTING["to_name"],
        "to_email": ROUTING["to_email"],
        "routed_on": "2026-11-04",
        "reason": ROUTING["reason"],
        "routed_by": officer.username,
    }
    recorded = dt.datetime.fromisoformat(detail["routed_elsewhere"].pop("recorded_at"))
    assert abs(recorded - routing.recorded_at) < dt.timedelta(milliseconds=1)
    assert detail["routed_elsewhere"] == expected
    answered["routed_elsewhere"].pop("recorded_at")
    assert answered["routed_elsewhere"] == expected  # the action's own answer says it too
    assert detail["status"] == "closed" and detail["not_accepted_reason"] == "other_procedure"


def test_a_reopened_case_still_says_where_it_went(officer_api, fresh):
    _route(officer_api, fresh)
    reopened = officer_api.post(f"/cases/{fresh.reference}/reopen", {"reason": "Sent back"})
    assert reopened.status_code == 200, reopened.content
    assert reopened.json()["status"] != "closed"
    assert reopened.json()["routed_elsewhere"]["to_name"] == ROUTING["to_name"]


def test_reading_the_routing_costs_no_query_of_its_own(officer_api, housing, fresh):
    plain = make_case(service=housing, received_at=RECEIVED)
    _route(officer_api, fresh)
    with CaptureQueriesContext(connection) as unrouted:
        officer_api.get(f"/cases/{plain.reference}")
    with CaptureQueriesContext(connection) as routed:
        officer_api.get(f"/cases/{fresh.reference}")
    assert len(routed.captured_queries) == len(unrouted.captured_queries)


def test_the_schema_documents_the_routing(officer_api):
    schema = officer_api.client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    field = schema["CaseOut"]["properties"]["routed_elsewhere"]
    assert "route_elsewhere" in field["description"]
    assert "routed_elsewhere" in schema["CaseOut"]["required"]
    routing = schema["RoutedElsewhereOut"]
    assert set(routing["required"]) == {
        "destination",
        "destination_name",
        "to_name",
        "to_email",
        "routed_on",
        "reason",
        "routed_by",
        "recorded_at",
    }
    assert routing["properties"]["destination"]["$ref"].endswith("/Destination")
    assert set(schema["Destination"]["enum"]) == {
        "monitoring_officer",
        "human_resources",
        "other_organisation",
        "statutory_procedure",
    }


@contextmanager
def connection_kept_for_wsgi():
    """While the app is called straight through WSGI, as schemathesis calls it: the request
    signals would otherwise close the test's connection (see test_schemathesis.py). Entered
    after any call through Django's test client, which connects them again when it ends."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_a_routed_case_fits_the_published_schema(officer_api, officer, fresh):
    # Schemathesis's own runs meet few routed cases: check one against the schema here.
    _route(officer_api, fresh)
    with connection_kept_for_wsgi():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
        operation = schema["/api/v1/cases/{reference}"]["GET"]
        response = WsgiClient(application).get(
            f"/api/v1/cases/{fresh.reference}", headers=officer_api.headers
        )
    assert response.status_code == 200
    assert response.json["routed_elsewhere"]["destination"] == "human_resources"
    operation.validate_response(response)
