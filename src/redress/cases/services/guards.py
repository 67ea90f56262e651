"""The transition table: for each action on a case, a pure guard over (case, stage, procedure
definition, today) that returns None when the action is allowed now, or the reason it is not,
in plain words.

The services raise exactly that reason (``TransitionNotAllowed``); the case page and the API
offer exactly what the guards allow (with ``permissions.can`` for who). A guard reads only
what it is given, so it never queries the database and the page can ask about every action.
Checks of what the user typed (a date, a reason) stay in the services: they are not about
whether the action is possible at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum

from redress.cases.kinds import Kind, Outcome, Status
from redress.cases.models import Case, CaseStage
from redress.core.dates import long_date
from redress.core.errors import TransitionNotAllowed
from redress.procedures.definitions import ProcedureDefinition, RespondFrom


class Transition(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    ASSIGN = "assign"
    EXTEND = "extend"
    RESPOND = "respond"
    ESCALATE = "escalate"
    WITHDRAW = "withdraw"
    REFUSE = "refuse"
    CLOSE = "close"
    REOPEN = "reopen"
    ROUTE_ELSEWHERE = "route_elsewhere"


# None: allowed. A string: why not.
Refusal = str | None
Guard = Callable[[Case, CaseStage | None, ProcedureDefinition, dt.date], Refusal]


def _not_open(case: Case, stage: CaseStage | None, doing: str) -> Refusal:
    """Why a stage cannot be worked on, if it cannot: the case is closed or already answered."""
    if case.status == Status.CLOSED:
        return f"You cannot {doing}: the case is closed. Reopen it first."
    if stage is None:
        return f"You cannot {doing}: the case has no open stage."
    if stage.responded_on:
        return f"You cannot {doing}: {stage.name} was answered on {long_date(stage.responded_on)}."
    if case.status == Status.RESPONDED:
        return f"You cannot {doing}: {stage.name} has been answered."
    return None


def acknowledge(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> Refusal:
    if refusal := _not_open(case, stage, "acknowledge"):
        return refusal
    assert stage is not None
    if stage.acknowledged_on:
        return f"{stage.name} was already acknowledged on {long_date(stage.acknowledged_on)}."
    return None


def assign(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> Refusal:
    if case.status == Status.CLOSED or stage is None:
        return "You cannot assign a closed case. Reopen it first."
    return None


def extend(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> Refusal:
    if refusal := _not_open(case, stage, "extend"):
        return refusal
    assert stage is not None
    stage_def = definition.stage(stage.key)
    if stage.response_due is None:
        return f"{stage.name} has no response deadline to extend."
    if stage_def.max_extension is None:
        return f"{definition.name} does not allow {stage.name} to be extended."
    if stage_def.respond_from is RespondFrom.ACKNOWLEDGEMENT and not stage.acknowledged_on:
        # The deadline is only provisional until the acknowledgement fixes where it runs from.
        return (
            f"Acknowledge {stage.name} first: its response deadline runs from the acknowledgement."
        )
    return None


def respond(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> Refusal:
    if refusal := _not_open(case, stage, "respond"):
        return refusal
    assert stage is not None
    if definition.stage(stage.key).respond_within is None:
        return f"{stage.name} needs no response: close the case instead."
    return None


def escalate(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> Refusal:
    # A stage answered and then closed can still be taken further at the person's request;
    # a case withdrawn or not accepted must be reopened first.
    if case.status == Status.CLOSED and case.outcome in (Outcome.WITHDRAWN, Outcome.NOT_ACCEPTED):
        return (
            f"You cannot escalate: the case was {Outcome(case.outcome).label.lower()}. "
            "Reopen it first."
        )
    if stage is None or not stage.responded_on:
        return "You cannot escalate yet: the current stage has not been answered."
    if definition.stage_after(stage.key) is None:
        return (
            f"{stage.name} is the final stage of {definition.name}: the person can now go "
            "to the Ombudsman."
        )
    return None


def withdraw(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> Refusal:
    if case.status == Status.CLOSED:
        return "The case is already closed."
    return None


def refuse(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> Refusal:
    if case.status == Status.CLOSED:
        return "The case is already closed."
    if stage is None or stage.number != 1 or stage.responded_on:
        return "Only a case not yet answered at its first stage can be not accepted."
    return None


def close(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> Refusal:
    if case.status == Status.CLOSED:
        return "The case is already closed."
    if case.status == Status.OPEN and stage is not None and not stage.responded_on:
        if definition.stage(stage.key).respond_within is not None:
            return (
                f"You cannot close the case: {stage.name} has not been answered. "
                "Respond, withdraw or record that it is not accepted."
            )
        if stage.acknowledge_due and not stage.acknowledged_on:
            return "You cannot close the case before it is acknowledged."
    return None


def reopen(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> Refusal:
    if case.status != Status.CLOSED:
        return "Only a closed case can be reopened."
    if stage is None:
        return "The case has no stage to reopen."
    return None


def route_elsewhere(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> Refusal:
    # A complaint about a councillor or a senior officer, or for another body or statutory
    # procedure, is not ours to answer: it goes elsewhere before any answer is given.
    if case.kind != Kind.COMPLAINT:
        return "Only a complaint can be routed to another procedure."
    if refusal := _not_open(case, stage, "route the complaint elsewhere"):
        return refusal
    return None


TRANSITIONS: dict[Transition, Guard] = {
    Transition.ACKNOWLEDGE: acknowledge,
    Transition.ASSIGN: assign,
    Transition.EXTEND: extend,
    Transition.RESPOND: respond,
    Transition.ESCALATE: escalate,
    Transition.WITHDRAW: withdraw,
    Transition.REFUSE: refuse,
    Transition.CLOSE: close,
    Transition.REOPEN: reopen,
    Transition.ROUTE_ELSEWHERE: route_elsewhere,
}


def refusal(
    transition: Transition,
    case: Case,
    stage: CaseStage | None,
    definition: ProcedureDefinition,
    today: dt.date,
) -> Refusal:
    return TRANSITIONS[transition](case, stage, definition, today)


def refusals(
    case: Case, stage: CaseStage | None, definition: ProcedureDefinition, today: dt.date
) -> dict[Transition, Refusal]:
    """Every transition with None (allowed) or the reason it is not allowed now."""
    return {t: guard(case, stage, definition, today) for t, guard in TRANSITIONS.items()}


def check(
    transition: Transition,
    case: Case,
    stage: CaseStage | None,
    definition: ProcedureDefinition,
    today: dt.date,
) -> None:
    """Raise the guard's reason when the transition is not allowed now."""
    reason = refusal(transition, case, stage, definition, today)
    if reason is not None:
        raise TransitionNotAllowed(reason)


def close_confirmation_needed(open_items: list[str], confirmed: bool) -> Refusal:
    """Closing with things still open (actions, remedies, Ombudsman requests, approved drafts)
    needs the closer to say they mean it."""
    if open_items and not confirmed:
        return (
            "There are things still open on this case: "
            + "; ".join(open_items)
            + ". Confirm that you want to close it anyway."
        )
    return None
