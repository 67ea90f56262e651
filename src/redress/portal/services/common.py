"""What every portal journey shares: which cases the public may follow, and the emails to the
person about their case."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from redress.cases.kinds import Kind
from redress.cases.models import Case, CaseStage
from redress.notifications.services import message_queue

PUBLIC_KINDS = (Kind.COMPLAINT, Kind.COMPLIMENT, Kind.COMMENT)


def base_url() -> str:
    return settings.REDRESS["PUBLIC_BASE_URL"].rstrip("/")


def stage_lines(stage: CaseStage) -> dict[str, Any]:
    return {
        "stage": stage,
        "acknowledge_due": stage.acknowledge_due,
        "response_due": stage.effective_response_due,
    }


def render_to_person(case: Case, template: str, **context: Any) -> str:
    return render_to_string(
        f"portal/email/{template}.txt",
        {
            "case": case,
            "person": case.person,
            "base_url": base_url(),
            "organisation_name": settings.REDRESS["ORGANISATION_NAME"],
            **context,
        },
    )


def queue_to_person(
    case: Case, *, template: str, subject: str, key: str, body: str | None = None, **context: Any
) -> None:
    """Queue an email to the person; ``body`` when it was rendered already."""
    person = case.person
    if body is None:
        body = render_to_person(case, template, **context)
    message_queue(
        case=case,
        subject=subject,
        body_text=body,
        recipient_email=person.email,
        recipient_name=case.representative_name or person.name,
        recipient_address=person.address,
        template_key=f"portal_{template}",
        idempotency_key=key,
    )
