"""Where a stage's dates come from: the procedure snapshot, the calendar and the events so far."""

from __future__ import annotations

import datetime as dt

from redress.calendars.clock import WorkingCalendar, due_date
from redress.cases.kinds import Status
from redress.cases.models import Case, CaseStage
from redress.procedures.definitions import RespondFrom, StageDefinition


def stage_opening_dates(
    stage: StageDefinition, opened_at: dt.datetime, calendar: WorkingCalendar
) -> tuple[dt.date | None, dt.date | None]:
    """(acknowledge due, response due) for a stage opened at ``opened_at``.

    Where the response runs from the acknowledgement, the response date shown before the
    acknowledgement assumes it comes on its last permitted day: the latest the answer can be due.
    """
    ack_due = (
        due_date(opened_at, stage.acknowledge_within, calendar)
        if stage.acknowledge_within
        else None
    )
    if stage.respond_within is None:
        return ack_due, None
    if stage.respond_from is RespondFrom.ACKNOWLEDGEMENT and ack_due is not None:
        return ack_due, due_date(ack_due, stage.respond_within, calendar)
    return ack_due, due_date(opened_at, stage.respond_within, calendar)


def response_due_after_acknowledgement(
    stage: StageDefinition, acknowledged_on: dt.date, calendar: WorkingCalendar
) -> dt.date | None:
    if stage.respond_within is None or stage.respond_from is not RespondFrom.ACKNOWLEDGEMENT:
        return None
    return due_date(acknowledged_on, stage.respond_within, calendar)


def next_due_on(case: Case, stage: CaseStage | None) -> dt.date | None:
    """The next date the open stage has something due, or None when nothing is."""
    if case.status != Status.OPEN or stage is None:
        return None
    dates = []
    if stage.acknowledge_due and not stage.acknowledged_on:
        dates.append(stage.acknowledge_due)
    if stage.effective_response_due and not stage.responded_on:
        dates.append(stage.effective_response_due)
    return min(dates) if dates else None


def response_due_is_provisional(stage: CaseStage, stage_def: StageDefinition) -> bool:
    """Whether the stage's response date is only provisional: it runs from an acknowledgement
    not yet made, so it assumes the acknowledgement comes on its last permitted day."""
    return (
        stage_def.respond_from is RespondFrom.ACKNOWLEDGEMENT
        and stage.response_due is not None
        and not stage.acknowledged_on
        and not stage.responded_on
    )
