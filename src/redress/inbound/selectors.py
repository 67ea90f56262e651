"""Who sees which inbound email. The New email queue is the complaints team's (the same rule
as logging a case, ``can_log``); an email that has joined a case is seen only by those who
see that case, through the one visibility rule."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from redress.cases.permissions import can_log
from redress.cases.selectors import cases_visible_to
from redress.inbound.models import InboundEmail, Nature, State


def may_use_queue(user: Any) -> bool:
    return can_log(user)


def emails_visible_to(user: Any) -> QuerySet[InboundEmail]:
    if not may_use_queue(user):
        return InboundEmail.objects.none()
    return InboundEmail.objects.filter(
        Q(case__isnull=True) | Q(case__in=cases_visible_to(user))
    ).select_related("case", "decided_by")


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
