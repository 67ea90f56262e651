"""Redacting a passage: it is gone from every table, page, export, search and API answer, the
record of the redaction keeps who, when and why but not the text, and bad input changes
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import connection, models
from django.test import Client

from redress.accounts.models import Role
from redress.accounts.services import api_token_create
from redress.cases.models import Case, Correspondence
from redress.cases.search import apply_text_search
from redress.cases.selectors import cases_visible_to
from redress.cases.services import correspondence_add
from redress.core.errors import InvalidInput, NotPermitted
from redress.disclosure.models import Redaction
from redress.disclosure.redaction import REDACTED, redact
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

NOTE_PASSAGE = "Zanzibarite neighbour at number 7 told us"
DESCRIPTION_PASSAGE = "Quetzalword about the landlord's son"


@pytest.fixture
def officer():
    return UserFactory(username="redactor", role=Role.COMPLAINTS_OFFICER)


@pytest.fixture
def case(officer):
    made = make_case(
        by=officer,
        summary=f"Noise: {DESCRIPTION_PASSAGE}",
        description=f"It started in May. {DESCRIPTION_PASSAGE} and it went on.",
    )
    note = correspondence_add(
        case=made,
        by=officer,
        kind="letter",
        subject=f"Letter: {NOTE_PASSAGE}",
        body=f"Dear Sir\n\nThe {NOTE_PASSAGE} that the noise was at night.",
    )
    # A copy of the same words in an email the case sent.
    message_queue(
        case=made,
        subject="About your complaint",
        body_text=f"You said the {NOTE_PASSAGE} the same.",
        recipient_email="alex@example.com",
    )
    made.note = note  # type: ignore[attr-defined]
    return Case.objects.get(pk=made.pk), note


def rows_holding(text: str) -> list[str]:
    """Every row of every table, text and JSON columns alike, that still holds ``text``."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                lookup = f"{field.attname}__contains"
                if isinstance(field, models.JSONField):
                    # JSON is searched as its text, which is how a copy would sit in it.
                    rows = model._default_manager.extra(
                        where=[f"CAST({connection.ops.quote_name(field.column)} AS TEXT) LIKE %s"],
                        params=[f"%{text}%"],
                    )
                else:
                    rows = model._default_manager.filter(**{lookup: text})
                if rows.exists():
                    found.append(f"{model._meta.label}.{field.name}")
    return found


def search_index_text(case: Case) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT document::text FROM cases_case_search WHERE case_id = %s", [case.pk]
            )
        else:
            cursor.execute(
                "SELECT reference || name || email || summary || description "
                "FROM cases_case_search WHERE rowid = %s",
                [case.pk],
            )
        return " ".join(str(v) for row in cursor.fetchall() for v in row)


def test_a_passage_of_a_letter_is_redacted_everywhere_the_case_holds_it(case, officer):
    from redress.disclosure.services import exemption_add

    case, note = case
    # Withheld earlier: the exemption's label names the letter by its subject.
    exemption_add(case=case, by=officer, item=f"correspondence:{note.pk}", reason="Third party")
    assert rows_holding(NOTE_PASSAGE)  # the check can see it before
    redaction = redact(
        case=case,
        by=officer,
        item=f"correspondence:{note.pk}",
        passage=NOTE_PASSAGE,
        reason="Names a neighbour: third-party data",
    )
    assert rows_holding(NOTE_PASSAGE) == []
    note.refresh_from_db()
    assert note.body == f"Dear Sir\n\nThe {REDACTED} that the noise was at night."
    assert note.subject == f"Letter: {REDACTED}"
    assert REDACTED in OutboundMessage.objects.get(case=case).body_text
    # Who, when and why; the copies beyond the letter (the email, the timeline sentence).
    assert redaction.redacted_by == officer
    assert redaction.reason == "Names a neighbour: third-party data"
    assert redaction.copies >= 2
    event = case.events.get(kind="redacted")
    assert "third-party data" in event.summary and event.actor == officer


def test_a_redacted_passage_is_gone_from_search_page_csv_and_api(case, officer):
    case, _note = case
    word = DESCRIPTION_PASSAGE.split()[0]
    assert apply_text_search(cases_visible_to(officer), word).exists()
    redact(
        case=case,
        by=officer,
        item=f"case:{case.pk}",
        passage=DESCRIPTION_PASSAGE,
        reason="Names a family member",
    )
    assert not apply_text_search(cases_visible_to(officer), word).exists()
    assert word.lower() not in search_index_text(case).lower()
    assert rows_holding(DESCRIPTION_PASSAGE) == []
    client = Client()
    client.force_login(officer)
    page = client.get(f"/casework/cases/{case.reference}/").content.decode()
    assert DESCRIPTION_PASSAGE not in page and REDACTED in page
    export = client.get("/casework/cases/export.csv")
    csv = b"".join(export.streaming_content).decode()
    assert f"Noise: {REDACTED}" in csv and DESCRIPTION_PASSAGE not in csv
    token = api_token_create(user=officer)[1]
    detail = Client().get(
        f"/api/v1/cases/{case.reference}", headers={"Authorization": f"Bearer {token}"}
    )
    assert detail.status_code == 200
    assert detail.json()["description"] == f"It started in May. {REDACTED} and it went on."


def test_a_passage_of_a_response_is_redacted_in_the_draft_and_the_letters_sent(officer):
    from redress.staff import drafts

    reviewer = UserFactory(username="reviewer", role=Role.COMPLAINTS_OFFICER)
    case = make_case(
        by=officer, person={"name": "Pat Post", "email": "", "address": "1 High Street"}
    )
    from redress.cases.services import case_acknowledge
    from redress.core import clock

    case = case_acknowledge(case=case, by=officer, on=clock.today())
    secret = "Xylophonist colleague disciplined"
    draft = drafts.draft_save(
        case=case,
        by=officer,
        fields={
            "outcome": "upheld",
            "definition": "You complained about noise.",
            "decision": f"We uphold it. The {secret} for this.",
            "reasons": "The records show it.",
            "remedy": "We apologise.",
            "outstanding_actions": "None.",
            "escalation": "You can ask for Stage 2, or contact the Ombudsman.",
        },
    )
    drafts.draft_submit(draft=draft, by=officer)
    drafts.draft_approve(draft=draft, by=reviewer)
    drafts.draft_send(draft=draft, by=officer, on=clock.today())
    letter = OutboundMessage.objects.get(case=case, template_key="response")
    assert secret in letter.body_text
    redact(case=case, by=officer, item=f"draft:{draft.pk}", passage=secret, reason="HR matter")
    assert rows_holding(secret) == []
    letter.refresh_from_db()
    assert f"The {REDACTED} for this." in letter.body_text
    client = Client()
    client.force_login(officer)
    printed = client.get(f"/casework/cases/{case.reference}/messages/{letter.pk}/")
    assert REDACTED in printed.content.decode() and secret not in printed.content.decode()


def test_copies_in_the_stage_and_the_records_are_redacted_too(officer):
    from redress.cases.services import case_acknowledge
    from redress.cases.services.remedies import remedy_add
    from redress.core import clock

    secret = "Marmaladeword cousin at the depot"
    case = make_case(by=officer, description=f"Says the {secret} knows.")
    case = case_acknowledge(
        case=case, by=officer, on=clock.today(), definition_summary=f"The {secret} knows."
    )
    remedy_add(
        case=case,
        by=officer,
        type="apology",
        description=f"Apologise to {secret}",
        due_on=clock.today() + dt.timedelta(days=10),
        owner=officer,
    )
    assert rows_holding(secret)
    redaction = redact(
        case=case, by=officer, item=f"case:{case.pk}", passage=secret, reason="Third party"
    )
    assert rows_holding(secret) == []
    assert redaction.copies >= 2  # the stage and the remedy


def test_a_copy_in_why_the_complaint_went_elsewhere_is_redacted(officer):
    from redress.core import clock
    from redress.elsewhere.models import RoutedElsewhere
    from redress.elsewhere.services import case_route_elsewhere

    secret = "Quillborne the neighbour's son"
    case = make_case(by=officer, description=f"It was {secret}.")
    case_route_elsewhere(
        case=case,
        by=officer,
        destination="other_organisation",
        to_name=f"Police, about {secret}",
        on=clock.today(),
        reason=f"The matter of {secret} is for the police.",
    )
    assert "elsewhere.RoutedElsewhere.reason" in rows_holding(secret)
    redact(case=case, by=officer, item=f"case:{case.pk}", passage=secret, reason="Third party")
    assert rows_holding(secret) == []
    assert (
        RoutedElsewhere.objects.get(case=case).reason
        == f"The matter of {REDACTED} is for the police."
    )


def test_line_breaks_typed_in_a_browser_still_match(officer):
    case = make_case(by=officer)
    note = correspondence_add(case=case, by=officer, kind="note", body="One line.\nTwo line.")
    redact(
        case=case,
        by=officer,
        item=f"correspondence:{note.pk}",
        passage="One line.\r\nTwo",
        reason="Test",
    )
    note.refresh_from_db()
    assert note.body == f"{REDACTED} line."


@pytest.mark.parametrize(
    ("passage", "reason", "field", "message"),
    [
        ("not in the text at all", "Third party", "passage", "copied exactly"),
        ("", "Third party", "passage", "Enter the passage"),
        (REDACTED, "Third party", "passage", "already redacted"),
        ("The", "", "reason", "Enter why"),
        ("The", "x" * 501, "reason", "500 characters"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(
    case, officer, passage, reason, field, message
):
    case, note = case
    version = case.version
    with pytest.raises(InvalidInput) as raised:
        redact(
            case=case,
            by=officer,
            item=f"correspondence:{note.pk}",
            passage=passage,
            reason=reason,
        )
    assert message in raised.value.field_errors[field][0]
    assert Correspondence.objects.get(pk=note.pk).body == note.body
    assert not Redaction.objects.exists()
    assert Case.objects.get(pk=case.pk).version == version


def test_an_item_of_another_case_is_refused(case, officer):
    case, _note = case
    other = make_case(by=officer)
    foreign = correspondence_add(case=other, by=officer, kind="note", body="Elsewhere text")
    with pytest.raises(InvalidInput) as raised:
        redact(
            case=case,
            by=officer,
            item=f"correspondence:{foreign.pk}",
            passage="Elsewhere",
            reason="x",
        )
    assert "item" in raised.value.field_errors
    assert Correspondence.objects.get(pk=foreign.pk).body == "Elsewhere text"


def test_only_the_complaints_team_redacts(case):
    case, note = case
    manager = UserFactory(username="mgr", role=Role.MANAGER, services=[case.service])
    with pytest.raises(NotPermitted):
        redact(
            case=case,
            by=manager,
            item=f"correspondence:{note.pk}",
            passage=NOTE_PASSAGE,
            reason="x",
        )
    client = Client()
    client.force_login(manager)
    assert client.get(f"/casework/cases/{case.reference}/redact/").status_code == 403


def test_the_redaction_page_keeps_what_was_typed_and_shows_the_error(case, officer):
    case, note = case
    client = Client()
    client.force_login(officer)
    url = f"/casework/cases/{case.reference}/redact/"
    response = client.post(
        url, {"item": f"correspondence:{note.pk}", "passage": "Not there", "reason": "Because"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "copied exactly" in body and "Not there" in body and "Because" in body
