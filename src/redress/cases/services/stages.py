"""What every case transition shares: locking the case, checking the version it was read
at, reading its procedure definition, checking a date, saving the fields the lifecycle owns and
opening a stage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from redress.calendars.clock import (
    LONDON,
    Duration,
    Unit,
    WorkingCalendar,
    local_date,
)
from redress.calendars.services import working_calendar
from redress.cases.kinds import (
    Status,
)
from redress.cases.models import Case, CaseStage
from redress.cases.services import deadlines
from redress.core import clock
from redress.core.dates import long_date
from redress.core.errors import InvalidInput, TransitionNotAllowed
from redress.core.words import either
from redress.procedures.definitions import (
    ProcedureDefinition,
    StageDefinition,
)
from redress.procedures.services import definition_of


def _today() -> dt.date:
    return clock.today()


def _lock(case: Case) -> tuple[Case, CaseStage | None]:
    """Re-read the case under a row lock (PostgreSQL) so concurrent actions queue."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    stage_id = locked.current_stage_id
    stage = CaseStage.objects.filter(pk=stage_id).first() if stage_id is not None else None
    locked.current_stage = stage
    return locked, stage


def _check_version(case: Case, expected_version: int | None) -> None:
    if expected_version is not None and case.version != expected_version:
        raise TransitionNotAllowed(
            "Someone else changed this case after you opened it. "
            "Check the latest details, then try again."
        )


def require_current(case: Case, expected_version: int | None) -> None:
    """Lock the case and refuse if it changed since ``expected_version`` was read: for a page
    or API call that records something on the case through a service of its own."""
    _check_version(_lock(case)[0], expected_version)


def _definition(case: Case) -> ProcedureDefinition:
    return definition_of(case.procedure_version)


def _stage_definition(case: Case, stage: CaseStage) -> StageDefinition:
    return _definition(case).stage(stage.key)


def _calendar_for(case: Case, around: dt.date):  # type: ignore[no-untyped-def]
    return working_calendar(_definition(case).calendar, around)


def _refresh_due(case: Case, stage: CaseStage | None) -> None:
    case.next_due_on = deadlines.next_due_on(case, stage)


# The case fields the lifecycle changes. Saving only these leaves the text untouched, so the
# search index triggers (which watch the text columns) do not fire on every transition.
LIFECYCLE_FIELDS = [
    "status",
    "outcome",
    "not_accepted_reason",
    "not_accepted_detail",
    "current_stage",
    "current_handler",
    "next_due_on",
    "closed_on",
    "updated_at",
]


def _save(case: Case, stage: CaseStage | None) -> Case:
    if stage is not None:
        stage.save()
    _refresh_due(case, stage)
    case.save(update_fields=LIFECYCLE_FIELDS)
    return case


def _check_day(field: str, day: Any, *, not_before: dt.date, what: str) -> dt.date:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidInput.for_field(field, f"Enter the date {what} as a real date.")
    if day > _today():
        raise InvalidInput.for_field(field, f"The date {what} cannot be in the future.")
    if day < not_before:
        raise InvalidInput.for_field(
            field, f"The date {what} cannot be before {long_date(not_before)}."
        )
    return day


def _stage_fields(
    stage_def: StageDefinition, number: int, opened_at: dt.datetime, calendar: WorkingCalendar
) -> dict[str, Any]:
    ack_due, response_due = deadlines.stage_opening_dates(stage_def, opened_at, calendar)
    return {
        "number": number,
        "key": stage_def.key,
        "name": stage_def.name,
        "handled_by": stage_def.handled_by.value,
        "opened_at": opened_at,
        "opened_on": local_date(opened_at),
        "acknowledge_due": ack_due,
        "response_due": response_due,
    }


def _open_stage(
    case: Case,
    definition: ProcedureDefinition,
    stage_def: StageDefinition,
    number: int,
    opened_at: dt.datetime,
) -> CaseStage:
    calendar = working_calendar(definition.calendar, local_date(opened_at))
    stage = CaseStage.objects.create(
        case=case, **_stage_fields(stage_def, number, opened_at, calendar)
    )
    case.current_stage = stage
    case.current_handler = None
    case.status = Status.OPEN
    _refresh_due(case, stage)
    case.save(update_fields=LIFECYCLE_FIELDS)
    return stage


def _opened_at_for(day: dt.date) -> dt.datetime:
    """When a stage opened on ``day`` opened: now if today, otherwise midday that day."""
    if day == _today():
        return clock.now()
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=LONDON)


def duration(amount: int, unit: str) -> Duration:
    """A Duration from user input, with the field named in the error."""
    units = [u.value for u in Unit]
    if unit not in units:
        spoken = either(u.replace("_", " ") for u in units)
        raise InvalidInput.for_field("by.unit", f"Choose a unit: {spoken}.")
    if amount < 1:
        raise InvalidInput.for_field("by.amount", "The amount must be at least 1.")
    return Duration(amount, Unit(unit))
