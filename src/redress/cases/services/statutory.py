"""Writes for the statutory procedures: a stage's steps done, the people it names, and the
adult procedure's agreed response date and delay letter. Each checks permission, then the
rule, then writes in one transaction with one timeline event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from redress.calendars.clock import due_date
from redress.calendars.services import working_calendar
from redress.cases.kinds import Status
from redress.cases.models import Case, CaseStage, StagePerson, StageStep
from redress.cases.permissions import Action, require
from redress.cases.services import deadlines
from redress.cases.services.timeline import record_event
from redress.cases.statutory import (
    DELAY_EXPLAINED,
    RESPONSE_AGREED,
    done_steps,
    step_schedule,
)
from redress.core import clock
from redress.core.dates import long_date
from redress.core.errors import InvalidInput, TransitionNotAllowed
from redress.procedures.definitions import STAGE_PEOPLE, ProcedureDefinition, StageDefinition
from redress.procedures.services import definition_of

MAX_NAME = 200


def _locked(
    case: Case, by: Any, expected_version: int | None
) -> tuple[Case, CaseStage, ProcedureDefinition, StageDefinition]:
    """The case under a row lock with its current stage, once the user may record on it."""
    case = Case.objects.select_for_update().select_related("procedure_version").get(pk=case.pk)
    require(by, Action.RECORD_STEP, case)
    if expected_version is not None and case.version != expected_version:
        raise TransitionNotAllowed(
            "Someone else changed this case after you opened it. "
            "Check the latest details, then try again."
        )
    if case.status == Status.CLOSED:
        raise TransitionNotAllowed("The case is closed. Reopen it first.")
    stage = (
        CaseStage.objects.filter(pk=case.current_stage_id).first()
        if case.current_stage_id is not None
        else None
    )
    if stage is None:
        raise TransitionNotAllowed("The case has no open stage.")
    case.current_stage = stage
    definition = definition_of(case.procedure_version)
    return case, stage, definition, definition.stage(stage.key)


def _unanswered(stage: CaseStage) -> None:
    if stage.responded_on:
        raise TransitionNotAllowed(f"{stage.name} was answered on {long_date(stage.responded_on)}.")


def _real_day(field: str, day: Any, what: str) -> dt.date:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidInput.for_field(field, f"Enter the date {what} as a real date.")
    return day


def _save_dates(case: Case, stage: CaseStage) -> None:
    stage.save(update_fields=["response_due", "extended_to", "extension_reason"])
    case.next_due_on = deadlines.next_due_on(case, stage)
    case.save(update_fields=["next_due_on", "updated_at"])


# --- children's stage 3: the panel, its report -------------------------------------------------


@transaction.atomic
def stage_step_record(
    *, case: Case, by: Any, key: str, on: dt.date, expected_version: int | None = None
) -> Case:
    """Record a step of the open stage done on ``on``; the next steps' dates follow from it."""
    case, stage, definition, stage_def = _locked(case, by, expected_version)
    _unanswered(stage)
    step = next((s for s in stage_def.steps if s.key == key and not s.answers), None)
    if step is None:
        raise InvalidInput.for_field("key", f"{stage.name} has no step {key!r} to record.")
    done = done_steps(stage)
    if key in done:
        raise TransitionNotAllowed(f"{step.name} was recorded on {long_date(done[key])}.")
    earliest = stage.opened_on
    if step.after in done:
        earliest = done[step.after]
    elif step.after != "opening":
        first = stage_def.steps[[s.key for s in stage_def.steps].index(step.after)]
        raise TransitionNotAllowed(f"Record {first.name.lower()} first.")
    _real_day("on", on, f"of the {step.name.lower()}")
    if on > clock.today():
        raise InvalidInput.for_field(
            "on", f"The date of the {step.name.lower()} cannot be in the future."
        )
    if on < earliest:
        raise InvalidInput.for_field(
            "on", f"The date of the {step.name.lower()} cannot be before {long_date(earliest)}."
        )
    StageStep.objects.create(stage=stage, key=key, done_on=on, recorded_by=by)
    done[key] = on
    calendar = working_calendar(definition.calendar, stage.opened_on)
    schedule = step_schedule(stage_def, stage, done, calendar)
    before = {"response_due": stage.response_due}
    answer = next((s for s in schedule if s.answers), None)
    if answer is not None and answer.due_on is not None:
        # The council's response is due a set time after the step before it: the stage's date.
        stage.response_due = answer.due_on
    _save_dates(case, stage)
    upcoming = next((s for s in schedule if not s.done), None)
    summary = f"{step.name} on {long_date(on)}"
    if upcoming is not None and upcoming.due_on is not None:
        summary += f"; {upcoming.name.lower()} due by {long_date(upcoming.due_on)}"
    record_event(
        case=case,
        actor=by,
        kind="step_done",
        summary=summary,
        before=before,
        after={"step": key, "done_on": on, "response_due": stage.response_due},
    )
    return case


# --- children's stage 2: the investigating officer and the independent person -----------------


@transaction.atomic
def stage_people_record(
    *, case: Case, by: Any, people: dict[str, str], expected_version: int | None = None
) -> Case:
    """Name the people the current stage needs; an empty name clears it."""
    case, stage, _definition, stage_def = _locked(case, by, expected_version)
    if not stage_def.people:
        raise TransitionNotAllowed(f"{stage.name} names nobody: there is nothing to record.")
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    for role in stage_def.people:
        name = str(people.get(role) or "").strip()
        if len(name) > MAX_NAME:
            errors[role] = [
                f"The {STAGE_PEOPLE[role].lower()}'s name must be {MAX_NAME} characters or fewer."
            ]
        cleaned[role] = name
    unknown = set(people) - set(stage_def.people)
    if unknown:
        errors[sorted(unknown)[0]] = [f"{stage.name} does not name a {sorted(unknown)[0]}."]
    if not errors and not any(cleaned.values()):
        first = stage_def.people[0]
        errors[first] = [f"Enter the name of the {STAGE_PEOPLE[first].lower()}."]
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors)
    before = dict(StagePerson.objects.filter(stage=stage).values_list("role", "name"))
    for role, name in cleaned.items():
        if name:
            StagePerson.objects.update_or_create(stage=stage, role=role, defaults={"name": name})
        else:
            StagePerson.objects.filter(stage=stage, role=role).delete()
    named = [f"{STAGE_PEOPLE[r].lower()} {n}" for r, n in cleaned.items() if n]
    record_event(
        case=case,
        actor=by,
        kind="people_recorded",
        summary=f"{stage.name}: " + ", ".join(named),
        before=before,
        after={r: n for r, n in cleaned.items() if n},
    )
    return case


# --- adult social care: the agreed response date and the delay letter -------------------------


def _latest_allowed(
    definition: ProcedureDefinition, stage_def: StageDefinition, stage: CaseStage
) -> dt.date | None:
    """The latest response date the procedure allows: its usual time plus its extension."""
    if stage_def.respond_within is None or stage_def.max_extension is None:
        return None
    calendar = working_calendar(definition.calendar, stage.opened_on)
    usual = due_date(stage.opened_at, stage_def.respond_within, calendar)
    return due_date(usual, stage_def.max_extension, calendar)


@transaction.atomic
def stage_agree_response(
    *, case: Case, by: Any, respond_by: dt.date, expected_version: int | None = None
) -> Case:
    """Record the response date agreed with the person; it becomes the stage's deadline."""
    case, stage, definition, stage_def = _locked(case, by, expected_version)
    if not stage_def.agreed_response:
        raise TransitionNotAllowed(f"{definition.name} does not agree its response date.")
    _unanswered(stage)
    _real_day("respond_by", respond_by, "agreed for the response")
    today = clock.today()
    if respond_by < today:
        raise InvalidInput.for_field("respond_by", "The agreed date cannot be in the past.")
    if respond_by <= stage.opened_on:
        raise InvalidInput.for_field(
            "respond_by",
            f"The agreed date must be after {long_date(stage.opened_on)}, "
            "when the complaint was received.",
        )
    latest = _latest_allowed(definition, stage_def, stage)
    if latest is not None and respond_by > latest:
        raise InvalidInput.for_field(
            "respond_by", f"The agreed date can be no later than {long_date(latest)}."
        )
    before = {"response_due": stage.response_due, "extended_to": stage.extended_to}
    StageStep.objects.update_or_create(
        stage=stage, key=RESPONSE_AGREED, defaults={"done_on": today, "recorded_by": by}
    )
    stage.response_due = respond_by
    # The agreed date replaces any extension: it is the date the person now expects.
    stage.extended_to, stage.extension_reason = None, ""
    _save_dates(case, stage)
    record_event(
        case=case,
        actor=by,
        kind="response_date_agreed",
        summary=f"Response date agreed with the person: {long_date(respond_by)}",
        before=before,
        after={"response_due": respond_by, "agreed_on": today},
    )
    return case


@transaction.atomic
def stage_delay_explained(
    *, case: Case, by: Any, on: dt.date, expected_version: int | None = None
) -> Case:
    """Record that the person was written to, explaining why the response is late."""
    case, stage, definition, stage_def = _locked(case, by, expected_version)
    if not stage_def.agreed_response:
        raise TransitionNotAllowed(f"{definition.name} has no delay letter to record.")
    _unanswered(stage)
    due = stage.effective_response_due
    today = clock.today()
    if due is None or due >= today:
        raise TransitionNotAllowed(
            "The response is not late yet: there is no delay to explain."
            if due is None
            else f"The response is not late yet: it is due by {long_date(due)}."
        )
    _real_day("on", on, "the letter was sent")
    if on > today:
        raise InvalidInput.for_field("on", "The date the letter was sent cannot be in the future.")
    if on < stage.opened_on:
        raise InvalidInput.for_field(
            "on", f"The date the letter was sent cannot be before {long_date(stage.opened_on)}."
        )
    StageStep.objects.update_or_create(
        stage=stage, key=DELAY_EXPLAINED, defaults={"done_on": on, "recorded_by": by}
    )
    record_event(
        case=case,
        actor=by,
        kind="delay_explained",
        summary=f"Wrote to the person on {long_date(on)} explaining why the response is late",
        after={"delay_explained_on": on},
    )
    return case
