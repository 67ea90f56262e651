"""Letters and responses reach whoever the case says to write to, through a real SMTP server:
the person, their representative, or both, each by email or by post, each on the timeline."""

import pytest
from django.utils import timezone

from redress.cases.kinds import CorrespondenceTo
from redress.cases.services import case_acknowledge, case_set_representative
from redress.notifications.delivery import deliver_due
from redress.notifications.models import OutboundMessage
from redress.staff import drafts, letters
from redress.staff.models import TemplatePurpose
from tests.representatives.conftest import advocate, client_for
from tests.staff.test_actions import acknowledge

pytestmark = pytest.mark.django_db

SECTIONS = {
    "outcome": "upheld",
    "definition": "You told us three care visits were missed.",
    "decision": "We uphold the complaint.",
    "reasons": "The rota left the visits uncovered.",
    "remedy": "We apologise and have fixed the rota.",
    "outstanding_actions": "None.",
    "escalation": "You can ask for Stage 2.",
}


def test_an_acknowledgement_reaches_the_person_and_the_representative(
    smtp_server, represented, officer
):
    response = acknowledge(client_for(officer), represented)
    assert response.status_code == 302
    assert deliver_due().sent == 2
    [to_person] = smtp_server.to("alex@example.com")
    [to_representative] = smtp_server.to("sam.advocate@example.com")
    assert smtp_server.body(to_person).startswith("Dear Alex Example")
    body = smtp_server.body(to_representative)
    assert body.startswith("Dear Sam Advocate")
    assert represented.reference in body
    queued = list(
        represented.events.filter(kind="message_queued").values_list("summary", flat=True)
    )
    assert any("to Alex Example" in s for s in queued)
    assert any("to Sam Advocate" in s for s in queued)


def test_the_representative_only_gets_a_letter_when_they_have_no_email(smtp_server, case, officer):
    case = case_set_representative(
        case=case,
        by=officer,
        representative=advocate(email="", correspondence_to=CorrespondenceTo.REPRESENTATIVE),
        reason="Alex asked that only Sam hears from us, by post",
    )
    case_acknowledge(case=case, by=officer, on=timezone.localdate())
    case.refresh_from_db()
    letters.send(TemplatePurpose.ACKNOWLEDGEMENT, case=case, stage=case.current_stage, by=officer)
    deliver_due()
    [message] = OutboundMessage.objects.filter(case=case)
    assert message.channel == OutboundMessage.Channel.LETTER
    assert message.recipient_name == "Sam Advocate"
    assert message.recipient_address == "2 Carer Close\nTown\nAB1 2CD"
    assert message.body_text.startswith("Dear Sam Advocate")
    assert smtp_server.messages == []  # nothing emailed to anyone, the person included


def test_the_sent_response_reaches_the_representative(
    smtp_server, represented, officer, reviewer, responder
):
    case_acknowledge(case=represented, by=officer, on=timezone.localdate())
    represented.refresh_from_db()
    draft = drafts.draft_save(case=represented, by=responder, fields=SECTIONS)
    drafts.draft_submit(draft=draft, by=responder)
    drafts.draft_approve(draft=draft, by=reviewer)
    represented.refresh_from_db()
    draft.refresh_from_db()
    drafts.draft_send(
        draft=draft, by=officer, on=timezone.localdate(), expected_version=represented.version
    )
    assert deliver_due().sent == 2
    for address, name in (
        ("alex@example.com", "Alex Example"),
        ("sam.advocate@example.com", "Sam Advocate"),
    ):
        [message] = smtp_server.to(address)
        body = smtp_server.body(message)
        assert body.startswith(f"Dear {name}")
        assert "We uphold the complaint." in body
    responses = OutboundMessage.objects.filter(case=represented, template_key="response")
    assert sorted(responses.values_list("recipient_name", flat=True)) == [
        "Alex Example",
        "Sam Advocate",
    ]


def test_after_the_representative_is_removed_only_the_person_hears(
    smtp_server, represented, officer
):
    case = case_set_representative(
        case=represented, by=officer, representative=None, reason="Consent withdrawn"
    )
    acknowledge(client_for(officer), case)
    deliver_due()
    assert len(smtp_server.to("alex@example.com")) == 1
    assert smtp_server.to("sam.advocate@example.com") == []
