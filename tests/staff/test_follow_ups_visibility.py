"""My work's overdue remedies and actions, and the page of them all, keep to the visibility of
their cases: those on a restricted case are listed and counted only for people granted access
to it."""

import datetime as dt

import pytest
from django.urls import reverse

from redress.accounts.models import Role
from redress.cases.services import action_add, remedy_add
from redress.core import clock
from tests.factories import ServiceFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

SECRET_REMEDY = "Quillwort apology"
SECRET_ACTION = "Quillwort inspection"


@pytest.fixture
def cases():
    housing = ServiceFactory(name="Housing", slug="housing")
    granted = UserFactory(username="granted", role=Role.COMPLAINTS_OFFICER)
    received = clock.now() - dt.timedelta(days=20)
    restricted = make_case(service=housing, by=granted, received_at=received, restricted=True)
    ordinary = make_case(service=housing, by=granted, received_at=received)
    overdue = clock.today() - dt.timedelta(days=3)
    for case, remedy, action in (
        (restricted, SECRET_REMEDY, SECRET_ACTION),
        (ordinary, "Ordinary apology", "Ordinary inspection"),
    ):
        remedy_add(
            case=case, by=granted, type="apology", description=remedy, due_on=overdue, owner=granted
        )
        action_add(case=case, by=granted, description=action, due_on=overdue, owner=granted)
    return {"granted": granted, "housing": housing, "ordinary": ordinary}


def _my_work(client, user):
    client.force_login(user)
    return client.get(reverse("staff:my_work")).content.decode()


def test_the_granted_officer_counts_both_cases_remedies_and_actions(client, cases):
    page = _my_work(client, cases["granted"])
    assert "<strong>4</strong> remedies and actions overdue" in page
    # Those who oversee cases have the count on My work and the list on its own page.
    assert "Action: Ordinary inspection" not in page


@pytest.mark.parametrize("role", [Role.COMPLAINTS_OFFICER, Role.MANAGER])
def test_others_count_only_the_ordinary_cases(client, cases, role):
    other = UserFactory(username="other", role=role, services=[cases["housing"]])
    page = _my_work(client, other)
    assert "Quillwort" not in page
    assert "<strong>2</strong> remedies and actions overdue" in page
    page = _overdue_page(client, other)
    assert "Action: Ordinary inspection" in page
    assert cases["ordinary"].reference in page
    assert "Quillwort" not in page


def _overdue_page(client, user):
    client.force_login(user)
    return client.get(reverse("staff:overdue")).content.decode()


def test_the_page_of_them_all_keeps_to_the_same_rule(client, cases):
    page = _overdue_page(client, cases["granted"])
    assert "4 overdue, longest overdue first." in page
    assert SECRET_REMEDY not in page  # a remedy is shown by its type, not its description
    assert f"Action: {SECRET_ACTION}" in page and "Action: Ordinary inspection" in page
    other = UserFactory(username="other", role=Role.MANAGER, services=[cases["housing"]])
    page = _overdue_page(client, other)
    assert "Across your service areas" in page
    assert "2 overdue, longest overdue first." in page
    assert "Quillwort" not in page and "Action: Ordinary inspection" in page


def test_someone_who_oversees_nothing_sees_what_they_own(client, cases):
    responder = UserFactory(
        username="responder", role=Role.SERVICE_RESPONDER, services=[cases["housing"]]
    )
    page = _overdue_page(client, responder)
    assert "Remedies and actions you own" in page
    # Every overdue item belongs to the granted officer: none is the responder's.
    assert "No remedy or action is overdue." in page
    overdue = clock.today() - dt.timedelta(days=1)
    action_add(
        case=cases["ordinary"],
        by=cases["granted"],
        description="Responder's inspection",
        due_on=overdue,
        owner=responder,
    )
    page = _overdue_page(client, responder)
    assert "1 overdue, longest overdue first." in page
    assert "Action: Responder&#x27;s inspection" in page
    assert "Ordinary inspection" not in page and "Quillwort" not in page
