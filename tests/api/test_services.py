"""GET /api/v1/services: the service areas and their categories, for a client to log cases."""

import pytest

from redress.cases.models import Category, Service
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_lists_each_active_service_with_its_categories(officer_api, housing, parks):
    repairs = CategoryFactory(name="Repairs", service=housing)
    damp = CategoryFactory(name="Damp and mould", service=housing)
    CategoryFactory(name="Retired", service=housing, is_active=False)
    shared = CategoryFactory(name="Staff conduct", service=None)
    Service.objects.create(name="Closed service", slug="closed", is_active=False)
    response = officer_api.get("/services")
    assert response.status_code == 200
    listed = {s["slug"]: s for s in response.json()}
    assert set(listed) == {"housing", "parks"}
    assert listed["housing"]["name"] == "Housing"
    assert listed["housing"]["categories"] == [
        {"id": damp.pk, "name": "Damp and mould"},
        {"id": repairs.pk, "name": "Repairs"},
        {"id": shared.pk, "name": "Staff conduct"},
    ]
    # A category with no service applies to every service, as it does when logging.
    assert listed["parks"]["categories"] == [{"id": shared.pk, "name": "Staff conduct"}]


def test_a_listed_category_id_logs_a_case(officer_api, housing):
    CategoryFactory(name="Repairs", service=housing)
    services = officer_api.get("/services").json()
    category = services[0]["categories"][0]
    from tests.api.conftest import log_body

    response = officer_api.post(
        "/cases", log_body(service=services[0]["slug"], category=category["id"])
    )
    assert response.status_code == 201
    assert Category.objects.get(pk=category["id"]).cases.count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("officer", 200),
        ("administrator", 200),
        ("responder_own", 200),
        ("investigator", 200),
        ("manager", 200),
        ("no_role", 403),
        ("no_token", 401),
        ("revoked_token", 401),
    ],
)
def test_who_may_list_services(personas, persona, status):
    assert personas[persona].get("/services").status_code == status


def test_a_fixed_number_of_queries_however_many_services(
    officer_api, housing, parks, django_assert_max_num_queries
):
    for n in range(5):
        CategoryFactory(name=f"Topic {n}", service=housing)
        CategoryFactory(name=f"Topic {n}", service=parks)
    # The token-guessing check, token, last-used stamp, shared, services, categories.
    with django_assert_max_num_queries(6):
        assert officer_api.get("/services").status_code == 200


def test_the_schema_documents_services(officer_api):
    paths = officer_api.client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/services" in paths
