"""The case lifecycle after logging: one function per transition, each checking it is allowed
now."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from redress.accounts.models import User
from redress.calendars.clock import (
    LONDON,
    Duration,
    Unit,
    due_date,
)
from redress.cases.kinds import (
    NotAcceptedReason,
    Outcome,
    Status,
    response_outcomes_for,
)
from redress.cases.models import Case, CaseAccessGrant, CaseStage
from redress.cases.permissions import Action, require
from redress.cases.services import deadlines
from redress.cases.services.guards import _require_open
from redress.cases.services.stages import (
    INDEPENDENT_HANDLER_ROLES,
    SERVICE_HANDLER_ROLES,
    _calendar_for,
    _check_day,
    _check_version,
    _definition,
    _fmt,
    _lock,
    _open_stage,
    _save,
    _stage_definition,
    _today,
)
from redress.cases.services.timeline import record_event
from redress.core.errors import InvalidInput, TransitionNotAllowed
from redress.procedures.definitions import (
    HandledBy,
    RespondFrom,
)

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
