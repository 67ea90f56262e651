"""Moving a case to another procedure, for example when a complaint logged under the
Complaint Handling Code turns out to be about a child's care.

The open stage takes the place of the stage at the same position in the new procedure; its
deadlines are counted again from the day it opened (and from its acknowledgement, where the
new procedure counts from there) on the new procedure's calendar. Earlier stages keep what
they were: they are the record of what happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from redress.calendars.clock import due_date
from redress.calendars.services import working_calendar
from redress.cases.kinds import Status
from redress.cases.models import Case, CaseStage
from redress.cases.permissions import Action, require
from redress.cases.services import deadlines
from redress.cases.services.timeline import record_event
from redress.core.dates import long_date
from redress.core.errors import InvalidInput, TransitionNotAllowed
from redress.procedures.definitions import StageDefinition
from redress.procedures.models import Procedure, ProcedureVersion
from redress.procedures.services import current_version, definition_of


@dataclass(frozen=True)
class MovedDates:
    """The open stage's dates under the new procedure."""

    stage: StageDefinition
    acknowledge_due: dt.date | None
    response_due: dt.date | None


def dates_under(version: ProcedureVersion, stage: CaseStage) -> MovedDates:
    """What the open stage's deadlines become under ``version``; reads, writes nothing.

    The stage page shows these before the move is confirmed, and the move stores them.
    """
    definition = definition_of(version)
    if stage.number > len(definition.stages):
        raise InvalidInput.for_field(
            "procedure",
            f"{definition.name} has {len(definition.stages)} stage"
            f"{'' if len(definition.stages) == 1 else 's'}; this case is at stage {stage.number}.",
        )
    stage_def = definition.stages[stage.number - 1]
    calendar = working_calendar(definition.calendar, stage.opened_on)
    ack_due, response_due = deadlines.stage_opening_dates(stage_def, stage.opened_at, calendar)
    if stage.acknowledged_on:
        after_ack = deadlines.response_due_after_acknowledgement(
            stage_def, stage.acknowledged_on, calendar
        )
        response_due = after_ack or response_due
    if stage.reopened_on and stage_def.respond_within is not None:
        # A reopened stage is answered again counted from the day it was reopened.
        response_due = due_date(stage.reopened_on, stage_def.respond_within, calendar)
    return MovedDates(stage=stage_def, acknowledge_due=ack_due, response_due=response_due)


def _procedure(value: Procedure | str | None) -> Procedure:
    if isinstance(value, Procedure):
        if value.is_active:
            return value
        value = value.slug
    found = Procedure.objects.filter(slug=value or "", is_active=True).first()
    if found is None:
        raise InvalidInput.for_field("procedure", "Choose an active procedure from the list.")
    return found


def _open_stage(case: Case) -> CaseStage:
    if case.status == Status.CLOSED:
        raise TransitionNotAllowed(
            "You cannot move a closed case to another procedure. Reopen it first."
        )
    stage = (
        CaseStage.objects.filter(pk=case.current_stage_id).first()
        if case.current_stage_id is not None
        else None
    )
    if stage is None:
        raise TransitionNotAllowed("You cannot move this case: it has no open stage.")
    if stage.responded_on:
        raise TransitionNotAllowed(
            f"You cannot move the case now: {stage.name} was answered on "
            f"{long_date(stage.responded_on)}. Move it once the next stage opens."
        )
    return stage


@transaction.atomic
def case_move_procedure(
    *,
    case: Case,
    by: Any,
    procedure: Procedure | str | None,
    reason: str,
    expected_version: int | None = None,
) -> Case:
    """Put the case under another procedure, recounting the open stage's deadlines."""
    case = Case.objects.select_for_update().select_related("procedure_version").get(pk=case.pk)
    require(by, Action.CHANGE_PROCEDURE, case)
    if expected_version is not None and case.version != expected_version:
        raise TransitionNotAllowed(
            "Someone else changed this case after you opened it. "
            "Check the latest details, then try again."
        )
    stage = _open_stage(case)
    chosen = _procedure(procedure)
    old = definition_of(case.procedure_version)
    if chosen.slug == old.slug:
        raise InvalidInput.for_field("procedure", f"The case is already under {chosen.name}.")
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput.for_field("reason", "Enter why the case is moving to this procedure.")
    version = current_version(chosen)
    moved = dates_under(version, stage)
    before = {
        "procedure": old.slug,
        "version": case.procedure_version.number,
        "stage": stage.key,
        "acknowledge_due": stage.acknowledge_due,
        "response_due": stage.response_due,
        "extended_to": stage.extended_to,
    }
    extension_dropped = stage.extended_to is not None
    stage.key, stage.name = moved.stage.key, moved.stage.name
    stage.handled_by = moved.stage.handled_by.value
    stage.acknowledge_due, stage.response_due = moved.acknowledge_due, moved.response_due
    # An extension was allowed by the old procedure's limits; the new one's may differ.
    stage.extended_to, stage.extension_reason = None, ""
    stage.save()
    case.procedure_version = version
    case.current_stage = stage
    case.next_due_on = deadlines.next_due_on(case, stage)
    case.save(update_fields=["procedure_version", "next_due_on", "updated_at"])
    record_event(
        case=case,
        actor=by,
        kind="procedure_changed",
        summary=_summary(old.name, chosen.name, reason.strip(), stage, extension_dropped),
        before=before,
        after={
            "procedure": chosen.slug,
            "version": version.number,
            "stage": stage.key,
            "acknowledge_due": stage.acknowledge_due,
            "response_due": stage.response_due,
            "reason": reason.strip(),
        },
    )
    return case


def _summary(old: str, new: str, reason: str, stage: CaseStage, extension_dropped: bool) -> str:
    text = f"Moved from {old} to {new}: {reason}."
    if stage.response_due and not stage.responded_on:
        text += f" {stage.name} now to be answered by {long_date(stage.response_due)}."
    if extension_dropped:
        text += " The earlier extension no longer applies."
    return text
