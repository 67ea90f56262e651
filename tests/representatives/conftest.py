"""A council with one service, its staff, and a complaint made on someone's behalf."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from redress.accounts.models import Role
from redress.cases.kinds import CorrespondenceTo
from redress.cases.representatives import Representative
from tests.factories import ServiceFactory, UserFactory, make_case
from tests.staff.conftest import recent

RECEIVED_DAYS_AGO = 10


@pytest.fixture
def service(db):
    return ServiceFactory(name="Adult social care", slug="adults")


@pytest.fixture
def officer(db):
    return UserFactory(
        username="officer", first_name="Olu", last_name="Officer", role=Role.COMPLAINTS_OFFICER
    )


@pytest.fixture
def reviewer(db):
    return UserFactory(
        username="reviewer", first_name="Rev", last_name="Reviewer", role=Role.COMPLAINTS_OFFICER
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
def manager(service):
    return UserFactory(username="manager", role=Role.MANAGER, services=[service])


def advocate(**changes) -> Representative:  # type: ignore[no-untyped-def]
    """Sam Advocate, the person's daughter, written to by email with the person."""
    fields = {
        "name": "Sam Advocate",
        "relationship": "Daughter",
        "consent_on": timezone.localdate() - dt.timedelta(days=RECEIVED_DAYS_AGO),
        "email": "sam.advocate@example.com",
        "phone": "07700 900123",
        "address": "2 Carer Close\nTown\nAB1 2CD",
        "correspondence_to": CorrespondenceTo.BOTH,
    }
    fields.update(changes)
    return Representative(**fields)


@pytest.fixture
def case(service, officer):
    """A complaint about Alex Example's care, nobody acting for them yet."""
    return make_case(
        service=service,
        by=officer,
        received_at=recent(RECEIVED_DAYS_AGO),
        person={"name": "Alex Example", "email": "alex@example.com", "address": "1 High St"},
    )


@pytest.fixture
def represented(service, officer):
    """The same complaint, made by Sam Advocate for Alex with consent; both are written to."""
    return make_case(
        service=service,
        by=officer,
        received_at=recent(RECEIVED_DAYS_AGO),
        person={"name": "Alex Example", "email": "alex@example.com", "address": "1 High St"},
        representative=advocate(),
    )


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }
