"""The case lifecycle after logging: one function per transition, each checking it is allowed
now."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from redress.accounts.models import User
from redress.calendars.clock import (
    Duration,
    due_date,
)
from redress.cases.closing import open_items
from redress.cases.handlers import why_not_handler
from redress.cases.kinds import (
    NotAcceptedReason,
    Outcome,
    Status,
    response_outcomes_for,
)
from redress.cases.models import Case, CaseAccessGrant, CaseStage
from redress.cases.permissions import Action, require
from redress.cases.services import deadlines, guards
from redress.cases.services.extensions import extension_target
from redress.cases.services.guards import Transition
from redress.cases.services.stages import (
    _calendar_for,
    _check_day,
    _check_version,
    _definition,
    _lock,
    _open_stage,
    _opened_at_for,
    _save,
    _stage_definition,
    _today,
)
from redress.cases.services.timeline import record_event
from redress.core.dates import long_date
from redress.core.errors import InvalidInput
from redress.core.words import either


def _guard(transition: Transition, case: Case, stage: CaseStage | None) -> CaseStage:
    """Raise the transition table's reason if ``transition`` is not allowed now; otherwise
    the case's current stage (every guard that allows an action has seen one)."""
    guards.check(transition, case, stage, _definition(case), _today())
    assert stage is not None
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
    stage = _guard(Transition.ACKNOWLEDGE, case, stage)
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
        summary=f"{stage.name} acknowledged on {long_date(on)}"
        + (f"; response due {long_date(stage.response_due)}" if stage.response_due else ""),
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
    stage = _guard(Transition.ASSIGN, case, stage)
    if reason := why_not_handler(case, stage, handler):
        raise InvalidInput.for_field("handler", reason)
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
    stage = _guard(Transition.EXTEND, case, stage)
    stage_def = _stage_definition(case, stage)
    assert stage.response_due is not None and stage_def.max_extension is not None  # the guard
    if not isinstance(reason, str) or not reason.strip():
        raise InvalidInput.for_field("reason", "Enter the reason for the extension.")
    new_due = extension_target(case, stage, stage_def, extend_by=extend_by, until=until)
    before = {"extended_to": stage.extended_to, "extension_reason": stage.extension_reason}
    stage.extended_to = new_due
    stage.extension_reason = reason.strip()
    _save(case, stage)
    record_event(
        case=case,
        actor=by,
        kind="extended",
        summary=f"{stage.name} extended to {long_date(new_due)}: {reason.strip()}",
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
    stage = _guard(Transition.RESPOND, case, stage)
    allowed = response_outcomes_for(case.kind)
    if outcome not in allowed:
        raise InvalidInput.for_field(
            "outcome", f"Choose the outcome: {either(Outcome(o).label for o in allowed)}."
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
        summary=f"{stage.name} answered on {long_date(on)}: {Outcome(outcome).label.lower()}",
        before=before,
        after={"status": case.status, "responded_on": on, "outcome": outcome},
    )
    return case


# --- escalate, withdraw, refuse, close, reopen ----------------------------------------------


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
    stage = _guard(Transition.ESCALATE, case, stage)
    assert stage.responded_on is not None  # the guard
    definition = _definition(case)
    next_def = definition.stage_after(stage.key)
    assert next_def is not None  # the guard
    _check_day("requested_on", requested_on, not_before=stage.responded_on, what="of the request")
    window = _stage_definition(case, stage).escalation_window
    if window is not None:
        last_day = due_date(stage.responded_on, window, _calendar_for(case, stage.responded_on))
        if requested_on > last_day:
            raise InvalidInput.for_field(
                "requested_on",
                f"The request for {next_def.name} had to be made by {long_date(last_day)} "
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
        summary=f"Escalated to {new_stage.name} "
        f"at the person's request of {long_date(requested_on)}",
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
    _guard(Transition.WITHDRAW, case, stage)
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
    stage = _guard(Transition.REFUSE, case, stage)
    if reason not in NotAcceptedReason.values:
        raise InvalidInput.for_field(
            "reason", f"Choose the reason: {either(NotAcceptedReason.labels)}."
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
def case_close(
    *, case: Case, by: User | None, expected_version: int | None = None, confirm: bool = False
) -> Case:
    """Close the case. With anything still open on it (``closing.open_items``) the closer
    must ``confirm``; otherwise the refusal lists what is open."""
    case, stage = _lock(case)
    require(by, Action.CLOSE, case)
    _check_version(case, expected_version)
    _guard(Transition.CLOSE, case, stage)
    if reason := guards.close_confirmation_needed(open_items(case), confirm):
        raise InvalidInput.for_field("confirm", reason)
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
    stage = _guard(Transition.REOPEN, case, stage)
    if not reason or not reason.strip():
        raise InvalidInput.for_field("reason", "Enter why the case is being reopened.")
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
