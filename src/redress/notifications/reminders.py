"""Deadline reminders, run periodically by the worker.

The handler hears a configurable number of working days before each deadline, counted on the
calendar of the case's procedure; the handler and their manager hear when it is missed. Each
reminder is a row with a unique key (case, stage, deadline, what, kind) inserted in the same
transaction as its messages, so it goes out once however many workers run the job, however
often.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string

from redress.accounts.models import User
from redress.calendars.registry import CALENDAR_CODES
from redress.calendars.services import working_calendar
from redress.cases.kinds import Status
from redress.cases.models import Case, CaseStage
from redress.cases.selectors import cases_visible_to
from redress.core import clock
from redress.core.dates import long_date
from redress.notifications.models import DeadlineReminder
from redress.notifications.services import message_queue
from redress.procedures.models import ProcedureVersion
from redress.procedures.services import definition_of

Kind = DeadlineReminder.Kind
BATCH = 500


def reminder_days() -> int:
    return int(getattr(settings, "NOTIFICATIONS_REMINDER_WORKING_DAYS", 2))


def _not_yet(kind: str) -> Exists:
    return Exists(
        DeadlineReminder.objects.filter(
            case=OuterRef("pk"),
            stage=OuterRef("current_stage"),
            deadline=OuterRef("next_due_on"),
            kind=kind,
        )
    )


def cases_needing_reminders(today: dt.date, horizon: dt.date):  # type: ignore[no-untyped-def]
    """Open cases with a handler whose next deadline is missed or within the horizon, and who
    have not had that reminder: an index range on (status, next_due_on)."""
    missed = Q(next_due_on__lt=today) & ~_not_yet(Kind.MISSED)
    soon = Q(next_due_on__gte=today, next_due_on__lte=horizon) & ~_not_yet(Kind.DUE_SOON)
    return (
        Case.objects.filter(status=Status.OPEN, next_due_on__lte=horizon)
        .exclude(current_handler=None)
        .exclude(current_stage=None)
        .filter(missed | soon)
        .select_related("current_stage", "current_handler__manager", "service__head")
        .order_by("id")
    )


def _what_is_due(stage: CaseStage, deadline: dt.date) -> str:
    if stage.acknowledge_due == deadline and not stage.acknowledged_on:
        return "acknowledgement"
    return "response"


@dataclass
class ReminderResult:
    due_soon: int = 0
    missed: int = 0


def _recipients(case: Case, kind: str) -> list[User]:
    # cases_needing_reminders keeps only cases with a handler, a stage and a deadline.
    handler = cast(User, case.current_handler)
    people = [handler]
    if kind == Kind.MISSED:
        # A missed deadline escalates to the head of the case's service area (and to the
        # handler's own manager, where one is recorded).
        for above in (case.service.head, handler.manager):
            if above is not None and above not in people:
                people.append(above)
    # A reminder names the case: only to people who may see it (a manager without a grant is
    # not told about a restricted case).
    return [p for p in people if p.is_active and p.email and may_see(p, case)]


def may_see(person: User, case: Case) -> bool:
    """Whether a reminder about ``case`` may go to ``person``: only if they can see it."""
    return cases_visible_to(person).filter(pk=case.pk).exists()


def _send_one(case: Case, today: dt.date) -> str | None:
    stage = cast(CaseStage, case.current_stage)
    deadline = cast(dt.date, case.next_due_on)
    kind = Kind.MISSED if deadline < today else Kind.DUE_SOON
    what = _what_is_due(stage, deadline)
    try:
        with transaction.atomic():
            reminder = DeadlineReminder.objects.create(
                case=case, stage=stage, deadline=deadline, what=what, kind=kind
            )
            for person in _recipients(case, kind):
                _queue(case, stage, reminder, person)
    except IntegrityError:
        return None  # another worker sent this reminder first
    return kind


def _queue(case: Case, stage: CaseStage, reminder: DeadlineReminder, person: User) -> None:
    context = {
        "case": case,
        "stage": stage,
        "reminder": reminder,
        "person": person,
        "is_handler": person.pk == case.current_handler_id,
        "base_url": settings.REDRESS["PUBLIC_BASE_URL"].rstrip("/"),
    }
    verb = "missed" if reminder.kind == Kind.MISSED else "due"
    message_queue(
        case=case,
        subject=f"{case.reference}: {stage.name} {reminder.what} {verb} "
        f"{long_date(reminder.deadline)}",
        body_text=render_to_string("notifications/email/reminder.txt", context),
        recipient_email=person.email,
        recipient_name=person.display_name,
        template_key=f"reminder_{reminder.kind}",
        idempotency_key=f"reminder-{reminder.pk}-{person.pk}",
    )


class Horizons:
    """The last day "due soon" reaches on each calendar: ``reminder_days`` working days after
    today, counted on the calendar of the case's procedure (a Scottish procedure's deadline is
    not near on an English bank holiday). One closure-day query per calendar per run."""

    def __init__(self, today: dt.date, days: int):
        self.today = today
        self.days = days
        self._by_code: dict[str, dt.date] = {}

    def of(self, code: str) -> dt.date:
        if code not in self._by_code:
            calendar = working_calendar(code, self.today)
            self._by_code[code] = calendar.add_working_days(self.today, self.days)
        return self._by_code[code]

    def furthest(self) -> dt.date:
        codes = CALENDAR_CODES | {settings.REDRESS["DEFAULT_CALENDAR"]}
        return max(self.of(code) for code in codes)


def _calendar_codes(cases: list[Case]) -> dict[int, str]:
    """Each procedure version's calendar, for a batch of cases: one query, not one per case.
    The version's frozen definition names it, as it does for every other date of the case."""
    ids = {case.procedure_version_id for case in cases}
    versions = ProcedureVersion.objects.filter(pk__in=ids)
    return {version.pk: definition_of(version).calendar for version in versions}


def _due_yet(case: Case, today: dt.date, horizons: Horizons, codes: dict[int, str]) -> bool:
    """Missed deadlines always are; "due soon" depends on the case's own calendar."""
    due = case.next_due_on
    if due is None:  # never from cases_needing_reminders, which filters on the date
        return False
    return due < today or due <= horizons.of(codes[case.procedure_version_id])


def send_deadline_reminders(*, today: dt.date | None = None) -> ReminderResult:
    today = today or clock.today()
    horizons = Horizons(today, reminder_days())
    # Fetch up to the furthest horizon of any calendar, then hold back each case not yet due
    # soon on its own: the query stays one index range however many calendars are in use.
    furthest = horizons.furthest()
    result = ReminderResult()
    after = 0
    while True:
        batch = list(cases_needing_reminders(today, furthest).filter(pk__gt=after)[:BATCH])
        if not batch:
            return result
        codes = _calendar_codes(batch)
        for case in batch:
            if not _due_yet(case, today, horizons, codes):
                continue
            kind = _send_one(case, today)
            if kind == Kind.MISSED:
                result.missed += 1
            elif kind == Kind.DUE_SOON:
                result.due_soon += 1
        after = batch[-1].pk
