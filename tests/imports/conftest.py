import pytest

from tests.factories import CategoryFactory, ServiceFactory


@pytest.fixture
def housing(db):
    service = ServiceFactory(name="Housing", slug="housing", is_housing=True)
    CategoryFactory(name="Repairs", service=service)
    return service


@pytest.fixture
def waste(db):
    return ServiceFactory(name="Waste and recycling", slug="waste")
