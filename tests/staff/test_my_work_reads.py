"""My work reads only what its lists show, and the same number of queries however long they
are: a field left out of a narrowed read would cost a query a row."""

import datetime as dt

import pytest
from django.urls import reverse

from redress.accounts.models import Role
from redress.cases.services import action_add, remedy_add
from redress.core import clock
from redress.learning.services import learning_raise
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from redress.staff import followups, queries
from redress.staff.models import DraftState, ResponseDraft
from tests.factories import ServiceFactory, UserFactory, make_case

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
    """An overdue remedy and action, a draft to review, one returned, a delivery problem and
    a learning action the officer owns."""
    case = make_case(by=officer)
    overdue = case.received_on
    learning_raise(
        by=officer,
        case=case,
        lesson="Letters went unanswered.",
        change=f"Answer letters within a week {n}",
        service=case.service,
        owner=officer,
        due_on=clock.today() + dt.timedelta(days=30),
    )
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
    for shown in ("Cai Colleague", "Problem 1", "Answer letters within a week 1"):
        assert shown in page
    assert page.count(first.reference) >= 4  # the drafts, the problem, the learning
    for n in (2, 3, 4):
        _something_of_each(officer, colleague, n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert "Problem 4" in page and "Delivery problems (4)" in page
    assert "Answer letters within a week 4" in page
    assert "Draft responses to review (4)" in page
    assert "1 draft response returned" not in page and "4 draft responses returned" in page
    assert "<strong>8</strong> remedies and actions overdue" in page


def test_the_overdue_page_lists_in_a_fixed_number_of_queries(
    client, officer, colleague, django_assert_max_num_queries
):
    _something_of_each(officer, colleague, 1)
    url = reverse("staff:overdue")
    client.get(url)
    with django_assert_max_num_queries(30) as one:
        page = client.get(url).content.decode()
    # The remedy's owner, the action and its owner.
    for shown in ("Cai Colleague", "Action: Mend fence 1", "Olu Officer"):
        assert shown in page
    for n in (2, 3, 4):
        _something_of_each(officer, colleague, n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert "Action: Mend fence 4" in page and "8 overdue, longest overdue first." in page


def test_overdue_remedies_and_actions_are_counted_up_to_a_cap(
    client, officer, colleague, monkeypatch
):
    monkeypatch.setattr(followups, "OVERDUE_COUNT_CAP", 5)
    for n in range(2):
        _something_of_each(officer, colleague, n)
    page = client.get(reverse("staff:my_work")).content.decode()
    # Two of each, under the cap: counted exactly.
    assert "<strong>4</strong> remedies and actions overdue" in page
    _something_of_each(officer, colleague, 2)
    page = client.get(reverse("staff:my_work")).content.decode()
    # Three of each: the count stops at five, the two kinds together, and says so.
    assert "<strong>5 or more</strong> remedies and actions overdue" in page
    # The page of them all lists the longest overdue and says the rest are not listed.
    monkeypatch.setattr(followups, "LISTED", 2)
    page = client.get(reverse("staff:overdue")).content.decode()
    assert "5 or more overdue, longest overdue first." in page
    assert "Only the 2 longest overdue are listed." in page
    assert page.count("Action: Mend fence") + page.count("Apology") == 2


def test_someone_who_oversees_nothing_sees_their_own_on_my_work(client, colleague, monkeypatch):
    """A responder's own remedies and actions are few: My work lists them, and counts them
    beyond those it shows."""
    monkeypatch.setattr(followups, "SHOWN", 2)
    officer = UserFactory(username="other-officer", role=Role.COMPLAINTS_OFFICER)
    housing = ServiceFactory(name="Housing", slug="housing")
    responder = UserFactory(username="responder", role=Role.SERVICE_RESPONDER, services=[housing])
    overdue = clock.today() - dt.timedelta(days=3)

    def mend_gate(n):
        case = make_case(service=housing, by=officer)
        action_add(
            case=case, by=officer, description=f"Mend gate {n}", due_on=overdue, owner=responder
        )

    mend_gate(0)
    mend_gate(1)
    client.force_login(responder)
    page = client.get(reverse("staff:my_work")).content.decode()
    assert "Remedies and actions you own" in page
    assert "Action: Mend gate 0" in page and "Action: Mend gate 1" in page
    assert "See all the remedies and actions overdue" not in page
    mend_gate(2)
    page = client.get(reverse("staff:my_work")).content.decode()
    assert page.count("Action: Mend gate") == 2
    assert "Remedies and actions overdue: the 2 longest overdue" in page
    assert "See all the remedies and actions overdue" in page


def test_drafts_to_review_are_counted_beyond_those_shown(client, officer, colleague, monkeypatch):
    monkeypatch.setattr(queries, "DRAFTS_SHOWN", 2)
    first = _something_of_each(officer, colleague, 1)
    for n in (2, 3):
        _something_of_each(officer, colleague, n)
    page = client.get(reverse("staff:my_work")).content.decode()
    assert "Draft responses to review (3)" in page
    assert "The 2 waiting longest. Review these to see the next." in page
    # The officer's own drafts returned to them are counted the same way.
    assert "3 draft responses returned to you with comments" in page
    assert page.count("govuk-notification-banner__link") == 2
    # The one submitted first is among those shown.
    assert f"{first.reference}: " in page.split("Draft responses to review")[1]


def test_both_queues_rows_are_read_in_one_query(client, officer, django_assert_max_num_queries):
    mine = make_case(by=officer)
    mine.current_handler = officer
    mine.save(update_fields=["current_handler"])
    waiting = make_case(by=officer)
    with django_assert_max_num_queries(30) as read:
        page = client.get(reverse("staff:my_work")).content.decode()
    assigned, team = page.split("Assigned to you", 1)[1].split("Waiting for someone", 1)
    assert mine.reference in assigned and waiting.reference not in assigned
    assert waiting.reference in team and mine.reference not in team
    case_rows = [
        query["sql"]
        for query in read.captured_queries
        if query["sql"].startswith('SELECT "cases_case"."id", "cases_case"."reference"')
    ]
    assert len(case_rows) == 1
