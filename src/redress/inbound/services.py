"""What an officer does with an email in the New email queue: make it a case, add it to a
case they can see, or dismiss it with a reason. Each is recorded on the email (who, when,
why) and, when it joins a case, on that case's timeline."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from redress.cases.models import Case
from redress.cases.permissions import Action, can_log, require
from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.inbound.joining import join
from redress.inbound.models import InboundEmail, State

REASON_MAX = 1000


def _lock_new(email: InboundEmail, by: Any) -> InboundEmail:
    if not can_log(by):
        raise NotPermitted("You do not have permission to deal with new email.")
    current = InboundEmail.objects.select_for_update().get(pk=email.pk)
    if current.state != State.NEW:
        raise TransitionNotAllowed(
            f"This email has already been dealt with: {current.get_state_display().lower()}."
        )
    return current


def _decided(email: InboundEmail, by: Any, state: str, case: Case | None = None) -> None:
    email.state, email.decided_by, email.decided_at = state, by, clock.now()
    if case is not None:
        email.case = case
    email.save(update_fields=["state", "decided_by", "decided_at", "case", "dismissed_reason"])


@transaction.atomic
def email_add_to_case(*, email: InboundEmail, by: Any, case: Case) -> list[str]:
    """Add the email to ``case`` (which the caller found through the visibility rule)."""
    current = _lock_new(email, by)
    require(by, Action.NOTE, case)
    refused = join(current, case, by=by)
    current.matched_by = "added by an officer"
    current.save(update_fields=["matched_by"])
    _decided(current, by, State.ADDED, case)
    return refused


@transaction.atomic
def email_made_case(*, email: InboundEmail, by: Any, case: Case) -> list[str]:
    """Record the email on the case just logged from it (in the caller's transaction)."""
    current = _lock_new(email, by)
    refused = join(current, case, by=by)
    current.matched_by = "a new case logged from it"
    current.save(update_fields=["matched_by"])
    _decided(current, by, State.MADE_CASE, case)
    return refused


@transaction.atomic
def email_dismiss(*, email: InboundEmail, by: Any, reason: str) -> InboundEmail:
    current = _lock_new(email, by)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput.for_field("reason", "Enter why this email needs no case")
    if len(reason) > REASON_MAX:
        raise InvalidInput.for_field(
            "reason", f"The reason must be {REASON_MAX} characters or fewer"
        )
    current.dismissed_reason = reason
    _decided(current, by, State.DISMISSED)
    return current
