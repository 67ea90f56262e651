"""The person's view of their case: each response sent with its text, and what we agreed to
do with how far it has got, in plain words; never what was meant for staff only."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils.html import escape

from redress.accounts.models import Role
from redress.cases.models import Case
from redress.cases.services import (
    action_add,
    action_complete,
    case_acknowledge,
    case_respond,
    correspondence_add,
    remedy_add,
    remedy_complete,
)
from redress.core import clock
from redress.core.dates import long_date
from redress.portal.selectors import pounds, promises, status_of
from redress.staff import drafts
from tests.factories import UserFactory, make_case
from tests.portal.helpers import RESPONSE, grant_progress, send_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    received = clock.now() - dt.timedelta(days=10)
    return make_case(received_at=received)


def _page(client, case) -> str:
    response = client.get(grant_progress(client, case))
    assert response.status_code == 200
    return response.content.decode()


def test_before_any_response_the_page_says_so(client, case):
    page = _page(client, case)
    assert "We have not sent our response yet." in page
    assert "Nothing yet apart from our confirmation email." in page
    assert "What we agreed to do" not in page


def test_a_sent_response_is_shown_with_its_stage_date_and_text(client, case):
    send_response(case)
    page = _page(client, case)
    assert "Stage 1 response" in page
    assert f'Sent on</dt><dd class="govuk-summary-list__value">{long_date(clock.today())}' in (page)
    assert "Upheld: we agree that we got things wrong" in page
    for text in (RESPONSE["definition"], RESPONSE["reasons"], RESPONSE["outstanding_actions"]):
        assert text in page
    assert "Why we reached this decision" in page, "the Code's headings"
    assert "Nothing yet apart from our confirmation email" not in page


def test_drafts_not_yet_sent_and_review_comments_are_never_shown(client, case):
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    reviewer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case_acknowledge(case=case, by=officer, on=clock.today())
    case = Case.objects.get(pk=case.pk)
    fields = {**RESPONSE, "reasons": "A draft reason nobody has approved."}
    draft = drafts.draft_save(case=case, by=officer, fields=fields)
    drafts.draft_submit(draft=draft, by=officer)
    drafts.draft_return(draft=draft, by=reviewer, comments="Too blunt: soften it.")
    correspondence_add(
        case=case,
        by=officer,
        kind="note",
        direction="internal",
        body="Internal: the crew supervisor is on a warning.",
        happened_at=clock.now(),
    )
    page = _page(client, case)
    assert "A draft reason nobody has approved." not in page
    assert "soften it" not in page
    assert "on a warning" not in page
    assert "We have not sent our response yet." in page


def test_a_stage_answered_without_a_written_response_is_still_listed(client, case):
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case_acknowledge(case=case, by=officer, on=clock.today())
    case_respond(case=Case.objects.get(pk=case.pk), by=officer, on=clock.today(), outcome="upheld")
    page = _page(client, case)
    assert "Stage 1 response" in page
    assert "Its full text is not shown here" in page
    assert "We have not sent our response yet." not in page


def test_letters_recorded_as_sent_to_the_person_are_listed(client, case):
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    correspondence_add(
        case=case,
        by=officer,
        kind="letter",
        direction="out",
        subject="About your bin",
        body="We have spoken to the crew.",
        happened_at=clock.now(),
    )
    page = _page(client, case)
    assert "About your bin" in page and "We have spoken to the crew." in page


def _agree(case, officer):
    today = clock.today()
    paid = remedy_add(
        case=case,
        by=officer,
        type="financial",
        description="For the time and trouble.",
        amount=Decimal("150"),
        due_on=today + dt.timedelta(days=14),
        owner=officer,
    )
    apology = remedy_add(
        case=case,
        by=officer,
        type="apology",
        description="A letter from the head of service.",
        due_on=today - dt.timedelta(days=2),
        owner=officer,
    )
    check = action_add(
        case=case,
        by=officer,
        description="Check the new route with the crew.",
        due_on=today + dt.timedelta(days=7),
        owner=officer,
    )
    return paid, apology, check


def test_remedies_and_actions_are_shown_with_their_status_in_plain_words(client, case):
    officer = send_response(case)
    paid, apology, check = _agree(case, officer)
    action_complete(
        action=check, by=officer, on=clock.today(), note="Route sheet ref RS-99 signed off"
    )
    page = _page(client, case)
    today = clock.today()
    assert "What we agreed to do" in page
    assert "Payment of £150" in page and "For the time and trouble." in page
    assert f"Due by {long_date(today + dt.timedelta(days=14))}" in page
    assert f"Not done yet: it was due by {long_date(today - dt.timedelta(days=2))}" in page
    assert "Check the new route with the crew." in page
    assert f"Done on {long_date(today)}" in page
    # Staff's evidence and who owns each item are for staff.
    assert "RS-99" not in page
    assert escape(officer.display_name) not in page


def test_a_remedy_marked_done_says_when(case):
    officer = send_response(case)
    paid, _, _ = _agree(case, officer)
    remedy_complete(remedy=paid, by=officer, on=clock.today(), note="BACS 123")
    listed = {p.what: p for p in promises(Case.objects.get(pk=case.pk))}
    assert listed["Payment of £150"].status == f"Done on {long_date(clock.today())}"
    assert listed["Payment of £150"].done


def test_a_restricted_case_shows_responses_but_not_the_wording_of_what_was_agreed(client, case):
    officer = send_response(case)
    _agree(case, officer)
    Case.objects.filter(pk=case.pk).update(restricted=True)
    page = _page(client, case)
    assert RESPONSE["reasons"] in page, "the response is what the person received"
    assert "For the time and trouble." not in page
    assert "Our responses set out what we agreed to do." in page


def test_another_browser_sees_nothing(case):
    send_response(case)
    page = Client().get(f"/feedback/progress/case/{case.reference}/")
    assert page.status_code == 404


@pytest.mark.parametrize(
    ("amount", "shown"),
    [("150", "£150"), ("150.00", "£150"), ("12.5", "£12.50"), ("1250", "£1,250")],
)
def test_amounts_read_as_money(amount, shown):
    assert pounds(Decimal(amount)) == shown


def test_status_words():
    today = dt.date(2026, 3, 3)
    assert status_of(dt.date(2026, 3, 3), None, today) == "Due by 3 March 2026"
    assert status_of(dt.date(2026, 3, 2), None, today) == "Not done yet: it was due by 2 March 2026"
    assert status_of(dt.date(2026, 3, 9), dt.date(2026, 3, 2), today) == "Done on 2 March 2026"
    assert status_of(None, None, today) == "Not done yet"
