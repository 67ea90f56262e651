"""Following progress: a one-time emailed link, no enumeration, stage 2 and the survey."""

import datetime as dt
import re

import pytest
from django.test.signals import template_rendered
from django.utils import timezone

from redress.accounts.models import Role
from redress.cases.services import case_acknowledge, case_close, case_respond
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.portal.models import ProgressLink, SurveyResponse
from redress.portal.services.progress_links import progress_link_request
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return make_case(received_at=timezone.now() - dt.timedelta(days=3))


def _link_for(smtp, address):
    deliver_due()
    body = smtp.body(smtp.to(address)[-1])
    return re.search(r"http\S+/feedback/progress/link/\S+/", body).group(0)


def _open(client, link):
    path = link.split("127.0.0.1:8000", 1)[-1]
    assert client.get(path).status_code == 200
    return client.post(path)


def _answer(case):
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    today = timezone.localdate()
    case_acknowledge(case=case, by=officer, on=today)
    case_respond(case=case, by=officer, on=today, outcome="not_upheld")
    return officer


def test_same_answer_whether_or_not_the_reference_exists(client, case):
    right = client.post(
        "/feedback/progress/", {"reference": case.reference, "email": "alex@example.com"}
    )
    wrong_email = client.post(
        "/feedback/progress/", {"reference": case.reference, "email": "eve@example.com"}
    )
    no_case = client.post(
        "/feedback/progress/", {"reference": "CMP-2026-999999", "email": "alex@example.com"}
    )
    assert right.status_code == wrong_email.status_code == no_case.status_code == 302
    assert right["Location"] == wrong_email["Location"] == no_case["Location"]
    assert OutboundMessage.objects.filter(template_key="portal_progress_link").count() == 1
    assert ProgressLink.objects.count() == 1


def _lookup(reference, email):  # noqa: ANN001
    """The lookup's answer and the links of the progress-link emails it rendered."""
    rendered = []

    def note(sender, template, context, **kwargs):  # noqa: ANN001, ANN003
        if template.name == "portal/email/progress_link.txt":
            rendered.append(context["link"])

    template_rendered.connect(note)
    try:
        answer = progress_link_request(reference=reference, email=email)
    finally:
        template_rendered.disconnect(note)
    return answer, rendered


@pytest.mark.parametrize(
    ("reference", "email"),
    [("CMP-2026-999999", "alex@example.com"), (None, "eve@example.com")],
    ids=["unknown reference", "wrong email"],
)
def test_no_match_does_the_same_work_but_stores_and_sends_nothing(case, reference, email):
    # The same token, hashing and rendering as a match, so the time taken gives less away.
    answer, links = _lookup(reference or case.reference, email)
    assert answer is False
    assert len(links) == 1 and "/feedback/progress/link/" in links[0]
    assert not ProgressLink.objects.exists()
    assert not OutboundMessage.objects.filter(template_key="portal_progress_link").exists()


def test_reference_is_matched_whatever_its_case(case):
    assert progress_link_request(reference=f" {case.reference.lower()} ", email="ALEX@example.com")
    assert ProgressLink.objects.filter(case=case).count() == 1


def test_link_is_emailed_hashed_and_works_once(client, case, smtp):
    client.post("/feedback/progress/", {"reference": case.reference, "email": "ALEX@example.com"})
    link = _link_for(smtp, "alex@example.com")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert not ProgressLink.objects.filter(token_hash=token).exists(), "only the hash is kept"
    response = _open(client, link)
    assert response["Location"] == f"/feedback/progress/case/{case.reference}/"
    page = client.get(response["Location"]).content.decode()
    assert case.reference in page and "We will confirm by" in page
    from django.test import Client

    again = Client()
    path = link.split("127.0.0.1:8000", 1)[-1]
    assert again.post(path).status_code == 410
    assert again.get(f"/feedback/progress/case/{case.reference}/").status_code == 404


def test_expired_link_does_not_open(client, case, smtp):
    client.post("/feedback/progress/", {"reference": case.reference, "email": "alex@example.com"})
    link = _link_for(smtp, "alex@example.com")
    ProgressLink.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    path = link.split("127.0.0.1:8000", 1)[-1]
    assert client.post(path).status_code == 410


def test_lookups_are_rate_limited(client, case, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "lookup": (2, 900)}
    data = {"reference": case.reference, "email": "alex@example.com"}
    assert client.post("/feedback/progress/", data).status_code == 302
    assert client.post("/feedback/progress/", data).status_code == 302
    limited = client.post("/feedback/progress/", data)
    assert limited.status_code == 429
    assert case.reference in limited.content.decode(), "what they typed is kept"


def test_bad_lookup_input_is_named(client):
    response = client.post("/feedback/progress/", {"reference": "", "email": "nope"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter your reference" in body and "correct format" in body


def test_ask_for_stage_two_after_the_answer_then_survey_once_after_closure(client, case, smtp):
    client.post("/feedback/progress/", {"reference": case.reference, "email": "alex@example.com"})
    _open(client, _link_for(smtp, "alex@example.com"))
    progress = f"/feedback/progress/case/{case.reference}/"
    assert client.post(progress + "next-stage/").status_code == 400, "not answered yet"
    _answer(case)
    assert "Ask for Stage 2" in client.get(progress).content.decode()
    response = client.post(progress + "next-stage/")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.current_stage.number == 2 and case.status == "open"
    assert OutboundMessage.objects.filter(template_key="portal_escalated").count() == 1
    assert client.get(progress + "survey/").status_code == 400, "survey waits for closure"
    investigator = UserFactory(role=Role.COMPLAINTS_OFFICER)
    today = timezone.localdate()
    case_acknowledge(case=case, by=investigator, on=today)
    case_respond(case=case, by=investigator, on=today, outcome="upheld")
    case_close(case=case, by=investigator)
    bad = client.post(progress + "survey/", {"handling": "9"})
    assert bad.status_code == 400 and "Select how satisfied" in bad.content.decode()
    data = {"handling": "4", "outcome": "2", "easy_to_contact": "yes", "comments": "Slow"}
    assert client.post(progress + "survey/", data).status_code == 200
    assert client.post(progress + "survey/", data).status_code == 400
    survey = SurveyResponse.objects.get(case=case)
    assert (survey.handling, survey.outcome, survey.easy_to_contact) == (4, 2, True)
