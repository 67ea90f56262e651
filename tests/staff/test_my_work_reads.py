"""My work reads only what its lists show, and the same number of queries however long they
are: a field left out of a narrowed read would cost a query a row."""

import pytest
from django.urls import reverse

from redress.accounts.models import Role
from redress.cases.services import action_add, remedy_add
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from redress.staff.models import DraftState, ResponseDraft
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = UserFactory(
        username="officer", first_name="Olu", last_name="Officer", role=Role.COMPLAINTS_OFFICER
    )
    client.force_login(user)
    return user


@pytest.fixture
def colleague(db):
    return UserFactory(
        username="colleague", first_name="Cai", last_name="Colleague", role=Role.COMPLAINTS_OFFICER
    )


def _something_of_each(officer, colleague, n):
    """An overdue remedy and action, a draft to review, one returned and a delivery problem."""
    case = make_case(by=officer)
    overdue = case.received_on
    remedy_add(
        case=case,
        by=officer,
        type="apology",
        description=f"Apology {n}",
        due_on=overdue,
        owner=colleague,
    )
    action_add(case=case, by=officer, description=f"Mend fence {n}", due_on=overdue, owner=officer)
    stage = case.current_stage
    ResponseDraft.objects.create(
        case=case, stage=stage, author=colleague, state=DraftState.SUBMITTED
    )
    ResponseDraft.objects.create(case=case, stage=stage, author=officer, state=DraftState.RETURNED)
    message = message_queue(
        case=case, subject=f"Problem {n}", body_text="Hello", recipient_email="alex@example.com"
    )
    OutboundMessage.objects.filter(pk=message.pk).update(state=OutboundMessage.State.UNCERTAIN)
    return case


def test_my_work_shows_each_list_in_a_fixed_number_of_queries(
    client, officer, colleague, django_assert_max_num_queries
):
    first = _something_of_each(officer, colleague, 1)
    url = reverse("staff:my_work")
    client.get(url)
    with django_assert_max_num_queries(30) as one:
        page = client.get(url).content.decode()
    for shown in ("Action: Mend fence 1", "Cai Colleague", "Olu Officer", "Problem 1"):
        assert shown in page
    assert page.count(first.reference) >= 4  # follow-ups, both draft lists, the problem
    for n in (2, 3, 4):
        _something_of_each(officer, colleague, n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert "Mend fence 4" in page and "Problem 4" in page and "Delivery problems (4)" in page
    assert "Draft responses to review (4)" in page
