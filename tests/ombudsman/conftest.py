"""Complaints that have been through their procedure, ready for the Ombudsman, made through
the service functions as the product makes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from redress.accounts.models import Role
from redress.calendars.clock import LONDON
from redress.cases.models import Case
from redress.cases.services import case_escalate, case_respond
from redress.procedures.services import definition_of
from tests.factories import ServiceFactory, UserFactory, make_case


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def finished_complaint(
    received: dt.date, *, service=None, procedure: str | None = None, **fields
) -> Case:
    """A complaint answered at every stage of its procedure, a few days apart."""
    case = make_case(
        service=service,
        procedure=procedure,
        received_at=dt.datetime.combine(received, dt.time(10, 0), tzinfo=LONDON),
        **fields,
    )
    day = received
    while True:
        day += dt.timedelta(days=3)
        case = case_respond(case=case, by=None, on=day, outcome="not_upheld")
        definition = definition_of(case.procedure_version)
        if definition.stage_after(case.current_stage.key) is None:
            return case
        day += dt.timedelta(days=1)
        case = case_escalate(case=case, by=None, requested_on=day)


@pytest.fixture
def service():
    return ServiceFactory(name="Housing repairs", slug="repairs")


@pytest.fixture
def officer():
    return UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def administrator():
    return UserFactory(username="admin", role=Role.ADMINISTRATOR)


@pytest.fixture
def responder(service):
    return UserFactory(username="responder", role=Role.SERVICE_RESPONDER, services=[service])


@pytest.fixture
def manager(service):
    return UserFactory(username="manager", role=Role.MANAGER, services=[service])


@pytest.fixture
def investigator():
    return UserFactory(username="investigator", role=Role.INVESTIGATOR)


@pytest.fixture
def finished(db, service):
    """A complaint under the Code whose stage 2 was answered 20 days ago."""
    return finished_complaint(days_ago(27), service=service)


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
