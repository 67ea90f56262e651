import datetime as dt

import pytest

from redress.accounts.models import Role
from redress.cases.models import Directorate
from redress.core import clock
from redress.learning.services import learning_raise
from tests.factories import ServiceFactory, UserFactory, make_case
from tests.staff.conftest import recent


@pytest.fixture
def directorate(db):
    return Directorate.objects.create(name="Place", slug="place")


@pytest.fixture
def service(directorate):
    service = ServiceFactory(name="Waste and recycling", slug="waste")
    service.directorate = directorate
    service.save()
    return service


@pytest.fixture
def other_service(db):
    return ServiceFactory(name="Council tax", slug="council-tax")


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", first_name="Olu", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def head(service):
    """A manager of the service area who is also its head of service."""
    user = UserFactory(username="head", first_name="Hana", role=Role.MANAGER, services=[service])
    service.head = user
    service.save()
    return user


@pytest.fixture
def responder(service):
    return UserFactory(
        username="responder", first_name="Rhi", role=Role.SERVICE_RESPONDER, services=[service]
    )


@pytest.fixture
def outsider(other_service):
    return UserFactory(username="outsider", role=Role.SERVICE_RESPONDER, services=[other_service])


@pytest.fixture
def case(service, officer):
    return make_case(service=service, by=officer, received_at=recent(10))


def in_days(n: int) -> dt.date:
    return clock.today() + dt.timedelta(days=n)


@pytest.fixture
def learning(case, officer, service, head):
    return learning_raise(
        case=case,
        by=officer,
        lesson="Crews were not told about the road closure.",
        change="Crews get road closures each morning.",
        service=service,
        owner=head,
        due_on=in_days(30),
    )
