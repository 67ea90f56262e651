"""Letters and emails built from the administrators' templates and queued in the outbox.

Templates use ``{placeholder}`` names from PLACEHOLDERS only, so an administrator's wording can
never run code; an unknown name is refused when the template is saved.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings

from redress.cases.models import Case, CaseStage
from redress.cases.representatives import Correspondent, correspondents_of
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue
from redress.procedures.services import definition_of
from redress.staff.deadlines import govuk_date
from redress.staff.models import MessageTemplate, TemplatePurpose

OMBUDSMEN = {
    "lgsco": (
        "the Local Government and Social Care Ombudsman. You can contact them at "
        "www.lgo.org.uk or on 0300 061 0614."
    ),
    "housing": (
        "the Housing Ombudsman Service. You can contact them at www.housing-ombudsman.org.uk "
        "or on 0300 111 3000."
    ),
}

PLACEHOLDERS = {
    "organisation": "Your organisation's name",
    "person_name": "The name of the person the case is about",
    "recipient_name": "The name of whoever the letter goes to: the person or their representative",
    "reference": "The case reference",
    "kind": "What the case is (complaint, service request, ...)",
    "stage": "The name of the current stage",
    "received_on": "The date the case was received",
    "definition": "Our understanding of the complaint and the outcomes sought",
    "outcome_sought": "What the person told us they want",
    "acknowledged_on": "The date of acknowledgement",
    "response_due": "The date the response is due (after any extension)",
    "extension_reason": "Why the response is late",
    "ombudsman": "The Ombudsman's name and contact details",
    "response": "The approved response, in its parts",
    "not_accepted_reason": "Why the case is not accepted",
    "handler": "The name of the person handling the stage",
    "routed_to": "Who a complaint handled under another procedure was passed to, and under what",
    "routed_reason": "Why a complaint is handled under another procedure",
}

PLACEHOLDER_PATTERN = re.compile(r"\{([a-z_]+)\}")

DEFAULTS: dict[str, tuple[str, str]] = {
    TemplatePurpose.ACKNOWLEDGEMENT: (
        "We have received your {kind}: {reference}",
        "Dear {recipient_name}\n\n"
        "Thank you for contacting {organisation}. We received your {kind} on {received_on} "
        "and it is being handled at {stage}. Your reference is {reference}.\n\n"
        "This is our understanding of your {kind} and what you would like us to do:\n\n"
        "{definition}\n\n"
        "If we have misunderstood anything, please tell us as soon as you can.\n\n"
        "We will reply by {response_due}.\n\n"
        "Yours sincerely\n{organisation}",
    ),
    TemplatePurpose.EXTENSION: (
        "We need more time to reply: {reference}",
        "Dear {recipient_name}\n\n"
        "We are sorry, but we need more time to reply to your {kind} ({reference}) at {stage}.\n\n"
        "This is why: {extension_reason}\n\n"
        "We will now reply by {response_due}.\n\n"
        "If you are unhappy with this delay you can contact {ombudsman}\n\n"
        "Yours sincerely\n{organisation}",
    ),
    TemplatePurpose.RESPONSE: (
        "Our response to your {kind}: {reference} ({stage})",
        "Dear {recipient_name}\n\n"
        "This is our {stage} response to your {kind}, reference {reference}, received on "
        "{received_on}.\n\n"
        "{response}\n\n"
        "Yours sincerely\n{handler}\n{organisation}",
    ),
    TemplatePurpose.REFUSAL: (
        "We cannot take your {kind} forward: {reference}",
        "Dear {recipient_name}\n\n"
        "Thank you for contacting {organisation} about: {definition}\n\n"
        "We have decided not to consider this under our procedure. This is why: "
        "{not_accepted_reason}\n\n"
        "If you disagree with this decision you can contact {ombudsman}\n\n"
        "Yours sincerely\n{organisation}",
    ),
    TemplatePurpose.ROUTED: (
        "Your {kind} is being handled under another procedure: {reference}",
        "Dear {recipient_name}\n\n"
        "Thank you for contacting {organisation} about: {definition}\n\n"
        "This is not something our complaints procedure can decide, so we have passed your "
        "{kind} to {routed_to}.\n\n"
        "This is why: {routed_reason}\n\n"
        "They will contact you about what happens next. You do not need to send it again. "
        "If you have any questions about this, reply to this message quoting {reference}.\n\n"
        "Yours sincerely\n{organisation}",
    ),
}


def ombudsman_details(case: Case | None = None) -> str:
    """The Ombudsman the organisation is answerable to: LGSCO, Housing Ombudsman, or both."""
    which = getattr(settings, "REDRESS_OMBUDSMAN", "lgsco")
    if which == "both":
        housing = OMBUDSMEN["housing"]
        return f"{OMBUDSMEN['lgsco']} If your complaint is about housing, contact {housing}"
    return OMBUDSMEN.get(which, OMBUDSMEN["lgsco"])


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER_PATTERN.findall(text) if name not in PLACEHOLDERS})


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER_PATTERN.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def template_for(purpose: str, case: Case, stage: CaseStage | None) -> tuple[str, str]:
    """(subject, body) of the most specific template for this case, or the built-in one."""
    stage_key = stage.key if stage is not None else ""
    candidates = MessageTemplate.objects.filter(
        purpose=purpose, kind__in=[case.kind, ""], stage_key__in=[stage_key, ""]
    )
    best = sorted(candidates, key=lambda t: (t.kind == "", t.stage_key == ""))
    if best:
        return best[0].subject, best[0].body
    return DEFAULTS[purpose]


def values_for(case: Case, stage: CaseStage | None, **extra: str) -> dict[str, str]:
    due = stage.effective_response_due if stage is not None else None
    values = {
        "organisation": settings.REDRESS["ORGANISATION_NAME"],
        "person_name": case.person.name,
        "recipient_name": case.person.name,
        "reference": case.reference,
        "kind": case.get_kind_display().lower(),
        "stage": stage.name if stage else "",
        "received_on": govuk_date(case.received_on),
        "definition": (stage.definition_summary if stage else "") or case.summary,
        "outcome_sought": case.outcome_sought,
        "acknowledged_on": govuk_date(stage.acknowledged_on) if stage else "",
        "response_due": govuk_date(due) if due else "",
        "extension_reason": stage.extension_reason if stage else "",
        "ombudsman": ombudsman_details(case),
        "response": "",
        "not_accepted_reason": case.get_not_accepted_reason_display()
        + (f". {case.not_accepted_detail}" if case.not_accepted_detail else ""),
        "handler": stage.handler.display_name if stage and stage.handler else "",
        "routed_to": "",
        "routed_reason": "",
    }
    values.update(extra)
    return values


def send(
    purpose: str, *, case: Case, stage: CaseStage | None, by: Any, **extra: str
) -> list[OutboundMessage]:
    """Queue this purpose's message to each correspondent of the case (the person, their
    representative, or both): an email, or a letter to one with no email address."""
    subject, body = template_for(purpose, case, stage)
    return [
        queue_to(
            correspondent,
            case=case,
            subject=subject,
            body=body,
            values=values_for(case, stage, recipient_name=correspondent.name, **extra),
            template_key=purpose,
            by=by,
        )
        for correspondent in correspondents_of(case)
    ]


def queue_to(
    correspondent: Correspondent,
    *,
    case: Case,
    subject: str,
    body: str,
    values: dict[str, str],
    template_key: str,
    by: Any,
) -> OutboundMessage:
    """One message, filled in, to one correspondent; on the timeline as it is queued."""
    return message_queue(
        case=case,
        subject=fill(subject, values)[:300],
        body_text=fill(body, values),
        recipient_email=correspondent.email,
        recipient_name=correspondent.name,
        recipient_address=correspondent.address,
        template_key=template_key,
        actor=by,
    )


def next_step_text(case: Case, stage: CaseStage) -> str:
    """How to escalate: the next stage of the procedure, or the Ombudsman after the last."""
    definition = definition_of(case.procedure_version)
    following = definition.stage_after(stage.key)
    if following is not None:
        return (
            f"If you are not happy with this response, you can ask us to look at your "
            f"{case.get_kind_display().lower()} again at {following.name}. Reply to this "
            f"message quoting {case.reference}. You do not need to give a reason."
        )
    return (
        "This is our final response. If you are not happy with it, you can contact "
        + ombudsman_details(case)
    )
