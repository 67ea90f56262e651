import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from tests.factories import ServiceFactory, UserFactory, make_case
from tests.register.builders import governance_member, make_entry


@pytest.fixture
def service():
    return ServiceFactory(name="Customer services", slug="customer-services")


@pytest.fixture
def member():
    return governance_member("governance", first_name="Grace", last_name="Gordon")


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def contact():
    return UserFactory(
        username="contact", role=Role.COMPLAINTS_OFFICER, first_name="Connie", last_name="Contact"
    )


@pytest.fixture
def case(service, officer):
    received = timezone.now() - dt.timedelta(days=3)
    return make_case(
        service=service,
        by=officer,
        received_at=received.astimezone(LONDON),
        person={
            "name": "Pat Persistent",
            "email": "Pat@Example.com",
            "address": "12 Ordinary Road, Town, AB1 2CD",
        },
    )


@pytest.fixture
def entry(member, contact, case):
    return make_entry(by=member, contact=contact, people=[case.person])
