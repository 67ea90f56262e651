import importlib

import pytest

from redress.accounts.models import Role
from tests.factories import ServiceFactory, UserFactory, make_case
from tests.staff.conftest import recent


@pytest.fixture
def service(db):
    return ServiceFactory(name="Waste and recycling", slug="waste")


@pytest.fixture
def officer(db):
    return UserFactory(
        username="officer", first_name="Olu", last_name="Officer", role=Role.COMPLAINTS_OFFICER
    )


@pytest.fixture
def colleague(db):
    return UserFactory(
        username="colleague", first_name="Cai", last_name="Colleague", role=Role.COMPLAINTS_OFFICER
    )


@pytest.fixture
def responder(service):
    return UserFactory(
        username="responder",
        first_name="Rhi",
        last_name="Responder",
        role=Role.SERVICE_RESPONDER,
        services=[service],
    )


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", first_name="Ada", role=Role.ADMINISTRATOR)


@pytest.fixture
def case(service, officer):
    return make_case(service=service, by=officer, received_at=recent(10))


@pytest.fixture(autouse=True)
def adjustment_types(db):
    """The shipped list, which a transactional test run before this one may have flushed."""
    from django.apps import apps

    shipped = importlib.import_module("redress.cases.migrations.0008_shipped_adjustment_types")
    shipped.add_types(apps, None)
