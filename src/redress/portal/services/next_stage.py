"""The person asks for the next stage of their complaint from the progress page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from django.db import transaction

from redress.calendars.clock import due_date
from redress.calendars.services import working_calendar
from redress.cases.kinds import Kind, Status
from redress.cases.models import Case, CaseStage
from redress.cases.services import case_escalate
from redress.core import clock
from redress.core.errors import TransitionNotAllowed
from redress.portal.services.common import queue_to_correspondents, stage_lines
from redress.procedures.definitions import StageDefinition
from redress.procedures.services import definition_of


@dataclass(frozen=True)
class NextStage:
    """Whether the person may ask for the next stage now, and until when."""

    definition: StageDefinition
    last_day: dt.date | None


def next_stage_open_to(case: Case, today: dt.date | None = None) -> NextStage | None:
    stage = case.current_stage
    if case.kind != Kind.COMPLAINT or case.status != Status.RESPONDED or stage is None:
        return None
    if not stage.responded_on:
        return None
    definition = definition_of(case.procedure_version)
    next_def = definition.stage_after(stage.key)
    if next_def is None:
        return None
    window = definition.stage(stage.key).escalation_window
    last_day = None
    if window is not None:
        calendar = working_calendar(definition.calendar, stage.responded_on)
        last_day = due_date(stage.responded_on, window, calendar)
        if (today or clock.today()) > last_day:
            return None
    return NextStage(next_def, last_day)


@transaction.atomic
def next_stage_request(*, case: Case) -> Case:
    """The person asks for the next stage from the progress page: no reason needed."""
    if next_stage_open_to(case) is None:
        raise TransitionNotAllowed("You cannot ask for the next stage of this case now.")
    case = case_escalate(case=case, by=None, requested_on=clock.today())
    case = Case.objects.select_related("person", "current_stage").get(pk=case.pk)
    # Escalating opened the next stage, so the case has a current stage.
    stage = cast(CaseStage, case.current_stage)
    queue_to_correspondents(
        case,
        template="escalated",
        subject=f"We have received your request for {stage.name}: {case.reference}",
        key=f"portal-escalated-{case.current_stage_id}",
        **stage_lines(stage),
    )
    return case
