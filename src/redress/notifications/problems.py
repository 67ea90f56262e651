"""Delivery problems: messages that may not have arrived, for the complaints team to settle.

"Uncertain" means the mail server had the message when the connection was lost (a worker was
killed during the hand-over, say), so it may or may not have arrived; "failed" means every try
was refused. Neither is retried by itself: sending again blindly could send twice. A person
checks (the mail server's log, by Message-ID, or the recipient) and either sends it again,
with the same Message-ID so a mail system that already has it can drop the copy, or marks it
as delivered. Each is recorded on the case's timeline.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from redress.cases.models import Case
from redress.cases.permissions import can_log
from redress.cases.services.timeline import record_event
from redress.cases.visibility import within_visible_cases
from redress.core import clock
from redress.core.counting import counted_alongside
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.notifications.delivery import message_id_for
from redress.notifications.models import CONFIDENTIAL_TEMPLATE_PREFIX, OutboundMessage

log = logging.getLogger(__name__)
State = OutboundMessage.State
PROBLEM_STATES = (State.UNCERTAIN, State.FAILED)
NOTE_MAX = 1000
SHOWN_ON_MY_WORK = 10  # the oldest; settling them brings up the next


def may_handle_problems(user: Any) -> bool:
    """Complaints officers and administrators settle delivery problems, as they run the post
    room; the same rule (``can_log``), not a second copy of it."""
    return can_log(user)


def problems_visible_to(user: Any) -> QuerySet[OutboundMessage]:
    """Problem messages on cases ``user`` may see (and those about no case), for the people who
    settle them; nothing for anyone else."""
    if not may_handle_problems(user):
        return OutboundMessage.objects.none()
    # Messages on no case, or each message's case probed (EXISTS): ``case_id IN (every
    # visible case)`` had SQLite list them all.
    problems = OutboundMessage.objects.filter(state__in=PROBLEM_STATES)
    return (
        within_visible_cases(problems, user)
        .exclude(template_key__startswith=CONFIDENTIAL_TEMPLATE_PREFIX)
        .select_related("case")
        .order_by("created_at", "id")
    )


@dataclass
class ProblemList:
    count: int
    shown: Sequence[OutboundMessage]


def delivery_problems_for(user: Any) -> ProblemList:
    """The My work section: how many, and the oldest few."""
    # Only what the table shows: a message's bodies and its case's columns are not needed.
    # Each row carries the count, so one query gives both.
    shown = list(
        problems_visible_to(user)
        .only("id", "subject", "state", "created_at", "case__reference")
        .annotate(problems=counted_alongside())[:SHOWN_ON_MY_WORK]
    )
    return ProblemList(count=shown[0].problems if shown else 0, shown=shown)


def problem_for(user: Any, pk: int) -> OutboundMessage | None:
    return problems_visible_to(user).filter(pk=pk).first()


def _claim_problem(by: Any, message: OutboundMessage) -> OutboundMessage:
    """Re-read the message locked, checking the person may act and it is still a problem."""
    if not may_handle_problems(by):
        raise NotPermitted("Only complaints officers and administrators settle delivery problems.")
    current = problems_visible_to(by).select_for_update(of=("self",)).filter(pk=message.pk).first()
    if current is None:
        now = OutboundMessage.objects.filter(pk=message.pk).first()
        state = now.get_state_display().lower() if now else "gone"
        raise TransitionNotAllowed(
            f"This message is no longer a delivery problem (it is now: {state}). "
            "Someone may have dealt with it already."
        )
    return current


def _what(message: OutboundMessage) -> str:
    return "Letter" if message.channel == OutboundMessage.Channel.LETTER else "Email"


def _record(message: OutboundMessage, by: Any, kind: str, summary: str, **data: Any) -> None:
    if message.case_id is None:
        log.info("%s: message %s by %s", kind, message.pk, getattr(by, "pk", None))
        return
    record_event(
        changes_case=False,
        case=Case(pk=message.case_id),
        actor=by,
        kind=kind,
        summary=summary,
        message=message.pk,
        **data,
    )


@transaction.atomic
def message_send_again(*, message: OutboundMessage, by: Any) -> OutboundMessage:
    """Put a problem message back in the outbox, to go out with the same Message-ID."""
    current = _claim_problem(by, message)
    was = current.state
    OutboundMessage.objects.filter(pk=current.pk).update(
        state=State.PENDING,
        attempts=0,
        next_attempt_at=clock.now(),
        handed_over_at=None,
        claim_token="",
        claimed_until=None,
    )
    _record(
        current,
        by,
        "message_resend",
        f"{_what(current)} to be sent again, with the same Message-ID "
        f"{message_id_for(current)}: {current.subject}",
        before={"state": was},
        after={"state": State.PENDING},
    )
    current.refresh_from_db()
    return current


@transaction.atomic
def message_mark_delivered(*, message: OutboundMessage, by: Any, note: str) -> OutboundMessage:
    """Record that a problem message did arrive, and how the person knows."""
    note = (note or "").strip()
    if not note:
        raise InvalidInput.for_field("note", "Enter how you know the message arrived")
    if len(note) > NOTE_MAX:
        raise InvalidInput.for_field(
            "note", f"How you know the message arrived must be {NOTE_MAX} characters or fewer"
        )
    current = _claim_problem(by, message)
    was = current.state
    OutboundMessage.objects.filter(pk=current.pk).update(
        state=State.SENT, sent_at=clock.now(), claim_token="", claimed_until=None
    )
    _record(
        current,
        by,
        "message_marked_delivered",
        f"{_what(current)} marked as delivered: {current.subject}. {note}",
        before={"state": was},
        after={"state": State.SENT},
        note=note,
    )
    current.refresh_from_db()
    return current
