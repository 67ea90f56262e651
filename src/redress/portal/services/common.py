"""What every portal journey shares: which cases the public may follow, and the messages to
the people we write to about a case.

Who that is comes from one rule, ``cases.representatives.correspondents_of``: the person, their
representative (with consent on record) or both, as the case says. Each gets their own
message, by email when they have an address for it and otherwise by letter."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from redress.cases.kinds import Kind
from redress.cases.models import Case, CaseStage
from redress.cases.representatives import Correspondent, correspondents_of
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue

PUBLIC_KINDS = (Kind.COMPLAINT, Kind.COMPLIMENT, Kind.COMMENT)


def base_url() -> str:
    return str(settings.REDRESS["PUBLIC_BASE_URL"]).rstrip("/")


def stage_lines(stage: CaseStage) -> dict[str, Any]:
    return {
        "stage": stage,
        "acknowledge_due": stage.acknowledge_due,
        "response_due": stage.effective_response_due,
    }


def render_to(case: Case, correspondent: Correspondent, template: str, **context: Any) -> str:
    """The text of ``template`` for one correspondent: the greeting is theirs, and a
    representative is reminded whom the case is about."""
    return render_to_string(
        f"portal/email/{template}.txt",
        {
            "case": case,
            "person": case.person,
            "to": correspondent,
            "to_representative": correspondent.role == "representative",
            "base_url": base_url(),
            "organisation_name": settings.REDRESS["ORGANISATION_NAME"],
            **context,
        },
    )


def render_for_each(case: Case, template: str, **context: Any) -> dict[str, str]:
    """The text of ``template`` for each correspondent of ``case``, by role."""
    return {c.role: render_to(case, c, template, **context) for c in correspondents_of(case)}


def queue_to(
    case: Case, correspondent: Correspondent, *, template: str, subject: str, key: str, body: str
) -> OutboundMessage:
    """Queue one message: an email when the correspondent is written to by email, otherwise a
    letter to their address (the post room shows one with no address to staff)."""
    return message_queue(
        case=case,
        subject=subject,
        body_text=body,
        recipient_email=correspondent.email,
        recipient_name=correspondent.name,
        recipient_address=correspondent.address,
        template_key=f"portal_{template}",
        idempotency_key=f"{key}-{correspondent.role}",
    )


def queue_to_correspondents(
    case: Case,
    *,
    template: str,
    subject: str,
    key: str,
    bodies: dict[str, str] | None = None,
    reachable_only: bool = False,
    **context: Any,
) -> list[OutboundMessage]:
    """Queue ``template`` to everyone we write to about ``case``; ``bodies`` (by role) when
    the texts were rendered already. ``reachable_only`` leaves out anyone with neither an
    email nor a postal address, whose letter the post room could not send."""
    messages = []
    for correspondent in correspondents_of(case):
        if reachable_only and not (correspondent.email or correspondent.address.strip()):
            continue
        body = (bodies or {}).get(correspondent.role)
        if body is None:
            body = render_to(case, correspondent, template, **context)
        messages.append(
            queue_to(case, correspondent, template=template, subject=subject, key=key, body=body)
        )
    return messages
