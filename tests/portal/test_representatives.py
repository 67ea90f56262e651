"""Feedback given on someone's behalf: the person's own details, the writer's as the
representative's, who we write to, and every portal message following that choice."""

import pytest

from redress.accounts.models import Role
from redress.cases.models import Case
from redress.cases.services import case_acknowledge, case_respond
from redress.core import clock
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.portal.services.next_stage import next_stage_request
from redress.portal.services.progress_links import progress_link_request
from tests.factories import ServiceFactory, UserFactory
from tests.portal.helpers import ANSWERS, fill_in

pytestmark = pytest.mark.django_db

FOR_MUM = {
    "for_whom": "someone_else",
    "their_name": "Jo Public",
    "relationship": "daughter",
    "consent": "on",
    "their_address": "1 Acacia Avenue\nExampleton EX1 1AA",
    "their_email": "",
}


@pytest.fixture
def service():
    return ServiceFactory(name="Waste and recycling", slug="waste")


def _send(client, service, **about) -> Case:
    fill_in(client, service, who_is_it_for={**FOR_MUM, **about})
    response = client.post("/feedback/check-your-answers/")
    assert response.status_code == 302, response.content.decode()[:2000]
    return Case.objects.select_related("person").get()


def _confirmations(case):
    return list(
        OutboundMessage.objects.filter(case=case, template_key="portal_confirmation").order_by("id")
    )


def test_by_default_the_writer_is_the_representative_and_is_written_to(client, service, smtp):
    case = _send(client, service)
    person = case.person
    assert (person.name, person.email, person.address) == (
        "Jo Public",
        "",
        FOR_MUM["their_address"],
    )
    assert person.contact_preference == "letter"
    assert case.representative_name == "Sam Public"
    assert case.representative_email == "sam@example.com"
    assert case.representative_relationship == "daughter"
    assert case.representative_consent_on == clock.today()
    assert case.correspondence_to == "representative"
    [message] = _confirmations(case)
    assert message.recipient_email == "sam@example.com" and message.channel == "email"
    assert message.body_text.startswith("Dear Sam Public,")
    assert "made for Jo Public" in message.body_text
    deliver_due()
    assert len(smtp.to("sam@example.com")) == 1
    sent = client.get("/feedback/sent/").content.decode()
    assert "We have sent a confirmation to sam@example.com." in sent


def test_both_are_written_to_when_asked_the_person_by_letter(client, service):
    case = _send(client, service, write_to="both")
    assert case.correspondence_to == "both"
    person, representative = _confirmations(case)
    assert (person.channel, person.recipient_name) == ("letter", "Jo Public")
    assert person.recipient_address == FOR_MUM["their_address"]
    assert "made for you by Sam Public" in person.body_text
    assert (representative.channel, representative.recipient_email) == ("email", "sam@example.com")
    sent = client.get("/feedback/sent/").content.decode()
    assert "We will write to Jo Public to confirm we have it." in sent


def test_only_the_person_when_asked(client, service):
    case = _send(client, service, write_to="person", their_email="jo@example.com")
    [message] = _confirmations(case)
    assert (message.recipient_email, message.recipient_name) == ("jo@example.com", "Jo Public")
    assert case.person.contact_preference == "email"


def test_a_representative_who_asks_for_letters_gets_letters(client, service):
    contact = {
        **ANSWERS["your-contact-details"],
        "address": "2 Birch Road\nExampleton",
        "preference": "letter",
    }
    fill_in(client, service, who_is_it_for=FOR_MUM, your_contact_details=contact)
    client.post("/feedback/check-your-answers/")
    case = Case.objects.get()
    assert case.representative_email == "", "no email kept, so none is sent"
    assert case.representative_address == "2 Birch Road\nExampleton"
    [message] = _confirmations(case)
    assert message.channel == "letter" and message.recipient_address.startswith("2 Birch Road")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"their_address": "", "their_email": ""}, "Enter their postal address or email address"),
        ({"their_email": "jo-at-example"}, "Enter an email address in the correct format"),
        ({"write_to": "everyone"}, "Select who we should write to"),
        ({"their_name": ""}, "Enter the name of the person you are acting for"),
    ],
)
def test_bad_answers_about_the_person_are_named_and_kept(client, service, data, message):
    client.post("/feedback/what-would-you-like-to-do/", {"kind": "complaint"})
    client.post("/feedback/which-service/", {"service": service.pk})
    response = client.post("/feedback/who-is-it-for/", {**FOR_MUM, **data})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert "daughter" in body, "what they typed is kept"
    for value in data.values():
        if value and value != "everyone":
            assert value in body


def test_writing_for_myself_stores_no_representative(client, service):
    fill_in(client, service)
    client.post("/feedback/check-your-answers/")
    case = Case.objects.select_related("person").get()
    assert case.representative_name == case.representative_email == ""
    assert case.correspondence_to == "person"
    assert case.person.email == "sam@example.com"


def test_the_check_page_shows_who_we_write_to(client, service):
    fill_in(client, service, who_is_it_for={**FOR_MUM, "write_to": "both"})
    page = client.get("/feedback/check-your-answers/").content.decode()
    assert "Who we write to" in page and "Both of us" in page
    assert "1 Acacia Avenue" in page


def test_the_representative_can_ask_for_a_progress_link(client, service):
    case = _send(client, service)
    assert progress_link_request(reference=case.reference, email="SAM@example.com")
    link = OutboundMessage.objects.get(template_key="portal_progress_link")
    assert link.recipient_email == "sam@example.com"
    assert link.body_text.startswith("Dear Sam Public,")


def test_a_representative_not_written_to_cannot_ask_for_a_link(client, service):
    case = _send(client, service, write_to="person", their_email="jo@example.com")
    assert not progress_link_request(reference=case.reference, email="sam@example.com")
    assert progress_link_request(reference=case.reference, email="jo@example.com")
    link = OutboundMessage.objects.get(template_key="portal_progress_link")
    assert link.recipient_email == "jo@example.com"


def test_a_representative_without_consent_on_record_gets_no_link(client, service):
    case = _send(client, service)
    Case.objects.filter(pk=case.pk).update(representative_consent_on=None)
    assert not progress_link_request(reference=case.reference, email="sam@example.com")


def test_asking_for_the_next_stage_tells_both(client, service):
    case = _send(client, service, write_to="both")
    officer = UserFactory(role=Role.COMPLAINTS_OFFICER)
    case_acknowledge(case=case, by=officer, on=clock.today())
    case_respond(
        case=Case.objects.get(pk=case.pk), by=officer, on=clock.today(), outcome="not_upheld"
    )
    next_stage_request(case=Case.objects.select_related("current_stage").get(pk=case.pk))
    sent = OutboundMessage.objects.filter(template_key="portal_escalated").order_by("id")
    assert [(m.recipient_name, m.channel) for m in sent] == [
        ("Jo Public", "letter"),
        ("Sam Public", "email"),
    ]
    assert "the complaint you made for Jo Public" in sent[1].body_text
