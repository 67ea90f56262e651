import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from redress.cases.models import Case
from redress.notifications.models import OutboundMessage
from redress.staff.deadlines import govuk_date
from tests.factories import make_case
from tests.staff.conftest import recent

pytestmark = pytest.mark.django_db


def date_fields(name, day):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def acknowledge(client, case, **extra):
    data = {
        "expected_version": case.version,
        "definition_summary": "Bin missed; wants it emptied",
        "send_message": "on",
        **date_fields("on", timezone.localdate()),
        **extra,
    }
    return client.post(f"/casework/cases/{case.reference}/acknowledge/", data)


def test_acknowledge_queues_a_message_stating_the_definition(signed_in, officer, case):
    response = acknowledge(signed_in(officer), case)
    assert response.status_code == 302
    message = OutboundMessage.objects.get(case=case)
    assert "Bin missed; wants it emptied" in message.body_text
    assert message.recipient_email == "alex@example.com"
    case.refresh_from_db()
    assert case.current_stage.acknowledged_on == timezone.localdate()


def test_bad_date_is_named_and_what_was_typed_is_kept(signed_in, officer, case):
    client = signed_in(officer)
    response = client.post(
        f"/casework/cases/{case.reference}/acknowledge/",
        {
            "expected_version": case.version,
            "definition_summary": "Kept text",
            "on-day": "31",
            "on-month": "2",
            "on-year": "2026",
        },
    )
    assert response.status_code == 400
    assert b"must be a real date" in response.content
    assert b"Kept text" in response.content and b'value="31"' in response.content
    assert not OutboundMessage.objects.exists()


def test_someone_else_changed_the_case(signed_in, officer, case):
    response = acknowledge(signed_in(officer), case, expected_version=case.version - 1 or 99)
    assert response.status_code == 400
    assert b"Someone else changed this case" in response.content
    assert Case.objects.get(pk=case.pk).current_stage.acknowledged_on is None


def test_transition_not_allowed_is_a_clear_error(signed_in, officer, case):
    client = signed_in(officer)
    acknowledge(client, case)
    case.refresh_from_db()
    response = acknowledge(client, case)
    assert response.status_code == 400
    assert b"already acknowledged" in response.content


def test_assign_and_only_eligible_people_are_offered(
    signed_in, officer, responder, outsider, investigator, case
):
    """Any service responder may answer a service-area stage (a case about one area is sometimes
    best answered from another); an investigator may not."""
    client = signed_in(officer)
    page = client.get(f"/casework/cases/{case.reference}/assign/").content.decode()
    # Names as the page writes them: a generated "O'Neill" is escaped.
    assert escape(responder.display_name) in page and escape(outsider.display_name) in page
    assert escape(investigator.display_name) not in page
    response = client.post(
        f"/casework/cases/{case.reference}/assign/",
        {"expected_version": case.version, "handler": responder.pk},
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).current_handler == responder


def test_extend_needs_a_reason_and_sends_the_ombudsman(signed_in, officer, case):
    client = signed_in(officer)
    acknowledge(client, case)
    case.refresh_from_db()
    url = f"/casework/cases/{case.reference}/extend/"
    response = client.post(
        url, {"expected_version": case.version, "amount": "5", "unit": "working_days"}
    )
    assert b"Enter the reason for the extension" in response.content
    response = client.post(
        url,
        {
            "expected_version": case.version,
            "amount": "50",
            "unit": "working_days",
            "reason": "Waiting for the crew",
        },
    )
    assert response.status_code == 400 and b"can be extended by at most" in response.content, (
        response.content.decode()[response.content.decode().find("error-summary__list") :][:600]
    )
    response = client.post(
        url,
        {
            "expected_version": case.version,
            "amount": "5",
            "unit": "working_days",
            "reason": "Waiting for the crew",
        },
    )
    assert response.status_code == 302
    message = OutboundMessage.objects.get(template_key="extension")
    assert "Local Government and Social Care Ombudsman" in message.body_text
    assert "Waiting for the crew" in message.body_text


def test_housing_ombudsman_when_configured(signed_in, officer, case, settings):
    settings.REDRESS_OMBUDSMAN = "housing"
    acknowledge(signed_in(officer), case)
    case.refresh_from_db()
    signed_in(officer).post(
        f"/casework/cases/{case.reference}/extend/",
        {
            "expected_version": case.version,
            "amount": "5",
            "unit": "working_days",
            "reason": "Repairs",
        },
    )
    assert "Housing Ombudsman" in OutboundMessage.objects.get(template_key="extension").body_text


def test_note_shows_on_the_timeline(signed_in, officer, case):
    client = signed_in(officer)
    client.post(
        f"/casework/cases/{case.reference}/note/",
        {
            "expected_version": case.version,
            "kind": "call",
            "direction": "in",
            "body": "Rang to chase",
        },
    )
    assert b"Rang to chase" in client.get(f"/casework/cases/{case.reference}/").content
    response = client.post(
        f"/casework/cases/{case.reference}/note/",
        {"expected_version": case.version, "kind": "call", "direction": "in", "body": ""},
    )
    assert b"Enter what was said or written" in response.content


def test_upload_and_permission_checked_download(signed_in, officer, outsider, case):
    client = signed_in(officer)
    upload = SimpleUploadedFile("photo.pdf", b"%PDF-1.4 test file", content_type="application/pdf")
    response = client.post(
        f"/casework/cases/{case.reference}/attach/",
        {"expected_version": case.version, "file": upload},
    )
    assert response.status_code == 302
    token = case.attachments.get().token
    download = client.get(f"/casework/cases/{case.reference}/files/{token}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]
    signed_in(outsider)
    assert client.get(f"/casework/cases/{case.reference}/files/{token}/").status_code == 404


def test_upload_refuses_a_disguised_file(signed_in, officer, case):
    upload = SimpleUploadedFile("evil.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = signed_in(officer).post(
        f"/casework/cases/{case.reference}/attach/",
        {"expected_version": case.version, "file": upload},
    )
    assert response.status_code == 400 and b"must be a PDF" in response.content


def test_refuse_then_reopen(signed_in, officer, case):
    client = signed_in(officer)
    response = client.post(
        f"/casework/cases/{case.reference}/refuse/",
        {"expected_version": case.version, "reason": "other"},
    )
    assert b"Explain the reason" in response.content
    client.post(
        f"/casework/cases/{case.reference}/refuse/",
        {"expected_version": case.version, "reason": "legal_proceedings"},
    )
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == "not_accepted"
    assert "Ombudsman" in OutboundMessage.objects.get(template_key="refusal").body_text
    page = client.get(f"/casework/cases/{case.reference}/").content.decode()
    assert "/reopen/" in page and "/acknowledge/" not in page
    client.post(
        f"/casework/cases/{case.reference}/reopen/",
        {"expected_version": case.version, "reason": "New evidence"},
    )
    case.refresh_from_db()
    assert case.status == "open"


def test_withdraw_and_close_rules(signed_in, officer, case):
    client = signed_in(officer)
    response = client.post(
        f"/casework/cases/{case.reference}/close/", {"expected_version": case.version}
    )
    assert response.status_code == 400 and b"has not been answered" in response.content
    client.post(f"/casework/cases/{case.reference}/withdraw/", {"expected_version": case.version})
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == "withdrawn"


def test_link_only_to_a_visible_case(signed_in, officer, outsider, service, other_service, case):
    other = make_case(service=other_service, by=officer, received_at=recent())
    client = signed_in(officer)
    response = client.post(
        f"/casework/cases/{case.reference}/link/",
        {"expected_version": case.version, "other": "CMP-2026-999999"},
    )
    assert b"There is no case CMP-2026-999999 that you can see" in response.content
    client.post(
        f"/casework/cases/{case.reference}/link/",
        {"expected_version": case.version, "other": other.reference.lower()},
    )
    assert other.reference.encode() in client.get(f"/casework/cases/{case.reference}/").content


def test_remedy_and_outstanding_action(signed_in, officer, case):
    client = signed_in(officer)
    response = client.post(
        f"/casework/cases/{case.reference}/remedy/",
        {
            "expected_version": case.version,
            "type": "financial",
            "description": "Refund",
            "owner": officer.username,
            **date_fields("due_on", timezone.localdate() + dt.timedelta(days=30)),
        },
    )
    assert b"Enter the amount of the financial remedy" in response.content
    client.post(
        f"/casework/cases/{case.reference}/remedy/",
        {
            "expected_version": case.version,
            "type": "financial",
            "description": "Refund",
            "amount": "25",
            "owner": officer.username,
            **date_fields("due_on", timezone.localdate() + dt.timedelta(days=30)),
        },
    )
    client.post(
        f"/casework/cases/{case.reference}/outstanding-action/",
        {
            "expected_version": case.version,
            "description": "Check bin weekly",
            "owner": officer.username,
            **date_fields("due_on", timezone.localdate() + dt.timedelta(days=30)),
        },
    )
    page = client.get(f"/casework/cases/{case.reference}/").content.decode()
    assert "£25" in page and "Check bin weekly" in page


def test_case_page_dates_the_govuk_way(signed_in, officer, case):
    page = signed_in(officer).get(f"/casework/cases/{case.reference}/").content.decode()
    assert govuk_date(case.current_stage.acknowledge_due) in page
    assert govuk_date(case.received_on) in page
