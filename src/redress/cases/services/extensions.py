"""The new response date an extension asks for, checked against the procedure's maximum."""

from __future__ import annotations

import datetime as dt

from redress.calendars.clock import Duration, due_date
from redress.cases.models import Case, CaseStage
from redress.cases.services.stages import _calendar_for
from redress.core.dates import long_date
from redress.core.errors import InvalidInput
from redress.procedures.definitions import StageDefinition


def extension_target(
    case: Case,
    stage: CaseStage,
    stage_def: StageDefinition,
    *,
    extend_by: Duration | None,
    until: dt.date | None,
) -> dt.date:
    """The new date, from how long to extend by or the date given; refused naming the field
    when the input is unusable or goes beyond the procedure's maximum extension."""
    assert stage.response_due is not None and stage_def.max_extension is not None  # the guard
    if extend_by is not None and until is not None:
        raise InvalidInput.for_field(
            "by", "Give either how long to extend by or the new date, not both."
        )
    if extend_by is None and until is None:
        raise InvalidInput.for_field(
            "by", "Give how long to extend by or the new date for the response."
        )
    if extend_by is not None and not isinstance(extend_by, Duration):
        raise InvalidInput.for_field("by", "Give the extension as an amount and a unit.")
    if until is not None and (not isinstance(until, dt.date) or isinstance(until, dt.datetime)):
        raise InvalidInput.for_field("until", "Enter the new date for the response as a real date.")
    current = stage.effective_response_due
    assert current is not None
    calendar = _calendar_for(case, current)
    if extend_by is not None:
        if extend_by.amount <= 0:
            raise InvalidInput.for_field("by.amount", "The extension must be at least 1.")
        new_due = due_date(current, extend_by, calendar)
        field = "by"
    else:
        assert until is not None
        new_due, field = until, "until"
        if new_due <= current:
            raise InvalidInput.for_field(
                "until", f"The new date must be after the current deadline, {long_date(current)}."
            )
    limit = due_date(stage.response_due, stage_def.max_extension, calendar)
    if new_due > limit:
        raise InvalidInput.for_field(
            field,
            f"{stage.name} can be extended by at most {stage_def.max_extension.describe()}, "
            f"to {long_date(limit)}.",
        )
    return new_due
