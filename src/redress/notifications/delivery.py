"""Delivering the outbox: claim due messages with a lease, hand each to a transport, record
the result on the case timeline.

Why the phases: a worker can die at any moment. A message claimed but not yet handed to the
mail server is simply claimed again when the lease lapses. Once ``handed_over_at`` is
committed the server may have accepted it, so a lapsed claim is resolved by asking the
transport whether it went (GOV.UK Notify can be asked by reference) and, where it cannot be
asked (SMTP), the message is marked uncertain for a person to check against the mail server's
log by its Message-ID, which is derived from the idempotency key. Sending twice is never the
fallback.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q

from redress.cases.models import Case
from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.notifications.models import OutboundMessage
from redress.notifications.transports import (
    Accepted,
    LookupFailed,
    NotKnown,
    Rejected,
    TemporaryFailure,
    Transport,
    transport_from_settings,
)

log = logging.getLogger(__name__)
State = OutboundMessage.State


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def lease_seconds() -> int:
    return _setting("NOTIFICATIONS_LEASE_SECONDS", 300)


def backoff_for(attempts: int) -> dt.timedelta:
    """Exponential back-off after the ``attempts``-th failed try, capped."""
    base = _setting("NOTIFICATIONS_BACKOFF_SECONDS", 60)
    cap = _setting("NOTIFICATIONS_BACKOFF_MAX_SECONDS", 6 * 60 * 60)
    return dt.timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


# --- claiming -------------------------------------------------------------------------------


def _due(now: dt.datetime) -> Q:
    fresh = Q(state=State.PENDING, next_attempt_at__lte=now)
    lapsed = Q(state=State.SENDING, claimed_until__lt=now)
    return fresh | lapsed


def claim_due(*, limit: int = 20, now: dt.datetime | None = None) -> list[OutboundMessage]:
    """Claim up to ``limit`` due messages for this worker; no two workers get the same one."""
    now = now or clock.now()
    token = secrets.token_hex(16)
    claim = {
        "state": State.SENDING,
        "claim_token": token,
        "claimed_until": now + dt.timedelta(seconds=lease_seconds()),
    }
    if connection.vendor == "postgresql":
        with transaction.atomic():
            ids = list(
                OutboundMessage.objects.filter(_due(now))
                .order_by("next_attempt_at", "id")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:limit]
            )
            OutboundMessage.objects.filter(pk__in=ids).update(**claim)
    else:
        # SQLite has no row locks: each candidate is claimed by an UPDATE that only matches
        # while it is still due, so of two workers racing for it exactly one changes the row.
        candidates = list(
            OutboundMessage.objects.filter(_due(now))
            .order_by("next_attempt_at", "id")
            .values_list("pk", flat=True)[:limit]
        )
        ids = [
            pk
            for pk in candidates
            if OutboundMessage.objects.filter(_due(now), pk=pk).update(**claim) == 1
        ]
    return list(OutboundMessage.objects.filter(pk__in=ids, claim_token=token).order_by("id"))


def _still_mine(message: OutboundMessage, now: dt.datetime) -> Q:
    return Q(pk=message.pk, state=State.SENDING, claim_token=message.claim_token) & Q(
        claimed_until__gt=now
    )


def _mark_handed_over(message: OutboundMessage) -> bool:
    """Commit the point after which the server may have the message; False if the claim
    lapsed or was taken over meanwhile (then this worker must not send)."""
    now = clock.now()
    changed = OutboundMessage.objects.filter(_still_mine(message, now)).update(
        handed_over_at=now, attempts=F("attempts") + 1
    )
    if changed:
        message.handed_over_at = now
        message.attempts += 1
    return changed == 1


# --- results --------------------------------------------------------------------------------


def _timeline(message: OutboundMessage, kind: str, summary: str) -> None:
    if message.case_id is None:
        return
    record_event(
        changes_case=False,
        case=Case(pk=message.case_id),
        actor=None,
        kind=kind,
        summary=summary,
        message=message.pk,
    )


def _what(message: OutboundMessage) -> str:
    return "Letter" if message.channel == OutboundMessage.Channel.LETTER else "Email"


def _finish(message: OutboundMessage, *, state: str, kind: str, summary: str, **fields) -> bool:  # type: ignore[no-untyped-def]
    """Record the outcome only if this worker still holds the claim (by token, not lease:
    a slow but successful send must still be recorded)."""
    with transaction.atomic():
        changed = OutboundMessage.objects.filter(
            pk=message.pk, state=State.SENDING, claim_token=message.claim_token
        ).update(state=state, claim_token="", claimed_until=None, **fields)
        if changed:
            _timeline(message, kind, summary)
    return changed == 1


def _mark_sent(message: OutboundMessage, reference: str) -> bool:
    return _finish(
        message,
        state=State.SENT,
        kind="message_sent",
        summary=f"{_what(message)} sent: {message.subject}",
        sent_at=clock.now(),
        provider_reference=reference[:100],
        last_error="",
    )


def _mark_post_room(message: OutboundMessage) -> bool:
    return _finish(
        message,
        state=State.POST_ROOM,
        kind="letter_ready",
        summary=f"Letter ready to print in the post room: {message.subject}",
        last_error="",
    )


def _mark_retry_or_failed(
    message: OutboundMessage, error: str, *, permanent: bool, check_first: bool = False
) -> str:
    """Schedule another try with back-off, or give up; returns the state reached.

    ``check_first`` keeps the hand-over mark so that the next try asks the service whether
    the message arrived before sending it again."""
    attempts = max(message.attempts, 1)
    if permanent or attempts >= _setting("NOTIFICATIONS_MAX_ATTEMPTS", 8):
        _finish(
            message,
            state=State.FAILED,
            kind="message_failed",
            summary=f"{_what(message)} could not be sent after {attempts} "
            f"attempt{'s' if attempts != 1 else ''}: {message.subject}",
            last_error=error[:2000],
        )
        return State.FAILED
    # A retry is not a change to the case worth a timeline entry; the final result is.
    OutboundMessage.objects.filter(
        pk=message.pk, state=State.SENDING, claim_token=message.claim_token
    ).update(
        state=State.PENDING,
        claim_token="",
        claimed_until=None,
        handed_over_at=message.handed_over_at if check_first else None,
        last_error=error[:2000],
        next_attempt_at=clock.now() + backoff_for(attempts),
    )
    return State.PENDING


def _mark_uncertain(message: OutboundMessage, why: str) -> bool:
    return _finish(
        message,
        state=State.UNCERTAIN,
        kind="message_uncertain",
        summary=f"{_what(message)} may have been sent ({why}); not resent. Check the mail "
        f"log for Message-ID {message_id_for(message)}",
        last_error=why[:2000],
    )


def message_id_for(message: OutboundMessage) -> str:
    """A Message-ID that is the same on every attempt, so the message can be traced and
    receiving systems that drop duplicate Message-IDs do so."""
    safe = "".join(c if c.isalnum() or c in "-._" else "-" for c in message.idempotency_key)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "redress.invalid"
    return f"<{safe}@{domain}>"


# --- delivering -----------------------------------------------------------------------------


@dataclass
class RunResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    uncertain: int = 0
    post_room: int = 0


def _resolve_lapsed(message: OutboundMessage, transport: Transport, result: RunResult) -> None:
    """A previous try handed this message over without learning whether it was accepted."""
    found = transport.find(message)
    if isinstance(found, Accepted):
        _mark_sent(message, found.reference)
        result.sent += 1
    elif isinstance(found, NotKnown):
        _mark_uncertain(message, "the worker stopped after handing it to the mail server")
        result.uncertain += 1
    elif isinstance(found, LookupFailed):
        _count(
            result, _mark_retry_or_failed(message, found.error, permanent=False, check_first=True)
        )
    else:  # the service says it never arrived: safe to send again
        message.handed_over_at = None
        OutboundMessage.objects.filter(pk=message.pk, claim_token=message.claim_token).update(
            handed_over_at=None
        )
        deliver(message, transport, result)


def _count(result: RunResult, state: str) -> None:
    if state == State.FAILED:
        result.failed += 1
    else:
        result.retried += 1


def deliver(message: OutboundMessage, transport: Transport, result: RunResult) -> None:
    """Deliver one claimed message and record what happened."""
    if message.handed_over_at is not None:
        _resolve_lapsed(message, transport, result)
        return
    if message.channel == OutboundMessage.Channel.LETTER and not transport.sends_letters:
        if _mark_post_room(message):
            result.post_room += 1
        return
    try:
        transport.prepare(message)
    except TemporaryFailure as exc:
        log.warning("message %s not sent: %s", message.pk, exc)
        # Nothing was handed over, but the try still counts towards the limit.
        OutboundMessage.objects.filter(pk=message.pk).update(attempts=F("attempts") + 1)
        message.attempts += 1
        _count(result, _mark_retry_or_failed(message, str(exc), permanent=False))
        return
    if not _mark_handed_over(message):
        return
    outcome = transport.send(message, message_id_for(message))
    if isinstance(outcome, Accepted):
        _mark_sent(message, outcome.reference)
        result.sent += 1
    elif isinstance(outcome, Rejected):
        log.warning("message %s refused: %s", message.pk, outcome.error)
        _count(result, _mark_retry_or_failed(message, outcome.error, permanent=outcome.permanent))
    elif transport.can_find:
        _count(
            result, _mark_retry_or_failed(message, outcome.error, permanent=False, check_first=True)
        )
    else:
        _mark_uncertain(message, outcome.error)
        result.uncertain += 1


def deliver_due(
    *, transport: Transport | None = None, limit: int = 20, now: dt.datetime | None = None
) -> RunResult:
    """Claim and deliver one batch; returns what happened."""
    result = RunResult()
    messages = claim_due(limit=limit, now=now)
    if not messages:
        return result
    transport = transport or transport_from_settings()
    try:
        for message in messages:
            deliver(message, transport, result)
    finally:
        transport.close()
    return result
