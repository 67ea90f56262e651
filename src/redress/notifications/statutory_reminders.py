"""Reminders of the statutory procedures' own dates, run periodically by the worker:

- each step of a stage (children's stage 3: the panel, its report) shortly before it is due
  and when it is missed, to the stage's handler;
- the adult procedure's prompt once the response date passes unanswered: write to the person
  and explain why.

The stage's response date itself is reminded by ``reminders.send_deadline_reminders``. Each
reminder is a ``DeadlineReminder`` row keyed by (case, stage, date, what, kind), so it goes out
once however many workers run this.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from redress.accounts.models import User
from redress.calendars.services import working_calendar
from redress.cases.kinds import Status
from redress.cases.models import Case, StageStep
from redress.cases.statutory import delay_unexplained, step_schedule
from redress.core import clock
from redress.core.dates import long_date
from redress.notifications.models import DeadlineReminder
from redress.notifications.reminders import Horizons, reminder_days
from redress.notifications.services import message_queue
from redress.procedures.definitions import ProcedureDefinition
from redress.procedures.models import ProcedureVersion
from redress.procedures.services import definition_of

Kind = DeadlineReminder.Kind
DELAY_LETTER = "delay_letter"


@dataclass
class StatutoryReminderResult:
    steps: int = 0
    delay_prompts: int = 0

    def __str__(self) -> str:
        return f"{self.steps} step reminders, {self.delay_prompts} delay prompts"


def _statutory_versions() -> dict[int, ProcedureDefinition]:
    """The versions with steps or an agreed response date: few, and parsed once each."""
    found = {}
    for version in ProcedureVersion.objects.all():
        definition = definition_of(version)
        if any(s.steps or s.agreed_response for s in definition.stages):
            found[version.pk] = definition
    return found


def _open_cases(definitions: dict[int, ProcedureDefinition]):  # type: ignore[no-untyped-def]
    return (
        Case.objects.filter(status=Status.OPEN, procedure_version__in=list(definitions))
        .exclude(current_stage=None)
        .exclude(current_handler=None)
        .select_related("current_stage", "current_handler")
        .order_by("id")
    )


def _send(case: Case, deadline: dt.date, what: str, label: str, kind: str) -> bool:
    stage = case.current_stage
    assert stage is not None
    try:
        with transaction.atomic():
            reminder = DeadlineReminder.objects.create(
                case=case, stage=stage, deadline=deadline, what=what, kind=kind
            )
            handler = case.current_handler
            if isinstance(handler, User) and handler.is_active and handler.email:
                context = {
                    "case": case,
                    "stage": stage,
                    "person": handler,
                    "label": label,
                    "reminder": reminder,
                    "base_url": settings.REDRESS["PUBLIC_BASE_URL"].rstrip("/"),
                }
                message_queue(
                    case=case,
                    subject=_subject(case, label, deadline, what, kind),
                    body_text=render_to_string(
                        "notifications/email/statutory_reminder.txt", context
                    ),
                    recipient_email=handler.email,
                    recipient_name=handler.display_name,
                    template_key=f"statutory_{what}_{kind}",
                    idempotency_key=f"statutory-reminder-{reminder.pk}-{handler.pk}",
                )
    except IntegrityError:
        return False  # another worker sent this one first
    return True


def _subject(case: Case, label: str, deadline: dt.date, what: str, kind: str) -> str:
    day = long_date(deadline)
    if what == DELAY_LETTER:
        return f"{case.reference}: response date {day} passed: write and explain why"
    verb = "missed" if kind == Kind.MISSED else "due"
    return f"{case.reference}: {label} {verb} {day}"


def send_statutory_reminders(*, today: dt.date | None = None) -> StatutoryReminderResult:
    today = today or clock.today()
    result = StatutoryReminderResult()
    definitions = _statutory_versions()
    if not definitions:
        return result
    horizons = Horizons(today, reminder_days())
    cases = list(_open_cases(definitions))
    done: dict[int, dict[str, dt.date]] = {}
    for stage_id, key, day in StageStep.objects.filter(
        stage__in=[c.current_stage_id for c in cases]
    ).values_list("stage_id", "key", "done_on"):
        done.setdefault(stage_id, {})[key] = day
    for case in cases:
        stage = case.current_stage
        assert stage is not None
        definition = definitions[case.procedure_version_id]
        stage_def = definition.stage(stage.key)
        stage_done = done.get(stage.pk, {})
        if stage.responded_on:
            continue
        if stage_def.steps:
            calendar = working_calendar(definition.calendar, stage.opened_on)
            schedule = step_schedule(stage_def, stage, stage_done, calendar)
            step = next((s for s in schedule if not s.done and not s.answers), None)
            if step is not None and step.due_on is not None:
                horizon = horizons.of(definition.calendar)
                if step.due_on <= horizon:
                    kind = Kind.MISSED if step.due_on < today else Kind.DUE_SOON
                    result.steps += _send(case, step.due_on, step.key, step.name, kind)
        if stage_def.agreed_response and delay_unexplained(stage, stage_done, today):
            due = stage.effective_response_due
            assert due is not None
            result.delay_prompts += _send(case, due, DELAY_LETTER, "delay letter", Kind.MISSED)
    return result
