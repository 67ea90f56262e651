"""Schemathesis fuzzes every operation of the published schema against the app in-process.

Besides its own checks (no server error, documented statuses, content types and response
bodies, schema-invalid requests refused), one check of ours stands in for schemathesis's
"schema-valid data is accepted": a request that fits the schema must never be refused as
malformed (``code: invalid_request``). Refusals for rules that depend on the data or on today
(``code: rule``: an unknown service, a date after today) are not schema mismatches.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from redress.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


class SchemaLooserThanServer(AssertionError):
    pass


def sends_an_empty_file(case) -> bool:
    """Werkzeug's test client, which carries the calls, writes an empty file part with no
    line break between its headers and the next boundary, so no multipart parser (Django's
    included) can find the part: the server rightly answers that the file is missing. Real
    clients send the break, and an empty upload is then refused by the upload checks."""
    body = case.body if isinstance(case.body, dict) else {}
    return any(value == b"" for value in body.values())


def schema_valid_requests_are_well_formed(ctx, response, case):
    """A request generated to fit the schema is never refused as breaking it."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if sends_an_empty_file(case):
        return None
    if response.status_code == 422 and response.json().get("code") == "invalid_request":
        raise SchemaLooserThanServer(
            f"{case.operation.label}: the schema allowed what the server refused: "
            f"{response.json()['detail']}"
        )
    return None


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The app is called straight through WSGI, not through Django's test client, so the
    request signals would close the database connection after each call, and with it the
    test's transaction (PostgreSQL); the test client disconnects them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, settings):
    from redress.accounts.models import Role
    from redress.accounts.services import api_token_create
    from tests.factories import ServiceFactory, UserFactory

    # Schemathesis also sends wrong tokens on purpose; they must not lock the right one out.
    settings.API_TOKEN_FAILURE_LIMIT = (100000, 60)
    ServiceFactory(name="Housing", slug="housing")
    user = UserFactory(username="manager", role=Role.MANAGER)
    return api_token_create(user=user)[1]


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_api(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[positive_data_acceptance],
        additional_checks=[schema_valid_requests_are_well_formed],
    )
