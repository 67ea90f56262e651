import importlib

import pytest
from django.utils import timezone

from redress.cases.models import Case
from redress.notifications.models import OutboundMessage
from redress.staff import drafts
from redress.staff.models import JargonTerm, MessageTemplate
from tests.staff.test_actions import acknowledge, date_fields

pytestmark = pytest.mark.django_db


def log_data(service, **extra):
    return {
        "kind": "complaint",
        "channel": "phone",
        **date_fields("received_on", timezone.localdate()),
        "service": service.pk,
        "summary": "Fence damaged by crew",
        "person_name": "Pat Phone",
        "person_email": "pat@example.com",
        "accepted": "yes",
        **extra,
    }


def test_log_a_phone_complaint(signed_in, officer, service):
    response = signed_in(officer).post("/casework/cases/new/", log_data(service))
    case = Case.objects.get()
    assert response["Location"] == f"/casework/cases/{case.reference}/"
    assert case.channel == "phone" and case.person.name == "Pat Phone"


def test_log_bad_input_keeps_everything(signed_in, officer, service):
    response = signed_in(officer).post(
        "/casework/cases/new/",
        log_data(
            service, person_name="", person_email="not-an-email", **{"received_on-month": "13"}
        ),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Enter the person&#x27;s name" in content and "correct format" in content
    assert "must be a real date" in content and "Fence damaged by crew" in content
    assert not Case.objects.exists()


def test_log_warns_of_the_same_persons_open_cases(signed_in, officer, service):
    client = signed_in(officer)
    client.post("/casework/cases/new/", log_data(service))
    response = client.post("/casework/cases/new/", log_data(service))
    assert response.status_code == 400 and b"already has open cases" in response.content
    assert Case.objects.count() == 1
    client.post("/casework/cases/new/", log_data(service, confirm_not_duplicate="on"))
    assert Case.objects.count() == 2


def test_log_an_excluded_complaint_records_the_reason(signed_in, officer, service):
    client = signed_in(officer)
    response = client.post("/casework/cases/new/", log_data(service, accepted="no"))
    assert b"Choose why the case is not accepted" in response.content
    client.post(
        "/casework/cases/new/",
        log_data(service, accepted="no", not_accepted_reason="over_12_months"),
    )
    case = Case.objects.get()
    assert case.outcome == "not_accepted" and case.not_accepted_reason == "over_12_months"
    assert OutboundMessage.objects.filter(template_key="refusal").exists()


SECTIONS = {
    "outcome": "upheld",
    "definition": "You told us the bin was missed.",
    "decision": "We uphold your complaint.",
    "reasons": "The crew missed your street.",
    "remedy": "We are sorry and will collect it.",
    "outstanding_actions": "None.",
    "escalation": "You can ask for Stage 2.",
}


def test_draft_review_and_send(signed_in, officer, second_officer, responder, case):
    acknowledge(signed_in(officer), case)
    client = signed_in(responder)
    response = client.post(
        f"/casework/cases/{case.reference}/response/", {**SECTIONS, "submit": "1"}
    )
    draft = case.drafts.get()
    assert response["Location"] == f"/casework/cases/{case.reference}/drafts/{draft.pk}/"
    assert draft.state == "submitted"
    # The author cannot review; a responder cannot either.
    assert (
        client.post(
            f"/casework/cases/{case.reference}/drafts/{draft.pk}/review/", {"decision": "approve"}
        ).status_code
        == 400
    )
    client = signed_in(officer)
    response = client.post(
        f"/casework/cases/{case.reference}/drafts/{draft.pk}/review/", {"decision": "return"}
    )
    assert b"Enter what needs to change" in response.content
    client.post(
        f"/casework/cases/{case.reference}/drafts/{draft.pk}/review/",
        {"decision": "return", "comments": "Add dates"},
    )
    draft.refresh_from_db()
    assert draft.state == "returned"
    case.refresh_from_db()
    send = client.post(
        f"/casework/cases/{case.reference}/drafts/{draft.pk}/send/",
        {"expected_version": case.version, **date_fields("on", timezone.localdate())},
    )
    assert send.status_code == 400 and b"Only an approved draft" in send.content
    signed_in(responder).post(f"/casework/cases/{case.reference}/drafts/{draft.pk}/submit/")
    signed_in(second_officer).post(
        f"/casework/cases/{case.reference}/drafts/{draft.pk}/review/", {"decision": "approve"}
    )
    case.refresh_from_db()
    send = signed_in(officer).post(
        f"/casework/cases/{case.reference}/drafts/{draft.pk}/send/",
        {"expected_version": case.version, **date_fields("on", timezone.localdate())},
    )
    assert send.status_code == 302
    case.refresh_from_db()
    assert case.status == "responded" and case.outcome == "upheld"
    message = OutboundMessage.objects.get(template_key="response")
    assert "Stage 1" in message.body_text and "We uphold your complaint." in message.body_text


def test_checks_warn_of_missing_parts_jargon_and_hard_reading(officer, responder, case):
    from redress.cases.services import case_acknowledge

    case_acknowledge(case=case, by=officer, on=timezone.localdate())
    case.refresh_from_db()
    JargonTerm.objects.get_or_create(term="escalate", defaults={"instead": "ask us to look again"})
    draft = drafts.draft_save(
        case=case,
        by=responder,
        fields={
            "decision": "Notwithstanding the aforementioned considerations, the organisation's "
            "determination, "
            "having comprehensively investigated the circumstances surrounding the collection "
            "arrangements, is that the complaint is substantiated.",
            "escalation": "You may escalate.",
        },
    )
    messages = " ".join(w.message for w in drafts.check(draft))
    assert "Give the reasons" in messages and "Choose the decision" in messages
    assert "'escalate' is on the jargon list" in messages
    assert "hard to read" in messages
    assert "Explain how to ask for Stage 2" in messages
    draft = drafts.draft_save(
        case=case,
        by=responder,
        draft=draft,
        fields={
            **SECTIONS,
            "escalation": "If you are not happy, you can ask for Stage 2. Reply to us.",
        },
    )
    assert drafts.check(draft) == []


def test_templates_are_edited_by_administrators_and_used(signed_in, administrator, officer, case):
    client = signed_in(administrator)
    response = client.post(
        "/casework/settings/templates/acknowledgement/",
        {"subject": "Got it {reference}", "body": "Hello {nobody}"},
    )
    assert response.status_code == 400 and b"{nobody} is not one of them" in response.content
    client.post(
        "/casework/settings/templates/acknowledgement/",
        {"subject": "Got it {reference}", "body": "Hello {person_name}: {definition}"},
    )
    assert MessageTemplate.objects.get().updated_by == administrator
    acknowledge(signed_in(officer), case)
    message = OutboundMessage.objects.get()
    assert message.subject == f"Got it {case.reference}"
    assert message.body_text == "Hello Alex Example: Bin missed; wants it emptied"


def test_jargon_list_is_editable(signed_in, officer):
    client = signed_in(officer)
    client.post("/casework/settings/jargon/", {"term": "remediate", "instead": "put right"})
    response = client.post("/casework/settings/jargon/", {"term": "remediate"})
    assert b"already on the list" in response.content
    term = JargonTerm.objects.get(term="remediate")
    client.post(f"/casework/settings/jargon/{term.pk}/delete/")
    assert not JargonTerm.objects.filter(term="remediate").exists()


@pytest.fixture
def starter_jargon():
    """The list the data migration ships. A transactional test earlier in the same process
    empties every table when it ends, so the migration's own function puts it back."""
    from django.apps import apps

    migration = importlib.import_module("redress.staff.migrations.0002_jargon_starter_list")
    migration.add_starter_list(apps, None)
    return migration.STARTER_LIST


def test_the_jargon_list_ships_with_a_starter_list(starter_jargon):
    """A new install's plain-English check has words to look for, each with plain advice."""
    terms = dict(JargonTerm.objects.values_list("term", "instead"))
    assert len(terms) >= 30
    assert terms["utilise"] == "use" and all(terms.values())


def test_a_starter_jargon_term_is_found_in_a_draft(starter_jargon, officer, responder, case):
    from redress.cases.services import case_acknowledge

    case_acknowledge(case=case, by=officer, on=timezone.localdate())
    case.refresh_from_db()
    fields = {**SECTIONS, "reasons": "We will liaise with the crew prior to your next collection."}
    draft = drafts.draft_save(case=case, by=responder, fields=fields)
    messages = " ".join(w.message for w in drafts.check(draft))
    assert "'liaise' is on the jargon list. Use 'work with, or talk to' instead." in messages
    assert "'prior to' is on the jargon list. Use 'before' instead." in messages


def _ready_for_review(officer, second_officer, responder, case, **fields):
    from redress.cases.services import case_acknowledge

    case_acknowledge(case=case, by=officer, on=timezone.localdate())
    case.refresh_from_db()
    return drafts.draft_save(case=case, by=responder, fields={**SECTIONS, **fields})


def test_an_incomplete_draft_cannot_go_for_review(signed_in, officer, responder, case):
    acknowledge(signed_in(officer), case)
    client = signed_in(responder)
    response = client.post(
        f"/casework/cases/{case.reference}/response/",
        {**SECTIONS, "outcome": "", "reasons": "", "submit": "1"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Choose the decision: upheld, partly upheld, not upheld." in content
    assert "Give the reasons for the decision." in content
    assert "upheld, partly_upheld" not in content
    # What was typed is saved as a draft, not lost, and it is not waiting for review.
    draft = case.drafts.get()
    assert draft.state == "draft" and draft.decision == SECTIONS["decision"]


def test_an_empty_draft_cannot_be_submitted_approved_or_sent(
    officer, second_officer, responder, case
):
    from redress.core.errors import InvalidInput

    draft = _ready_for_review(officer, second_officer, responder, case, remedy="")
    with pytest.raises(InvalidInput, match="cannot be sent for review yet") as refused:
        drafts.draft_submit(draft=draft, by=responder)
    assert "remedy" in refused.value.field_errors
    # A draft that was complete when submitted and emptied since (outside the pages) is
    # refused again at approval and at sending.
    draft.remedy = "We will collect it."
    draft.save()
    drafts.draft_submit(draft=draft, by=responder)
    type(draft).objects.filter(pk=draft.pk).update(reasons="")
    draft.refresh_from_db()
    with pytest.raises(InvalidInput, match="cannot be approved yet"):
        drafts.draft_approve(draft=draft, by=second_officer)
    type(draft).objects.filter(pk=draft.pk).update(state="approved")
    draft.refresh_from_db()
    with pytest.raises(InvalidInput, match="cannot be sent yet"):
        drafts.draft_send(draft=draft, by=officer, on=timezone.localdate())
    case.refresh_from_db()
    assert case.current_stage.responded_on is None
    assert not OutboundMessage.objects.filter(template_key="response").exists()


def test_log_follows_the_route_and_a_different_choice_needs_a_reason(signed_in, officer, service):
    from redress.procedures.models import Procedure, ProcedureRoute

    statutory = Procedure.objects.get(slug="childrens-social-care")
    code = Procedure.objects.get(slug="complaint-handling-code-2024")
    ProcedureRoute.objects.create(kind="complaint", service=service, procedure=statutory)
    client = signed_in(officer)
    page = client.get("/casework/cases/new/").content.decode()
    assert 'id="procedure-routes"' in page and "The usual procedure" in page
    refused = client.post("/casework/cases/new/", log_data(service, procedure=code.pk))
    assert refused.status_code == 400
    assert "Enter why this case is not under Children" in refused.content.decode()
    assert not Case.objects.exists()
    client.post(
        "/casework/cases/new/",
        log_data(service, procedure=code.pk, procedure_reason="About a leisure booking"),
    )
    case = Case.objects.get()
    assert case.procedure_version.procedure == code
    assert case.events.get(kind="logged").data["after"]["procedure_reason"] == (
        "About a leisure booking"
    )


def test_log_with_the_usual_procedure_uses_the_route(signed_in, officer, service):
    from redress.procedures.models import Procedure, ProcedureRoute

    statutory = Procedure.objects.get(slug="adult-social-care")
    ProcedureRoute.objects.create(kind="complaint", service=service, procedure=statutory)
    client = signed_in(officer)
    client.post(
        "/casework/cases/new/",
        log_data(service, person_name="Una Usual", person_email="una@example.com"),
    )
    client.post(
        "/casework/cases/new/",
        log_data(
            service, person_name="Sam Same", person_email="sam@example.com", procedure=statutory.pk
        ),
    )
    assert {c.procedure_version.procedure.slug for c in Case.objects.all()} == {"adult-social-care"}
    assert Case.objects.count() == 2
