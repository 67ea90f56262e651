"""The survey invitation: sent once when a complaint closes, by email or by letter, to whoever
we write to, with a link that opens the survey and nothing else of the case."""

import datetime as dt
import re

import pytest
from django.test import Client

from redress.accounts.models import Role
from redress.cases.kinds import CorrespondenceTo
from redress.cases.models import Case
from redress.cases.representatives import Representative
from redress.cases.services import case_acknowledge, case_close, case_reopen, case_respond
from redress.core import clock
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.portal.models import SurveyInvitation, SurveyResponse
from redress.portal.services.survey_invitations import (
    TOKEN_ALPHABET,
    new_token,
    send_survey_invitations,
    survey_invite,
)
from redress.worker.jobs import PERIODIC_JOBS
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db
ANSWERS = {"handling": "4", "outcome": "3", "easy_to_contact": "yes", "comments": ""}


@pytest.fixture
def officer():
    return UserFactory(role=Role.COMPLAINTS_OFFICER)


def _closed(officer, kind="complaint", **fields) -> Case:
    case = make_case(kind=kind, received_at=clock.now() - dt.timedelta(days=20), **fields)
    case_acknowledge(case=case, by=officer, on=clock.today())
    if kind == "complaint":
        case_respond(
            case=Case.objects.get(pk=case.pk), by=officer, on=clock.today(), outcome="upheld"
        )
    return case_close(case=Case.objects.get(pk=case.pk), by=officer, confirm=True)


def _invitations(case=None):
    rows = OutboundMessage.objects.filter(template_key="portal_survey_invitation")
    return list(rows.filter(case=case) if case else rows)


def _link_in(message) -> str:
    return re.search(r"/feedback/survey/[a-z0-9]+/", message.body_text).group(0)


def test_a_closed_complaint_is_invited_once_however_often_the_job_runs(officer, smtp):
    case = _closed(officer)
    assert send_survey_invitations() == "1 survey invitations sent"
    assert send_survey_invitations() == "0 survey invitations sent"
    assert survey_invite(case) is None, "asked directly, it still refuses a second time"
    [message] = _invitations(case)
    assert SurveyInvitation.objects.filter(case=case).count() == 1
    assert message.channel == "email" and message.recipient_email == "alex@example.com"
    assert message.subject == f"How did we do? Your complaint {case.reference}"
    deliver_due()
    [email] = smtp.to("alex@example.com")
    assert "/feedback/survey/" in smtp.body(email)
    token = _link_in(message).rstrip("/").rsplit("/", 1)[-1]
    assert not SurveyInvitation.objects.filter(token_hash=token).exists(), "only the hash"


def test_someone_who_prefers_letters_gets_a_letter_with_the_link_to_type(officer):
    person = {
        "name": "Pat Post",
        "email": "pat@example.com",
        "address": "3 Elm Street\nExampleton",
        "contact_preference": "letter",
    }
    case = _closed(officer, person=person)
    send_survey_invitations()
    [letter] = _invitations(case)
    assert letter.channel == "letter" and letter.recipient_email == ""
    assert letter.recipient_address.startswith("3 Elm Street")
    token = _link_in(letter).rstrip("/").rsplit("/", 1)[-1]
    assert set(token) <= set(TOKEN_ALPHABET) and len(token) == 12


def test_no_email_means_a_letter_and_no_address_either_means_nothing_to_send(officer):
    by_post = _closed(officer, person={"name": "No Email", "address": "4 Oak Lane"})
    by_phone = _closed(
        officer,
        person={"name": "Phone Only", "phone": "01632 960001", "contact_preference": "phone"},
    )
    send_survey_invitations()
    assert [m.channel for m in _invitations(by_post)] == ["letter"]
    assert _invitations(by_phone) == []
    assert SurveyInvitation.objects.filter(case=by_phone).exists(), "not tried again and again"


def test_a_representative_and_the_person_are_both_invited_when_both_are_written_to(officer):
    case = _closed(
        officer,
        representative=Representative(
            name="Sam Helper",
            relationship="son",
            consent_on=clock.today() - dt.timedelta(days=20),
        ),
    )
    Case.objects.filter(pk=case.pk).update(
        representative_email="sam@example.com", correspondence_to=CorrespondenceTo.BOTH
    )
    send_survey_invitations()
    sent = sorted((m.recipient_email, m.recipient_name) for m in _invitations(case))
    assert sent == [("alex@example.com", "Alex Example"), ("sam@example.com", "Sam Helper")]
    to_rep = next(m for m in _invitations(case) if m.recipient_email == "sam@example.com")
    assert "The complaint you made for Alex Example" in to_rep.body_text
    assert len({_link_in(m) for m in _invitations(case)}) == 1, "one survey per case"


def test_cases_closed_long_ago_are_not_invited(officer, settings):
    settings.PORTAL_SURVEY_INVITE_WITHIN_DAYS = 30
    old = _closed(officer)
    recent = _closed(officer)
    Case.objects.filter(pk=old.pk).update(closed_on=clock.today() - dt.timedelta(days=31))
    Case.objects.filter(pk=recent.pk).update(closed_on=clock.today() - dt.timedelta(days=30))
    send_survey_invitations()
    assert _invitations(old) == []
    assert len(_invitations(recent)) == 1


def test_only_closed_complaints_not_yet_answered_are_invited(officer):
    open_case = make_case()
    compliment = _closed(officer, kind="compliment")
    answered = _closed(officer)
    SurveyResponse.objects.create(case=answered, handling=5, outcome=5, easy_to_contact=True)
    assert send_survey_invitations() == "0 survey invitations sent"
    assert not SurveyInvitation.objects.filter(case__in=[open_case, compliment, answered]).exists()


def test_a_case_reopened_and_closed_again_is_not_invited_again(officer):
    case = _closed(officer)
    send_survey_invitations()
    case = case_reopen(case=Case.objects.get(pk=case.pk), by=officer, reason="New evidence")
    case_respond(case=case, by=officer, on=clock.today(), outcome="upheld")
    case_close(case=Case.objects.get(pk=case.pk), by=officer, confirm=True)
    send_survey_invitations()
    assert len(_invitations(case)) == 1


def test_the_link_opens_the_survey_only_and_works_until_it_is_answered(officer):
    case = _closed(officer)
    send_survey_invitations()
    link = _link_in(_invitations(case)[0])
    browser = Client()
    opened = browser.get(link)
    survey = f"/feedback/progress/case/{case.reference}/survey/"
    assert opened.status_code == 302 and opened["Location"] == survey
    page = browser.get(survey).content.decode()
    assert "How did we do?" in page and case.reference in page
    assert f'/feedback/progress/case/{case.reference}/"' not in page, "no way to the case"
    assert browser.get(f"/feedback/progress/case/{case.reference}/").status_code == 404
    bad = browser.post(survey, {"handling": "7"})
    assert bad.status_code == 400 and "Select how satisfied" in bad.content.decode()
    assert browser.post(survey, ANSWERS).status_code == 200
    assert SurveyResponse.objects.get(case=case).handling == 4
    assert Client().get(link).status_code == 410, "answered: the link is spent"


@pytest.mark.parametrize("token", ["nosuchtoken1", "x" * 300, "../../etc"])
def test_a_wrong_link_says_so(client, token):
    response = client.get(f"/feedback/survey/{token}/")
    assert response.status_code in (404, 410)
    if response.status_code == 410:
        assert "This survey link no longer works" in response.content.decode()


def test_an_expired_link_says_so(officer):
    case = _closed(officer)
    send_survey_invitations()
    SurveyInvitation.objects.update(expires_at=clock.now() - dt.timedelta(minutes=1))
    response = Client().get(_link_in(_invitations(case)[0]))
    assert response.status_code == 410


def test_a_link_typed_in_capitals_still_works(officer):
    case = _closed(officer)
    send_survey_invitations()
    link = _link_in(_invitations(case)[0])
    assert (
        Client().get(link.upper().replace("/FEEDBACK/SURVEY/", "/feedback/survey/")).status_code
        == 302
    )


def test_guessing_links_is_rate_limited(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "lookup": (2, 900)}
    assert client.get(f"/feedback/survey/{new_token()}/").status_code == 410
    assert client.get(f"/feedback/survey/{new_token()}/").status_code == 410
    limited = client.get(f"/feedback/survey/{new_token()}/")
    assert limited.status_code == 429 and "too many times" in limited.content.decode()


def test_the_job_is_on_the_worker_schedule():
    jobs = {name: job for name, _, job in PERIODIC_JOBS}
    assert jobs["survey invitations"] is send_survey_invitations


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_still_invite_once():
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        # In-memory SQLite fails at once with "table is locked" where a file waits; the
        # sequential test above covers SQLite, and this one runs on PostgreSQL.
        pytest.skip("needs a database whose writers wait for each other")
    import threading

    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    cases = [_closed(officer) for _ in range(5)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            send_survey_invitations()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    for case in cases:
        assert len(_invitations(case)) == 1
    assert SurveyInvitation.objects.count() == 5
