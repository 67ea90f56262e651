"""Storing one email read from a mailbox, and sending it where it belongs: its case, the New
email queue, or (for automatic replies and delivery failures) nowhere a person must act.

``store`` is idempotent on the Message-ID: storing the same message again changes nothing,
which is what lets the reader flag a message as read only after it is stored."""

from __future__ import annotations

import logging
import secrets

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.inbound import matching
from redress.inbound.joining import join
from redress.inbound.models import InboundEmail, Mailbox, Nature, State
from redress.inbound.parsing import ParsedEmail, parse_or_placeholder
from redress.notifications.models import OutboundMessage

log = logging.getLogger(__name__)


def store(raw: bytes, mailbox: str = Mailbox.COMPLAINTS) -> InboundEmail | None:
    """The stored email, or None when it was stored before (by this or another worker)."""
    parsed = parse_or_placeholder(raw)
    if InboundEmail.objects.filter(message_id=parsed.message_id).exists():
        return None
    email = InboundEmail(
        mailbox=mailbox,
        message_id=parsed.message_id,
        token=secrets.token_hex(16),
        from_name=parsed.from_name,
        from_email=parsed.from_email,
        subject=parsed.subject,
        body=parsed.body,
        sent_at=parsed.sent_at or clock.now(),
        nature=parsed.nature,
        attachment_count=len(parsed.attachments),
    )
    # The file first: a crash here leaves only an unreferenced file, never a row without one.
    email.raw.save(email.token, ContentFile(raw), save=False)
    try:
        with transaction.atomic():
            email.save()
            _route(email, parsed)
    except IntegrityError:
        log.info("email %s was stored by another worker", parsed.message_id)
        email.raw.delete(save=False)
        return None
    return email


def _route(email: InboundEmail, parsed: ParsedEmail) -> None:
    if email.nature == Nature.BOUNCE:
        _record_bounce(email, parsed)
        email.state = State.BOUNCE
    elif email.nature == Nature.AUTO_REPLY:
        email.state = State.AUTO_REPLY
    else:
        finder = (
            matching.ombudsman_case_for if email.mailbox == Mailbox.OMBUDSMAN else matching.case_for
        )
        match = finder(parsed)
        if match is not None:
            join(email, match.case, by=None, parsed=parsed)
            email.case, email.matched_by, email.state = match.case, match.how, State.JOINED
    email.save(update_fields=["state", "case", "matched_by"])


def _record_bounce(email: InboundEmail, parsed: ParsedEmail) -> None:
    """Mark what could not be delivered as failed, so it shows among the delivery problems."""
    found = {m.pk: m for m in matching.our_messages(parsed.bounced)}
    if parsed.bounced_keys:
        keyed = OutboundMessage.objects.filter(idempotency_key__in=parsed.bounced_keys[:50])
        found.update({m.pk: m for m in keyed.select_related("case")})
    for message in found.values():
        message.state = OutboundMessage.State.FAILED
        message.last_error = f"The recipient's mail system returned it: {email.subject}"[:1000]
        message.save(update_fields=["state", "last_error"])
        if message.case is not None:
            email.case = email.case or message.case
            record_event(
                changes_case=False,
                case=message.case,
                actor=None,
                kind="message_bounced",
                summary=f"Email could not be delivered: {message.subject}"[:300],
                message=message.pk,
            )
