"""An email joining its case: the case's correspondence, its attachments (through the same
checks as an upload), the timeline, and a message to the handler."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from redress.cases.models import Case
from redress.cases.selectors import cases_visible_to
from redress.cases.services import attachment_add, correspondence_add
from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.core.errors import InvalidInput
from redress.inbound.models import InboundEmail
from redress.inbound.parsing import ParsedEmail, parse_or_placeholder
from redress.notifications.services import message_queue


def _happened_at(email: InboundEmail) -> dt.datetime:
    # A sender's clock may run fast; the record never says an email came from the future.
    return min(email.sent_at, clock.now())


def _body(email: InboundEmail) -> str:
    text = email.body.strip() or "(The email had no text.)"
    return f"From {email.sender}\n\n{text}"


@transaction.atomic
def join(
    email: InboundEmail, case: Case, *, by: Any, parsed: ParsedEmail | None = None
) -> list[str]:
    """Record ``email`` on ``case`` and return the names of attachments refused by the upload
    checks (noted on the timeline, so nobody thinks they were lost unseen)."""
    parsed = parsed or parse_or_placeholder(email.raw.open("rb").read())
    correspondence_add(
        case=case,
        by=by,
        kind="email",
        direction="in",
        subject=email.subject[:200],
        body=_body(email),
        happened_at=_happened_at(email),
    )
    refused = []
    for part in parsed.attachments:
        upload = SimpleUploadedFile(part.name[-200:], part.data, part.content_type)
        try:
            attachment_add(case=case, by=by, upload=upload)
        except InvalidInput as error:
            refused.append(f"{part.name} ({error.message})")
    if refused:
        record_event(
            case=case,
            actor=by,
            kind="inbound_attachment_refused",
            summary="Attachments not kept from the email: " + "; ".join(refused)[:250],
            email=email.pk,
        )
    _tell_handler(email, case, by)
    return refused


def _tell_handler(email: InboundEmail, case: Case, by: Any) -> None:
    handler = case.current_handler
    if handler is None or not handler.email or handler == by or not handler.is_active:
        return
    if not cases_visible_to(handler).filter(pk=case.pk).exists():
        return
    link = settings.REDRESS["PUBLIC_BASE_URL"].rstrip("/") + f"/casework/cases/{case.reference}/"
    message_queue(
        case=case,
        subject=f"{case.reference}: new email from {email.from_name or email.from_email}",
        body_text=(
            f"An email has been added to {case.reference}, a case you are handling.\n\n"
            f"Subject: {email.subject or '(none)'}\n\nRead it on the case page: {link}\n"
        ),
        recipient_email=handler.email,
        recipient_name=handler.display_name,
        template_key="inbound_email",
        idempotency_key=f"inbound-{email.pk}-{handler.pk}",
    )
