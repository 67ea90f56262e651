import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from tests.factories import ServiceFactory, UserFactory, make_case


@pytest.fixture
def service():
    return ServiceFactory(name="Waste and recycling", slug="waste")


@pytest.fixture
def other_service():
    return ServiceFactory(name="Parking", slug="parking")


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def second_officer():
    return UserFactory(username="officer2", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def responder(service):
    return UserFactory(username="responder", role=Role.SERVICE_RESPONDER, services=[service])


@pytest.fixture
def outsider(other_service):
    return UserFactory(username="outsider", role=Role.SERVICE_RESPONDER, services=[other_service])


@pytest.fixture
def investigator():
    return UserFactory(username="investigator", role=Role.INVESTIGATOR)


@pytest.fixture
def manager(service):
    return UserFactory(username="manager", role=Role.MANAGER, services=[service])


@pytest.fixture
def administrator():
    return UserFactory(username="admin", role=Role.ADMINISTRATOR)


def recent(days_ago: int = 3) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    # Ten in the morning, unless that is still to come today: a case cannot arrive later.
    return min(dt.datetime.combine(day, dt.time(10, 0), tzinfo=LONDON), timezone.now())


@pytest.fixture
def case(service, officer):
    return make_case(service=service, by=officer, received_at=recent())


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
