"""My work's learning table, delivery problems and draft lists, written in Python
(redress.learning.rows, redress.notifications.problem_rows, redress.staff.draft_links): every
value from the database escaped, the same cells and links the templates wrote."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from redress.accounts.models import Role
from redress.core import clock
from redress.learning.models import LearningAction
from redress.learning.rows import CHANGE_SHOWN
from redress.learning.services import learning_raise
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from redress.staff.models import DraftState, ResponseDraft
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script> & "quotes"'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;"


@pytest.fixture
def officer(client):
    user = UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER)
    client.force_login(user)
    return user


@pytest.fixture
def hostile_colleague(db):
    return UserFactory(
        username="colleague", first_name="<b>Cai</b>", last_name="Colleague", role=Role.MANAGER
    )


def _my_work(client) -> str:
    return client.get(reverse("staff:my_work")).content.decode()


def _row_with(page: str, marker: str) -> str:
    at = page.index(marker)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


def _learning(officer, case, change, due_in_days=30):
    return learning_raise(
        by=officer,
        case=case,
        lesson="Letters went unanswered.",
        change=change,
        service=case.service,
        owner=officer,
        due_on=clock.today() + dt.timedelta(days=due_in_days),
    )


def test_learning_rows_escape_shorten_and_tag(client, officer):
    case = make_case(by=officer)
    long_change = HOSTILE + " " + "x" * 150
    action = _learning(officer, case, long_change)
    page = _my_work(client)
    row = _row_with(page, reverse("learning:detail", args=[action.pk]))
    assert "<script>" not in page
    shown = long_change[: CHANGE_SHOWN - 1] + "…"
    assert f">{ESCAPED}{shown[len(HOSTILE) :]}</a>" in row
    assert long_change[:CHANGE_SHOWN] not in row.replace(ESCAPED, HOSTILE)
    assert f"From {case.reference}" in row
    assert f'<td class="govuk-table__cell">{case.service.name}</td>' in row
    assert '<strong class="govuk-tag govuk-tag--blue">Proposed</strong>' in row
    assert "Overdue" not in row


def test_an_open_learning_action_past_its_date_is_tagged_overdue(client, officer):
    action = _learning(officer, make_case(by=officer), "Answer letters within a week")
    due = clock.today() - dt.timedelta(days=2)
    LearningAction.objects.filter(pk=action.pk).update(due_on=due)
    row = _row_with(_my_work(client), reverse("learning:detail", args=[action.pk]))
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in row
    assert f'<td class="govuk-table__cell">{due.day} {due:%B %Y}</td>' in row
    assert ">Answer letters within a week</a>" in row  # short enough to show whole


def test_the_learning_page_shows_the_same_tag(client, officer):
    action = _learning(officer, make_case(by=officer), "Answer letters within a week")
    LearningAction.objects.filter(pk=action.pk).update(status="agreed")
    page = client.get(reverse("learning:detail", args=[action.pk])).content.decode()
    assert '<strong class="govuk-tag govuk-tag--turquoise">Agreed</strong>' in page


def test_delivery_problem_rows_escape_and_tag(client, officer):
    case = make_case(by=officer)
    message = message_queue(
        case=case, subject=HOSTILE, body_text="Hello", recipient_email="alex@example.com"
    )
    OutboundMessage.objects.filter(pk=message.pk).update(state=OutboundMessage.State.FAILED)
    unattached = message_queue(
        case=None, subject="Not about a case", body_text="Hello", recipient_email="a@example.com"
    )
    OutboundMessage.objects.filter(pk=unattached.pk).update(state=OutboundMessage.State.UNCERTAIN)
    page = _my_work(client)
    assert "<script>" not in page
    row = _row_with(page, reverse("notifications:problem", args=[message.pk]))
    assert f'<td class="govuk-table__cell">{case.reference}</td>' in row
    assert f">{ESCAPED}</a>" in row
    assert '<strong class="govuk-tag govuk-tag--red">Could not be sent</strong>' in row
    queued = timezone.localtime(message.created_at)
    assert f"{queued.day} {queued:%B %Y %H:%M}" in row
    other = _row_with(page, reverse("notifications:problem", args=[unattached.pk]))
    assert '<td class="govuk-table__cell">No case</td>' in other
    assert '<strong class="govuk-tag govuk-tag--yellow">May have been sent</strong>' in other


def test_draft_links_escape_the_author_and_link_each_draft(client, officer, hostile_colleague):
    case = make_case(by=officer)
    stage = case.current_stage
    to_review = ResponseDraft.objects.create(
        case=case, stage=stage, author=hostile_colleague, state=DraftState.SUBMITTED
    )
    returned = ResponseDraft.objects.create(
        case=case, stage=stage, author=officer, state=DraftState.RETURNED
    )
    page = _my_work(client)
    assert "<b>Cai" not in page
    review_url = reverse("staff:draft", args=[case.reference, to_review.pk])
    returned_url = reverse("staff:draft", args=[case.reference, returned.pk])
    assert (
        f'<li><a class="govuk-link" href="{review_url}">{case.reference}: {stage.name} response'
        "</a> by &lt;b&gt;Cai&lt;/b&gt; Colleague</li>"
    ) in page
    assert (
        f'<li><a class="govuk-notification-banner__link" href="{returned_url}">'
        f"{case.reference}: {stage.name}</a></li>"
    ) in page
