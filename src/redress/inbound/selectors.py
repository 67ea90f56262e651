"""Who sees which inbound email. The New email queue is the complaints team's (the same rule
as logging a case, ``can_log``); an email that has joined a case is seen only by those who
see that case, through the one visibility rule."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from redress.cases.permissions import can_log
from redress.cases.visibility import within_visible_cases
from redress.inbound.models import InboundEmail, Nature, State


def may_use_queue(user: Any) -> bool:
    return can_log(user)


def emails_visible_to(user: Any) -> QuerySet[InboundEmail]:
    if not may_use_queue(user):
        return InboundEmail.objects.none()
    # Email on no case, or each email's case probed (EXISTS) rather than
    # ``case_id IN (every visible case)``, which had SQLite list them all.
    rows = within_visible_cases(InboundEmail.objects.all(), user)
    return rows.select_related("case", "decided_by")


def queue(user: Any, mailbox: str) -> QuerySet[InboundEmail]:
    """New email from people, oldest first (the ``inbound_queue`` index). Email in the queue
    is on no case, which ``emails_visible_to`` shows every queue user; asking for that
    directly keeps the case subquery out of the queue's plan."""
    if not may_use_queue(user):
        return InboundEmail.objects.none()
    waiting = InboundEmail.objects.filter(
        mailbox=mailbox, state=State.NEW, nature=Nature.PERSON, case__isnull=True
    )
    return waiting.order_by("received_at", "id")


def recently_dealt_with(user: Any, mailbox: str) -> QuerySet[InboundEmail]:
    return (
        emails_visible_to(user)
        .filter(mailbox=mailbox)
        .exclude(state=State.NEW)
        .order_by("-received_at", "-id")
    )
