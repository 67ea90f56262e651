"""Reminders about learning actions, run periodically by the worker: to the owner some days
before the due date (``LEARNING_REMINDER_DAYS``, 7 by default), and to the owner and the head
of the owning service area once it is missed.

As with remedies and actions (``notifications.followups``), each message's idempotency key
names the action, its due date and the person, so it goes once however many workers run the
job; a new due date earns a reminder of its own. Nobody hears of a learning action they may
not see: the text of one on a restricted case reaches only those who may see the case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from redress.accounts.models import User
from redress.core import clock
from redress.core.dates import long_date
from redress.learning.models import OPEN_STATUSES, LearningAction
from redress.learning.selectors import learning_visible_to
from redress.notifications.models import OutboundMessage
from redress.notifications.services import message_queue

BATCH = 500


def reminder_days() -> int:
    return int(getattr(settings, "LEARNING_REMINDER_DAYS", 7))


@dataclass
class LearningReminders:
    due_soon: int = 0
    missed: int = 0

    def __str__(self) -> str:
        return f"{self.due_soon} learning actions due soon, {self.missed} missed"


def _recipients(action: LearningAction, missed: bool) -> list[User]:
    people = [action.owner]
    head = action.service.head
    if missed and head is not None and head != action.owner:
        people.append(head)
    return [p for p in people if p.is_active and p.email]


def _may_see(person: User, action: LearningAction) -> bool:
    return learning_visible_to(person).filter(pk=action.pk).exists()


def _remind(action: LearningAction, today: dt.date) -> int:
    missed = action.due_on < today
    when = "missed" if missed else "soon"
    base = settings.REDRESS["PUBLIC_BASE_URL"].rstrip("/")
    sent = 0
    for person in _recipients(action, missed):
        key = f"learning-{action.pk}-{when}-{action.due_on}-{person.pk}"
        if OutboundMessage.objects.filter(idempotency_key=key).exists():
            continue
        if not _may_see(person, action):
            continue
        body = render_to_string(
            "learning/email/reminder.txt",
            {
                "person": person,
                "action": action,
                "missed": missed,
                "due": long_date(action.due_on),
                "link": base + reverse("learning:detail", args=[action.pk]),
            },
        )
        verb = "missed" if missed else "due"
        try:
            with transaction.atomic():
                message_queue(
                    case=action.case,
                    subject=f"Learning action {verb} {long_date(action.due_on)}: "
                    f"{action.service.name}",
                    body_text=body,
                    recipient_email=person.email,
                    recipient_name=person.display_name,
                    template_key="learning_reminder",
                    idempotency_key=key,
                )
        except IntegrityError:
            continue  # another worker sent it first
        sent += 1
    return sent


def send_learning_reminders(*, today: dt.date | None = None) -> LearningReminders:
    """Open learning due within the reminder days or missed: the open-by-due-date index."""
    today = today or clock.today()
    horizon = today + dt.timedelta(days=reminder_days())
    result = LearningReminders()
    due = (
        LearningAction.objects.filter(status__in=OPEN_STATUSES, due_on__lte=horizon)
        .select_related("case", "service__head", "owner")
        .order_by("due_on", "id")
    )
    for action in due.iterator(chunk_size=BATCH):
        if _remind(action, today):
            if action.due_on < today:
                result.missed += 1
            else:
                result.due_soon += 1
    return result
