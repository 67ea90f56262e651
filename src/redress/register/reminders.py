"""The register's daily work, run by the worker: remind the governance group of reviews coming
up, and record as expired the entries whose review date passed without a review.

Each reminder is a ``ReviewReminder`` row with a unique key (entry, review date) inserted in
the same transaction as its emails, so it goes once however many workers run the job; a
review that moves the date on gets a reminder of its own. The emails name the person and the
date only, never the behaviour or the reasons, and are confidential messages, so no list of
messages outside the register shows them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse

from redress.core import clock
from redress.core.dates import long_date
from redress.notifications.models import CONFIDENTIAL_TEMPLATE_PREFIX
from redress.notifications.services import message_queue
from redress.register import history
from redress.register.models import EntryStatus, GovernanceMember, RegisterEntry, ReviewReminder

REMINDER_KEY = f"{CONFIDENTIAL_TEMPLATE_PREFIX}register_review"
BATCH = 200


def reminder_days() -> int:
    """How many days before its review date the group hears of an entry."""
    return int(getattr(settings, "REGISTER_REVIEW_REMINDER_DAYS", 14))


@dataclass
class RegisterRun:
    reminded: int = 0
    expired: int = 0

    def __str__(self) -> str:
        return f"{self.reminded} reviews reminded, {self.expired} entries expired"


def _remind(entry: RegisterEntry, members: list[GovernanceMember]) -> bool:
    try:
        with transaction.atomic():
            ReviewReminder.objects.create(entry=entry, review_on=entry.review_on)
            base = settings.REDRESS["PUBLIC_BASE_URL"].rstrip("/")
            link = base + reverse("register:entry", args=[entry.pk])
            for member in members:
                message_queue(
                    case=None,
                    subject=f"Contact restrictions review due by {long_date(entry.review_on)}",
                    body_text=(
                        f"Dear {member.user.display_name}\n\n"
                        f"The contact restrictions on {entry.name} are due for review by "
                        f"{long_date(entry.review_on)}. If they are not reviewed by then, they "
                        f"end.\n\nRecord the review on the register: {link}\n"
                    ),
                    recipient_name=member.user.display_name,
                    recipient_email=member.user.email,
                    template_key=REMINDER_KEY,
                )
            history.record(
                entry=entry,
                actor=None,
                kind="review_reminder",
                summary=f"The governance group was reminded of the review due by "
                f"{long_date(entry.review_on)}",
            )
    except IntegrityError:
        return False  # another worker sent it first
    return True


def send_review_reminders(today: dt.date | None = None) -> int:
    today = today or clock.today()
    horizon = today + dt.timedelta(days=reminder_days())
    members = [
        m
        for m in GovernanceMember.objects.select_related("user")
        if m.user.is_active and m.user.email
    ]
    if not members:
        return 0
    due = (
        RegisterEntry.objects.filter(
            status=EntryStatus.ACTIVE, review_on__gte=today, review_on__lte=horizon
        )
        .exclude(
            Exists(
                ReviewReminder.objects.filter(entry=OuterRef("pk"), review_on=OuterRef("review_on"))
            )
        )
        .order_by("review_on", "pk")[:BATCH]
    )
    return sum(1 for entry in due if _remind(entry, members))


def expire_unreviewed(today: dt.date | None = None) -> int:
    """Entries past their review date with no review end: restrictions are time-limited."""
    today = today or clock.today()
    expired = 0
    for pk in RegisterEntry.objects.filter(
        status=EntryStatus.ACTIVE, review_on__lt=today
    ).values_list("pk", flat=True)[:BATCH]:
        with transaction.atomic():
            entry = RegisterEntry.objects.select_for_update().get(pk=pk)
            if entry.status != EntryStatus.ACTIVE or entry.review_on >= today:
                continue
            ended_on = entry.review_on + dt.timedelta(days=1)
            entry.status, entry.ended_on = EntryStatus.EXPIRED, ended_on
            entry.save(update_fields=["status", "ended_on"])
            history.record(
                entry=entry,
                actor=None,
                kind="expired",
                summary=f"Expired on {long_date(ended_on)}: not reviewed by "
                f"{long_date(entry.review_on)}",
            )
            expired += 1
    return expired


def register_daily(today: dt.date | None = None) -> RegisterRun:
    """The worker's periodic job."""
    return RegisterRun(reminded=send_review_reminders(today), expired=expire_unreviewed(today))
