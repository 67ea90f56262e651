"""Reads for the statutory procedures: when each step of a stage is due, who the stage names,
and whether the adult procedure's agreed response date has passed unexplained.

Only what was done is stored (``StageStep``, ``StagePerson``); when a step is due follows from
the case's procedure version and those dates, so a step recorded moves the next one's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from redress.calendars.clock import WorkingCalendar, due_date
from redress.calendars.services import working_calendar
from redress.cases.kinds import Status
from redress.cases.models import Case, CaseStage, StagePerson, StageStep
from redress.procedures.definitions import (
    FROM_OPENING,
    STAGE_PEOPLE,
    StageDefinition,
    StepDefinition,
)
from redress.procedures.services import definition_of

# The adult procedure's own steps, stored as StageStep rows like the children's panel.
RESPONSE_AGREED = "response_agreed"
DELAY_EXPLAINED = "delay_explained"


@dataclass(frozen=True)
class StepStatus:
    key: str
    name: str
    due_on: dt.date | None
    done_on: dt.date | None
    # Counted from an earlier step's due date because that step is not done yet.
    provisional: bool
    answers: bool

    @property
    def done(self) -> bool:
        return self.done_on is not None


def step_schedule(
    stage_def: StageDefinition,
    stage: CaseStage,
    done: dict[str, dt.date],
    calendar: WorkingCalendar,
) -> list[StepStatus]:
    """Each step of the stage with its due date: from the stage's opening, or from the day the
    step it follows was done (from that step's due date, provisionally, until it is)."""
    statuses: dict[str, StepStatus] = {}
    for step in stage_def.steps:
        start: dt.datetime | dt.date | None
        if step.after == FROM_OPENING:
            start, provisional = stage.opened_at, False
        else:
            before = statuses[step.after]
            start = before.done_on or before.due_on
            provisional = before.done_on is None
        statuses[step.key] = StepStatus(
            key=step.key,
            name=step.name,
            due_on=due_date(start, step.within, calendar) if start is not None else None,
            done_on=stage.responded_on if step.answers else done.get(step.key),
            provisional=provisional,
            answers=step.answers,
        )
    return list(statuses.values())


def next_step(stage_def: StageDefinition, done: dict[str, dt.date]) -> StepDefinition | None:
    """The first step not yet done that is recorded on its own (not the stage's answer)."""
    for step in stage_def.steps:
        if not step.answers and step.key not in done:
            return step
    return None


def done_steps(stage: CaseStage) -> dict[str, dt.date]:
    return dict(StageStep.objects.filter(stage=stage).values_list("key", "done_on"))


def delay_unexplained(stage: CaseStage, done: dict[str, dt.date], today: dt.date) -> bool:
    """The adult procedure's prompt: the response date has passed unanswered and nobody has
    written to explain why since it passed."""
    due = stage.effective_response_due
    if due is None or stage.responded_on or due >= today:
        return False
    explained = done.get(DELAY_EXPLAINED)
    return explained is None or explained < due


@dataclass
class StageView:
    """What the case page shows of one stage's statutory parts."""

    stage: CaseStage
    definition: StageDefinition
    is_open: bool
    steps: list[StepStatus] = field(default_factory=list)
    people: list[tuple[str, str, str]] = field(default_factory=list)  # role, label, name
    agreed_on: dt.date | None = None
    delay_explained_on: dt.date | None = None
    delay_unexplained: bool = False

    @property
    def next_step(self) -> StepStatus | None:
        return next((s for s in self.steps if not s.done and not s.answers), None)


def statutory_views(case: Case, stages: list[CaseStage], today: dt.date) -> list[StageView]:
    """The statutory parts of each stage that has any, in two queries for the whole case."""
    definition = definition_of(case.procedure_version)
    keys = {s.key for s in definition.stages if s.people or s.steps or s.agreed_response}
    relevant = [s for s in stages if s.key in keys and s.pk is not None]
    if not relevant:
        return []
    done: dict[int, dict[str, dt.date]] = {}
    for stage_id, key, day in StageStep.objects.filter(stage__in=relevant).values_list(
        "stage_id", "key", "done_on"
    ):
        done.setdefault(stage_id, {})[key] = day
    names: dict[int, dict[str, str]] = {}
    for stage_id, role, name in StagePerson.objects.filter(stage__in=relevant).values_list(
        "stage_id", "role", "name"
    ):
        names.setdefault(stage_id, {})[role] = name
    views = []
    for stage in relevant:
        stage_def = definition.stage(stage.key)
        stage_done = done.get(stage.pk, {})
        is_open = (
            case.status == Status.OPEN
            and stage.pk == case.current_stage_id
            and not stage.responded_on
        )
        view = StageView(stage=stage, definition=stage_def, is_open=is_open)
        if stage_def.steps:
            calendar = working_calendar(definition.calendar, stage.opened_on)
            view.steps = step_schedule(stage_def, stage, stage_done, calendar)
        view.people = [
            (role, STAGE_PEOPLE[role], names.get(stage.pk, {}).get(role, ""))
            for role in stage_def.people
        ]
        if stage_def.agreed_response:
            view.agreed_on = stage_done.get(RESPONSE_AGREED)
            view.delay_explained_on = stage_done.get(DELAY_EXPLAINED)
            view.delay_unexplained = is_open and delay_unexplained(stage, stage_done, today)
        views.append(view)
    return views
