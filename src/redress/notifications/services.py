"""The outbox: every outbound message is queued here, inside the caller's transaction."""

from __future__ import annotations

import uuid

from django.db import transaction

from redress.cases.models import Case
from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.notifications.models import OutboundMessage


# No savepoint of its own: no caller catches a failure here and carries on in the same
# transaction, and it is called while SQLite's write lock is held, where each statement counts.
@transaction.atomic(savepoint=False)
def message_queue(
    *,
    case: Case | None,
    subject: str,
    body_text: str,
    recipient_email: str = "",
    recipient_name: str = "",
    recipient_address: str = "",
    body_html: str = "",
    template_key: str = "",
    idempotency_key: str | None = None,
    actor: object = None,
) -> OutboundMessage:
    """Queue an email, or a printed letter when there is no email address to send to."""
    channel = OutboundMessage.Channel.EMAIL if recipient_email else OutboundMessage.Channel.LETTER
    message = OutboundMessage.objects.create(
        case=case,
        channel=channel,
        template_key=template_key,
        recipient_name=recipient_name,
        recipient_email=recipient_email,
        recipient_address=recipient_address,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        idempotency_key=idempotency_key or uuid.uuid4().hex,
        next_attempt_at=clock.now(),
    )
    if case is not None:
        what = "Email" if channel == OutboundMessage.Channel.EMAIL else "Letter"
        # Named, as a case may write to the person and their representative alike.
        to = f" to {recipient_name}" if recipient_name else ""
        record_event(
            changes_case=False,
            case=case,
            actor=actor,
            kind="message_queued",
            summary=f"{what}{to} queued: {subject}",
            message=message.pk,
        )
    return message
