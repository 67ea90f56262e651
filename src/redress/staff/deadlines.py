"""Deadlines as staff see them: the date, the working days left and a tag."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.conf import settings
from django.utils import timezone

from redress.calendars.clock import WorkingCalendar, days_left
from redress.calendars.services import working_calendar
from redress.cases.models import Case
from redress.cases.services.deadlines import response_due_is_provisional
from redress.core import clock
from redress.core.dates import long_date
from redress.procedures.services import definition_of


def govuk_date(day: dt.date | None) -> str:
    """A date the GOV.UK way: 31 December 2025."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date()
    return long_date(day)


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    days_left: int
    # What falls due ("acknowledge", "respond"), when a list says so, and whether the date is
    # only provisional (a response counted from an acknowledgement not yet made).
    purpose: str = ""
    provisional: bool = False

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def label(self) -> str:
        if self.days_left < 0:
            late = -self.days_left
            return f"Overdue by {late} working day{'s' if late != 1 else ''}"
        if self.days_left == 0:
            return "Due today"
        return f"Due in {self.days_left} working day{'s' if self.days_left != 1 else ''}"

    @property
    def tag_class(self) -> str:
        if self.days_left < 0:
            return "govuk-tag--red"
        if self.days_left == 0:
            return "govuk-tag--orange"
        if self.days_left <= 2:
            return "govuk-tag--yellow"
        return "govuk-tag--blue"


class Calendars:
    """Working calendars by code, built once per page: one query per calendar in use."""

    def __init__(self, today: dt.date | None = None):
        self.today = today or clock.today()
        self._by_code: dict[str, WorkingCalendar] = {}

    def get(self, code: str) -> WorkingCalendar:
        if code not in self._by_code:
            self._by_code[code] = working_calendar(code, self.today)
        return self._by_code[code]

    def default(self) -> WorkingCalendar:
        return self.get(settings.REDRESS["DEFAULT_CALENDAR"])

    def for_case(self, case: Case) -> WorkingCalendar:
        return self.get(definition_of(case.procedure_version).calendar)

    def deadline(self, case: Case, due: dt.date | None) -> Deadline | None:
        if due is None:
            return None
        return Deadline(due=due, days_left=days_left(self.today, due, self.for_case(case)))


def _next_deadline(case: Case, calendars: Calendars) -> Deadline | None:
    deadline = calendars.deadline(case, case.next_due_on)
    stage = case.current_stage
    if deadline is None or stage is None:
        return deadline
    if stage.acknowledge_due == deadline.due and not stage.acknowledged_on:
        return replace(deadline, purpose="acknowledge")
    stage_def = definition_of(case.procedure_version).stage(stage.key)
    provisional = response_due_is_provisional(stage, stage_def)
    return replace(deadline, purpose="respond", provisional=provisional)


def annotate_deadlines(cases: list[Case], calendars: Calendars) -> list[Case]:
    """Attach ``deadline`` (the next one, with what falls due, or None) to each case of a page."""
    for case in cases:
        case.deadline = _next_deadline(case, calendars)  # type: ignore[attr-defined]
    return cases
