"""The case lifecycle: one function per transition, each checking it is allowed now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from redress.accounts.models import Role, User
from redress.calendars.clock import (
    LONDON,
    Duration,
    Unit,
    WorkingCalendar,
    due_date,
    local_date,
)
from redress.calendars.services import working_calendar
from redress.cases.kinds import (
    Channel,
    ContactPreference,
    Kind,
    NotAcceptedReason,
    Outcome,
    Status,
    response_outcomes_for,
)
from redress.cases.models import Case, CaseAccessGrant, CaseStage, Category, Person, Service
from redress.cases.permissions import Action, can_log, require
from redress.cases.services import deadlines
from redress.cases.services.references import next_reference
from redress.cases.services.timeline import append_event, record_event
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.procedures.definitions import (
    HandledBy,
    ProcedureDefinition,
    RespondFrom,
    StageDefinition,
)
from redress.procedures.models import Procedure
from redress.procedures.routing import check_choice, procedure_for
from redress.procedures.services import current_version, definition_of

SERVICE_HANDLER_ROLES = {Role.SERVICE_RESPONDER, Role.COMPLAINTS_OFFICER, Role.ADMINISTRATOR}
INDEPENDENT_HANDLER_ROLES = {Role.INVESTIGATOR, Role.COMPLAINTS_OFFICER, Role.ADMINISTRATOR}


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _today() -> dt.date:
    return timezone.localdate()


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
        raise InvalidInput.for_field(field, f"The date {what} cannot be before {_fmt(not_before)}.")
    return day


def _require_open(case: Case, stage: CaseStage | None, doing: str) -> CaseStage:
    if case.status == Status.CLOSED:
        raise TransitionNotAllowed(f"You cannot {doing}: the case is closed. Reopen it first.")
    if stage is None:
        raise TransitionNotAllowed(f"You cannot {doing}: the case has no open stage.")
    if case.status == Status.RESPONDED or stage.responded_on:
        raise TransitionNotAllowed(
            f"You cannot {doing}: {stage.name} was answered on {_fmt(stage.responded_on)}."
            if stage.responded_on
            else f"You cannot {doing}: {stage.name} has been answered."
        )
    return stage


# --- log ------------------------------------------------------------------------------------


def _resolve_procedure(
    kind: str, procedure: Procedure | str | None, service: Any = None, category: Any = None
) -> Procedure:
    if isinstance(procedure, Procedure):
        return procedure
    if procedure:
        found = Procedure.objects.filter(slug=procedure, is_active=True).first()
        if found is None:
            raise InvalidInput.for_field(
                "procedure", f"There is no active procedure {procedure!r}."
            )
        return found
    found = procedure_for(kind, service, category)
    if found is None:
        raise InvalidInput.for_field("procedure", f"Choose a procedure: {kind} has no default.")
    return found


def _validate_log(
    *,
    kind: str,
    channel: str,
    received_at: Any,
    service: Service | None,
    category: Category | None,
    summary: str,
    person: dict[str, Any],
) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if kind not in Kind.values:
        add("kind", f"Choose a kind of case: one of {', '.join(Kind.values)}.")
    if channel not in Channel.values:
        add("channel", f"Choose how it was received: one of {', '.join(Channel.values)}.")
    if not isinstance(received_at, dt.datetime) or received_at.tzinfo is None:
        add("received_at", "Enter when it was received as a date and time with a time zone.")
    elif received_at > timezone.now() + dt.timedelta(minutes=5):
        add("received_at", "The time received cannot be in the future.")
    if service is None or not service.is_active:
        add("service", "Choose the service area the case is about.")
    if category is not None and category.service_id not in (None, getattr(service, "pk", None)):
        add("category", "Choose a category that belongs to the chosen service.")
    if not isinstance(summary, str) or not summary.strip():
        add("summary", "Enter a short summary of what the case is about.")
    elif len(summary) > 200:
        add("summary", "The summary must be 200 characters or fewer.")
    if not str(person.get("name", "")).strip():
        add("person.name", "Enter the person's name.")
    if not any(str(person.get(k) or "").strip() for k in ("email", "phone", "address")):
        add("person.email", "Enter an email address, phone number or postal address to reply to.")
    preference = person.get("contact_preference")
    if preference and preference not in ContactPreference.values:
        add(
            "person.contact_preference",
            f"Choose how to contact the person: one of {', '.join(ContactPreference.values)}.",
        )
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(first, errors)


@dataclass(frozen=True)
class PreparedLog:
    """A new case checked and worked out (procedure version, first stage, deadlines) but not
    yet written. Preparing only reads and writing only writes, so on SQLite the write lock is
    held for the writes alone, not for the procedure, calendar and closure-day reads too."""

    by: User | None
    kind: str
    existing_person: Person | None
    person_fields: dict[str, Any]
    case_fields: dict[str, Any]
    stage_fields: dict[str, Any]
    event_summary: str
    event_after: dict[str, Any]
    restricted: bool


def case_log(
    *,
    by: User | None,
    kind: str,
    received_at: dt.datetime,
    channel: str,
    service: Service | None,
    summary: str,
    person: dict[str, Any] | Person,
    category: Category | None = None,
    description: str = "",
    outcome_sought: str = "",
    procedure: Procedure | str | None = None,
    representative_name: str = "",
    representative_relationship: str = "",
    representative_consent_on: dt.date | None = None,
    restricted: bool = False,
    procedure_reason: str | None = None,
) -> Case:
    """Record a new case of any kind from any channel and open its first stage.

    ``person`` is an existing Person or the details of a new one: name, email, phone and
    address, and optionally contact_preference and communication_needs.
    """
    prepared = case_log_prepare(
        by=by,
        kind=kind,
        received_at=received_at,
        channel=channel,
        service=service,
        summary=summary,
        person=person,
        category=category,
        description=description,
        outcome_sought=outcome_sought,
        procedure=procedure,
        representative_name=representative_name,
        representative_relationship=representative_relationship,
        representative_consent_on=representative_consent_on,
        restricted=restricted,
        procedure_reason=procedure_reason,
    )
    return case_log_write(prepared)


def case_log_prepare(
    *,
    by: User | None,
    kind: str,
    received_at: dt.datetime,
    channel: str,
    service: Service | None,
    summary: str,
    person: dict[str, Any] | Person,
    category: Category | None = None,
    description: str = "",
    outcome_sought: str = "",
    procedure: Procedure | str | None = None,
    representative_name: str = "",
    representative_relationship: str = "",
    representative_consent_on: dt.date | None = None,
    restricted: bool = False,
    procedure_reason: str | None = None,
) -> PreparedLog:
    """Every check ``case_log`` makes and everything it reads, with the same arguments; a
    caller that writes more in the same transaction (the portal) prepares before it begins."""
    if by is not None and not can_log(by):
        raise NotPermitted("You do not have permission to log cases.")
    person_data = _person_data(person)
    _validate_log(
        kind=kind,
        channel=channel,
        received_at=received_at,
        service=service,
        category=category,
        summary=summary,
        person=person_data,
    )
    if representative_name and not representative_consent_on:
        raise InvalidInput.for_field(
            "representative_consent_on",
            "Enter the date the person consented to being represented.",
        )
    chosen = _resolve_procedure(kind, procedure, service, category)
    # Routed by construction when no procedure is named; a different choice gives its reason.
    choice = check_choice(
        routed=procedure_for(kind, service, category) if procedure else chosen,
        chosen=chosen,
        reason=procedure_reason,
    )
    version = current_version(chosen)
    definition = definition_of(version)
    if not definition.stages:
        raise InvalidInput.for_field(
            "procedure", f"{definition.name} has no stages yet: an administrator must add one."
        )
    received_on = local_date(received_at)
    calendar = working_calendar(definition.calendar, received_on)
    stage_fields = _stage_fields(definition.stages[0], 1, received_at, calendar)
    case_fields = {
        "kind": kind,
        "procedure_version": version,
        "channel": channel,
        "received_at": received_at,
        "received_on": received_on,
        "service": service,
        "category": category,
        "summary": summary.strip(),
        "description": description,
        "outcome_sought": outcome_sought,
        "representative_name": representative_name,
        "representative_relationship": representative_relationship,
        "representative_consent_on": representative_consent_on,
        "restricted": restricted,
        "status": Status.OPEN,
        "current_handler": None,
        "next_due_on": deadlines.next_due_on(Case(status=Status.OPEN), CaseStage(**stage_fields)),
    }
    return PreparedLog(
        by=by,
        kind=kind,
        existing_person=person if isinstance(person, Person) else None,
        person_fields=_person_fields(person_data),
        case_fields=case_fields,
        stage_fields=stage_fields,
        event_summary=f"{Kind(kind).label} logged from {Channel(channel).label.lower()} "
        f"under {definition.name}{choice.summary}",
        event_after={
            "stage": stage_fields["key"],
            "procedure": definition.slug,
            "version": version.number,
            **choice.event_data,
        },
        restricted=restricted,
    )


# No savepoint of its own: no caller catches a failure here and carries on in the same
# transaction, and on SQLite each extra statement is made while holding the write lock.
@transaction.atomic(savepoint=False)
def case_log_write(prepared: PreparedLog) -> Case:
    """Write a prepared case: its person, reference, case row, first stage and "logged" event."""
    person = prepared.existing_person or Person.objects.create(**prepared.person_fields)
    received_on = prepared.case_fields["received_on"]
    case = Case.objects.create(
        reference=next_reference(prepared.kind, received_on.year),
        person=person,
        **prepared.case_fields,
    )
    stage = CaseStage.objects.create(case=case, **prepared.stage_fields)
    # The case needs its stage's id: one UPDATE sets it and counts the "logged" event as the
    # case's first change, where a separate version bump would be a second UPDATE.
    Case.objects.filter(pk=case.pk).update(current_stage=stage, version=F("version") + 1)
    case.current_stage = stage
    case.version += 1
    append_event(
        case=case,
        actor=prepared.by,
        kind="logged",
        summary=prepared.event_summary,
        after=prepared.event_after,
    )
    if prepared.restricted and prepared.by is not None:
        CaseAccessGrant.objects.get_or_create(case=case, user=prepared.by)
    return case


def _person_data(person: dict[str, Any] | Person) -> dict[str, Any]:
    if not isinstance(person, Person):
        return person
    return {
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
    }


def _person_fields(person_data: dict[str, Any]) -> dict[str, Any]:
    contact = ("name", "email", "phone", "address")
    fields = {key: str(person_data.get(key) or "").strip() for key in contact}
    # Given only when the person said (the public form asks); otherwise the model's defaults.
    for key in ("contact_preference", "communication_needs"):
        if person_data.get(key):
            fields[key] = str(person_data[key]).strip()
    return fields


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


# --- acknowledge, assign, extend, respond ---------------------------------------------------


@transaction.atomic
def case_acknowledge(
    *,
    case: Case,
    by: User | None,
    on: dt.date,
    definition_summary: str = "",
    expected_version: int | None = None,
) -> Case:
    case, stage = _lock(case)
    require(by, Action.ACKNOWLEDGE, case)
    _check_version(case, expected_version)
    stage = _require_open(case, stage, "acknowledge")
    if stage.acknowledged_on:
        raise TransitionNotAllowed(
            f"{stage.name} was already acknowledged on {_fmt(stage.acknowledged_on)}."
        )
    _check_day("on", on, not_before=stage.opened_on, what="of acknowledgement")
    before = {"acknowledged_on": None, "response_due": stage.response_due}
    stage.acknowledged_on = on
    if definition_summary:
        stage.definition_summary = definition_summary
    stage_def = _stage_definition(case, stage)
    recalculated = deadlines.response_due_after_acknowledgement(
        stage_def, on, _calendar_for(case, on)
    )
    if recalculated is not None:
        stage.response_due = recalculated
    _save(case, stage)
    record_event(
        case=case,
        actor=by,
        kind="acknowledged",
        summary=f"{stage.name} acknowledged on {_fmt(on)}"
        + (f"; response due {_fmt(stage.response_due)}" if stage.response_due else ""),
        before=before,
        after={"acknowledged_on": on, "response_due": stage.response_due},
    )
    return case


@transaction.atomic
def case_assign(
    *, case: Case, by: User | None, handler: User, expected_version: int | None = None
) -> Case:
    case, stage = _lock(case)
    require(by, Action.ASSIGN, case)
    _check_version(case, expected_version)
    if case.status == Status.CLOSED or stage is None:
        raise TransitionNotAllowed("You cannot assign a closed case. Reopen it first.")
    if not handler.is_active:
        raise InvalidInput.for_field("handler", f"{handler.display_name} is no longer active.")
    allowed = (
        INDEPENDENT_HANDLER_ROLES
        if stage.handled_by == HandledBy.INDEPENDENT
        else SERVICE_HANDLER_ROLES
    )
    if not (handler.is_superuser or handler.role in allowed):
        raise InvalidInput.for_field(
            "handler",
            f"{handler.display_name} cannot handle {stage.name}: choose "
            + (
                "an investigator or complaints officer."
                if stage.handled_by == "independent"
                else "a service responder or complaints officer."
            ),
        )
    earlier = CaseStage.objects.filter(case=case, number__lt=stage.number, handler=handler)
    if earlier.exists():
        raise InvalidInput.for_field(
            "handler",
            f"{handler.display_name} handled an earlier stage; {stage.name} must be handled "
            "by someone else.",
        )
    before = {"handler": stage.handler_id}
    stage.handler = handler
    case.current_handler = handler
    _save(case, stage)
    if case.restricted:
        CaseAccessGrant.objects.get_or_create(case=case, user=handler)
    record_event(
        case=case,
        actor=by,
        kind="assigned",
        summary=f"{stage.name} assigned to {handler.display_name}",
        before=before,
        after={"handler": handler.pk},
    )
    return case


@transaction.atomic
def case_extend(
    *,
    case: Case,
    by: User | None,
    reason: str,
    extend_by: Duration | None = None,
    until: dt.date | None = None,
    expected_version: int | None = None,
) -> Case:
    case, stage = _lock(case)
    require(by, Action.EXTEND, case)
    _check_version(case, expected_version)
    stage = _require_open(case, stage, "extend")
    stage_def = _stage_definition(case, stage)
    if stage.response_due is None:
        raise TransitionNotAllowed(f"{stage.name} has no response deadline to extend.")
    if stage_def.max_extension is None:
        raise TransitionNotAllowed(
            f"{_definition(case).name} does not allow {stage.name} to be extended."
        )
    if stage_def.respond_from is RespondFrom.ACKNOWLEDGEMENT and not stage.acknowledged_on:
        # The deadline is only provisional until the acknowledgement fixes where it runs from.
        raise TransitionNotAllowed(
            f"Acknowledge {stage.name} first: its response deadline runs from the acknowledgement."
        )
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput.for_field("reason", "Enter the reason for the extension.")
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
                "until", f"The new date must be after the current deadline, {_fmt(current)}."
            )
    limit = due_date(stage.response_due, stage_def.max_extension, calendar)
    if new_due > limit:
        raise InvalidInput.for_field(
            field,
            f"{stage.name} can be extended by at most {stage_def.max_extension.describe()}, "
            f"to {_fmt(limit)}.",
        )
    before = {"extended_to": stage.extended_to, "extension_reason": stage.extension_reason}
    stage.extended_to = new_due
    stage.extension_reason = reason.strip()
    _save(case, stage)
    record_event(
        case=case,
        actor=by,
        kind="extended",
        summary=f"{stage.name} extended to {_fmt(new_due)}: {reason.strip()}",
        before=before,
        after={"extended_to": new_due, "extension_reason": stage.extension_reason},
    )
    return case


@transaction.atomic
def case_respond(
    *,
    case: Case,
    by: User | None,
    on: dt.date,
    outcome: str,
    expected_version: int | None = None,
) -> Case:
    case, stage = _lock(case)
    require(by, Action.RESPOND, case)
    _check_version(case, expected_version)
    stage = _require_open(case, stage, "respond")
    if _stage_definition(case, stage).respond_within is None:
        raise TransitionNotAllowed(f"{stage.name} needs no response: close the case instead.")
    allowed = response_outcomes_for(case.kind)
    if outcome not in allowed:
        raise InvalidInput.for_field(
            "outcome", f"Choose the outcome: one of {', '.join(str(o) for o in allowed)}."
        )
    _check_day("on", on, not_before=stage.opened_on, what="of the response")
    before = {"status": case.status, "responded_on": None, "outcome": case.outcome}
    stage.responded_on = on
    stage.outcome = outcome
    case.outcome = outcome
    case.status = Status.RESPONDED
    _save(case, stage)
    record_event(
        case=case,
        actor=by,
        kind="responded",
        summary=f"{stage.name} answered on {_fmt(on)}: {Outcome(outcome).label.lower()}",
        before=before,
        after={"status": case.status, "responded_on": on, "outcome": outcome},
    )
    return case


# --- escalate, withdraw, refuse, close, reopen ----------------------------------------------


def _opened_at_for(day: dt.date) -> dt.datetime:
    if day == _today():
        return timezone.now()
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=LONDON)


@transaction.atomic
def case_escalate(
    *,
    case: Case,
    by: User | None,
    requested_on: dt.date,
    expected_version: int | None = None,
) -> Case:
    """Open the next stage at the person's request; no reason is needed."""
    case, stage = _lock(case)
    require(by, Action.ESCALATE, case)
    _check_version(case, expected_version)
    if case.status == Status.CLOSED and case.outcome in (Outcome.WITHDRAWN, Outcome.NOT_ACCEPTED):
        raise TransitionNotAllowed(
            f"You cannot escalate: the case was {Outcome(case.outcome).label.lower()}. "
            "Reopen it first."
        )
    if stage is None or not stage.responded_on:
        raise TransitionNotAllowed(
            "You cannot escalate yet: the current stage has not been answered."
        )
    definition = _definition(case)
    next_def = definition.stage_after(stage.key)
    if next_def is None:
        raise TransitionNotAllowed(
            f"{stage.name} is the final stage of {definition.name}: the person can now go "
            "to the Ombudsman."
        )
    _check_day("requested_on", requested_on, not_before=stage.responded_on, what="of the request")
    window = _stage_definition(case, stage).escalation_window
    if window is not None:
        last_day = due_date(stage.responded_on, window, _calendar_for(case, stage.responded_on))
        if requested_on > last_day:
            raise InvalidInput.for_field(
                "requested_on",
                f"The request for {next_def.name} had to be made by {_fmt(last_day)} "
                f"({window.describe()} after the response).",
            )
    before = {"stage": stage.key, "status": case.status, "closed_on": case.closed_on}
    # A stage answered and then closed can still be taken further at the person's request:
    # the answer stands, so the case is not reopened, the next stage simply starts.
    case.closed_on = None
    new_stage = _open_stage(
        case, definition, next_def, stage.number + 1, _opened_at_for(requested_on)
    )
    record_event(
        case=case,
        actor=by,
        kind="escalated",
        summary=f"Escalated to {new_stage.name} at the person's request of {_fmt(requested_on)}",
        before=before,
        after={"stage": new_stage.key, "status": case.status, "requested_on": requested_on},
    )
    return case


def _close(case: Case, stage: CaseStage | None, on: dt.date) -> None:
    case.status = Status.CLOSED
    case.closed_on = on
    _save(case, stage)


@transaction.atomic
def case_withdraw(
    *, case: Case, by: User | None, reason: str = "", expected_version: int | None = None
) -> Case:
    case, stage = _lock(case)
    require(by, Action.WITHDRAW, case)
    _check_version(case, expected_version)
    if case.status == Status.CLOSED:
        raise TransitionNotAllowed("The case is already closed.")
    before = {"status": case.status, "outcome": case.outcome}
    if stage is not None and not stage.responded_on:
        stage.outcome = Outcome.WITHDRAWN
    case.outcome = Outcome.WITHDRAWN
    _close(case, stage, _today())
    record_event(
        case=case,
        actor=by,
        kind="withdrawn",
        summary="Withdrawn by the person" + (f": {reason.strip()}" if reason.strip() else ""),
        before=before,
        after={"status": case.status, "outcome": case.outcome},
    )
    return case


@transaction.atomic
def case_refuse(
    *,
    case: Case,
    by: User | None,
    reason: str,
    detail: str = "",
    expected_version: int | None = None,
) -> Case:
    """Record that the case is not accepted under the procedure, with the reason."""
    case, stage = _lock(case)
    require(by, Action.REFUSE, case)
    _check_version(case, expected_version)
    if case.status == Status.CLOSED:
        raise TransitionNotAllowed("The case is already closed.")
    if stage is None or stage.number != 1 or stage.responded_on:
        raise TransitionNotAllowed(
            "Only a case not yet answered at its first stage can be not accepted."
        )
    if reason not in NotAcceptedReason.values:
        raise InvalidInput.for_field(
            "reason", f"Choose the reason: one of {', '.join(NotAcceptedReason.values)}."
        )
    if reason == NotAcceptedReason.OTHER and not detail.strip():
        raise InvalidInput.for_field("detail", "Explain the reason the case is not accepted.")
    before = {"status": case.status, "outcome": case.outcome}
    case.outcome = Outcome.NOT_ACCEPTED
    case.not_accepted_reason = reason
    case.not_accepted_detail = detail.strip()
    stage.outcome = Outcome.NOT_ACCEPTED
    _close(case, stage, _today())
    record_event(
        case=case,
        actor=by,
        kind="refused",
        summary=f"Not accepted: {NotAcceptedReason(reason).label}",
        before=before,
        after={
            "status": case.status,
            "outcome": case.outcome,
            "reason": reason,
            "detail": case.not_accepted_detail,
        },
    )
    return case


@transaction.atomic
def case_close(*, case: Case, by: User | None, expected_version: int | None = None) -> Case:
    case, stage = _lock(case)
    require(by, Action.CLOSE, case)
    _check_version(case, expected_version)
    if case.status == Status.CLOSED:
        raise TransitionNotAllowed("The case is already closed.")
    if case.status == Status.OPEN:
        assert stage is not None
        needs_response = _stage_definition(case, stage).respond_within is not None
        if needs_response:
            raise TransitionNotAllowed(
                f"You cannot close the case: {stage.name} has not been answered. "
                "Respond, withdraw or record that it is not accepted."
            )
        if stage.acknowledge_due and not stage.acknowledged_on:
            raise TransitionNotAllowed("You cannot close the case before it is acknowledged.")
    before = {"status": case.status, "closed_on": None}
    _close(case, stage, _today())
    record_event(
        case=case,
        actor=by,
        kind="closed",
        summary="Case closed",
        before=before,
        after={"status": case.status, "closed_on": case.closed_on},
    )
    return case


@transaction.atomic
def case_reopen(
    *, case: Case, by: User | None, reason: str, expected_version: int | None = None
) -> Case:
    """Reopen a closed case at its last stage; that stage needs answering again from today."""
    case, stage = _lock(case)
    require(by, Action.REOPEN, case)
    _check_version(case, expected_version)
    if case.status != Status.CLOSED:
        raise TransitionNotAllowed("Only a closed case can be reopened.")
    if not reason or not reason.strip():
        raise InvalidInput.for_field("reason", "Enter why the case is being reopened.")
    assert stage is not None
    today = _today()
    before = {
        "status": case.status,
        "outcome": case.outcome,
        "not_accepted_reason": case.not_accepted_reason,
        "closed_on": case.closed_on,
        "responded_on": stage.responded_on,
        "response_due": stage.response_due,
        "extended_to": stage.extended_to,
    }
    stage_def = _stage_definition(case, stage)
    if stage_def.respond_within is not None:
        stage.response_due = due_date(today, stage_def.respond_within, _calendar_for(case, today))
        stage.extended_to = None
        stage.extension_reason = ""
        stage.responded_on = None
    # The stage's earlier decision (an answer, a withdrawal, a refusal) no longer stands.
    stage.outcome = ""
    stage.reopened_on = today
    case.status = Status.OPEN
    case.outcome = ""
    case.not_accepted_reason = ""
    case.not_accepted_detail = ""
    case.closed_on = None
    _save(case, stage)
    record_event(
        case=case,
        actor=by,
        kind="reopened",
        summary=f"Reopened: {reason.strip()}",
        before=before,
        after={
            "status": case.status,
            "outcome": case.outcome,
            "response_due": stage.response_due,
            "reopened_on": today,
        },
    )
    return case


def duration(amount: int, unit: str) -> Duration:
    """A Duration from user input, with the field named in the error."""
    units = [u.value for u in Unit]
    if unit not in units:
        raise InvalidInput.for_field("by.unit", f"Choose a unit: one of {', '.join(units)}.")
    if amount < 1:
        raise InvalidInput.for_field("by.amount", "The amount must be at least 1.")
    return Duration(amount, Unit(unit))
