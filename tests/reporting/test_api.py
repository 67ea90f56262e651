import pytest

from redress.accounts.models import Role
from redress.accounts.services import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/summary"


def bearer(user):
    _, secret = api_token_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_summary_counts_cases_received_in_the_period(client, dataset, officer):
    response = client.get(URL, {"from": "2026-04-01", "to": "2027-03-31"}, **bearer(officer))
    assert response.status_code == 200
    body = response.json()
    assert body["received"]["complaint"] == 7
    assert body["received"]["foi_request"] == 1
    stage1 = body["stages"]["stage1"]
    assert stage1["opened"] == 6
    assert stage1["acknowledged_within_target"] == 2
    assert stage1["responded"] == 1
    assert stage1["responded_within_target"] == 0
    assert stage1["responded_within_extended_target"] == 1
    assert stage1["escalated"] == 1
    assert body["outcomes"]["not_upheld"] == 2
    assert body["outcomes"]["withdrawn"] == 1
    assert body["outcomes"]["not_accepted"] == 1


def test_summary_for_one_service(client, dataset, officer):
    response = client.get(
        URL, {"from": "2026-04-01", "to": "2027-03-31", "service": "parks"}, **bearer(officer)
    )
    assert response.status_code == 200
    assert response.json()["received"]["complaint"] == 2  # C and F
    assert response.json()["service"] == "parks"


def test_manager_sees_only_their_services(client, dataset, parks_manager):
    headers = bearer(parks_manager)
    response = client.get(URL, {"from": "2026-04-01", "to": "2027-03-31"}, **headers)
    assert response.json()["received"]["complaint"] == 2
    refused = client.get(
        URL, {"from": "2026-04-01", "to": "2027-03-31", "service": "housing"}, **headers
    )
    assert refused.status_code == 422
    assert "service" in refused.json()["errors"]


def test_responder_is_forbidden(client, dataset):
    responder = UserFactory(role=Role.SERVICE_RESPONDER, services=[dataset.housing])
    response = client.get(URL, {"from": "2026-04-01", "to": "2026-06-30"}, **bearer(responder))
    assert response.status_code == 403


def test_no_token_is_refused(client, dataset):
    assert client.get(URL, {"from": "2026-04-01", "to": "2026-06-30"}).status_code == 401


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"to": "2026-06-30"}, "from"),
        ({"from": "2026-04-01"}, "to"),
        ({"from": "2026-02-30", "to": "2026-06-30"}, "from"),
        ({"from": "yesterday", "to": "2026-06-30"}, "from"),
        ({"from": "2026-07-01", "to": "2026-06-30"}, "from"),
        ({"from": "2026-04-01", "to": "2026-06-30", "service": "nowhere"}, "service"),
    ],
)
def test_bad_input_names_the_field(client, dataset, officer, params, field):
    response = client.get(URL, params, **bearer(officer))
    assert response.status_code == 422
    body = response.json()
    assert field in body["errors"]
    assert body["detail"]
