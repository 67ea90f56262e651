"""Ombudsman casework: one function per thing that happens, each keyword-only, in one
transaction, checking permission, then the state, then the input, and writing one timeline
event on the case (see docs/ombudsman.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction

from redress.cases.kinds import Kind
from redress.cases.models import Case, CaseStage, Service
from redress.cases.permissions import OFFICE_ROLES, Action, can, role_of
from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.core.dates import long_date
from redress.core.errors import InvalidInput, NotPermitted, TransitionNotAllowed
from redress.ombudsman.models import (
    DECISIONS_BY_BODY,
    Body,
    Decision,
    OmbudsmanCase,
    OmbudsmanRecommendation,
    OmbudsmanRequest,
    RecommendationKind,
    RequestKind,
)
from redress.procedures.services import definition_of


def can_record(user: Any, case: Case) -> bool:
    """Ombudsman casework is the complaints team's: complaints officers and administrators,
    on a case they may act on (so a restricted case only with a grant). ``can`` lets only
    those roles escalate, and applies the restricted-case rule."""
    return role_of(user) in OFFICE_ROLES and can(user, Action.ESCALATE, case)


def _require(by: Any, case: Case) -> None:
    # ``by=None`` is the system itself (imports), as for the case services.
    if by is not None and not can_record(by, case):
        raise NotPermitted("You do not have permission to record Ombudsman casework on this case.")


def _lock(case_id: int) -> Case:
    """Every Ombudsman write locks the case row first, so two on one case queue (PostgreSQL)."""
    return Case.objects.select_for_update().get(pk=case_id)


def _locked_ombudsman_case(ombudsman_case: OmbudsmanCase) -> tuple[Case, OmbudsmanCase]:
    case = _lock(ombudsman_case.case_id)
    return case, OmbudsmanCase.objects.get(pk=ombudsman_case.pk)


def _today() -> dt.date:
    return clock.today()


def _check_day(field: str, day: Any, *, what: str, not_before: dt.date, since: str) -> dt.date:
    """A real date, not in the future, not before ``not_before`` (described by ``since``)."""
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidInput.for_field(field, f"Enter the date {what} as a real date.")
    if day > _today():
        raise InvalidInput.for_field(field, f"The date {what} cannot be in the future.")
    if day < not_before:
        raise InvalidInput.for_field(
            field, f"The date {what} cannot be before {since}, {long_date(not_before)}."
        )
    return day


def _check_due(field: str, day: Any, *, not_before: dt.date, since: str) -> dt.date:
    """A deadline: a real date, in the future or not, but not before ``not_before``."""
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidInput.for_field(field, "Enter the due date as a real date.")
    if day < not_before:
        raise InvalidInput.for_field(
            field, f"The due date cannot be before {since}, {long_date(not_before)}."
        )
    return day


def _check_text(field: str, value: Any, *, message: str, limit: int | None = None) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise InvalidInput.for_field(field, message)
    if limit is not None and len(text) > limit:
        raise InvalidInput.for_field(field, f"This must be {limit} characters or fewer.")
    return text


def _check_choice(field: str, value: Any, allowed: Any, message: str) -> str:
    if value not in [str(choice) for choice in allowed]:
        raise InvalidInput.for_field(field, message)
    return str(value)


# --- refer ----------------------------------------------------------------------------------


def default_body(service: Service | None = None) -> str:
    """The Ombudsman a complaint about ``service`` goes to: the Housing Ombudsman for a service
    area marked as housing, otherwise the one the organisation answers to
    (``REDRESS_OMBUDSMAN``); empty when that is both, so the person recording must choose."""
    if service is not None and service.is_housing:
        return Body.HOUSING
    configured = getattr(settings, "REDRESS_OMBUDSMAN", Body.LGSCO)
    return configured if configured in Body.values else ""


def require_complaint(case: Case) -> None:
    """Only complaints go to the Ombudsman. Any complaint may, at any point: the Ombudsman
    sends back one our procedure has not finished ("premature"), and looks at one we refused
    to accept, so the referral is recorded whatever stage the complaint is at."""
    if case.kind != Kind.COMPLAINT:
        raise TransitionNotAllowed("Only complaints can be taken to the Ombudsman.")


def final_response(case: Case) -> CaseStage:
    """The answered final stage of the case's procedure; TransitionNotAllowed saying what is
    missing otherwise."""
    require_complaint(case)
    # The current stage as read with the case: the case page has it already.
    stage = case.current_stage
    if stage is None or definition_of(case.procedure_version).stage_after(stage.key):
        raise TransitionNotAllowed(
            "The complaint has not reached its final stage: the Ombudsman looks at a complaint "
            "once our procedure is finished."
        )
    if not stage.responded_on:
        raise TransitionNotAllowed(
            f"{stage.name} has not been answered yet: send the final response first."
        )
    return stage


@transaction.atomic
def ombudsman_refer(
    *,
    case: Case,
    by: Any,
    reference: str,
    notified_on: dt.date,
    body: str | None = None,
) -> OmbudsmanCase:
    """Record that the Ombudsman has told us it is looking at the complaint."""
    case = _lock(case.pk)
    _require(by, case)
    existing = OmbudsmanCase.objects.filter(case=case).first()
    if existing is not None:
        raise TransitionNotAllowed(
            f"{case.reference} is already with the {existing.get_body_display()} "
            f"(reference {existing.reference})."
        )
    require_complaint(case)
    body = default_body(case.service) if body is None else body
    body = _check_choice("body", body, Body.values, "Choose which Ombudsman is looking at it.")
    reference = _check_text(
        "reference", reference, message="Enter the Ombudsman's reference.", limit=40
    )
    _check_day(
        "notified_on",
        notified_on,
        what="the Ombudsman told us",
        not_before=case.received_on,
        since="the complaint was received",
    )
    ombudsman_case = OmbudsmanCase.objects.create(
        case=case, body=body, reference=reference, notified_on=notified_on
    )
    record_event(
        case=case,
        actor=by,
        kind="ombudsman_referred",
        summary=f"{Body(body).label} is looking at the complaint (reference {reference}), "
        f"notified {long_date(notified_on)}",
        after={"body": body, "reference": reference, "notified_on": notified_on},
        ombudsman_case=ombudsman_case.pk,
    )
    return ombudsman_case


# --- the Ombudsman's requests ---------------------------------------------------------------


@transaction.atomic
def ombudsman_request_add(
    *,
    ombudsman_case: OmbudsmanCase,
    by: Any,
    kind: str,
    received_on: dt.date,
    due_on: dt.date,
    description: str = "",
) -> OmbudsmanRequest:
    """Record an enquiry, request for information or draft decision and its deadline."""
    case, ombudsman_case = _locked_ombudsman_case(ombudsman_case)
    _require(by, case)
    kind = _check_choice("kind", kind, RequestKind.values, "Choose what the Ombudsman has sent.")
    _check_day(
        "received_on",
        received_on,
        what="it was received",
        not_before=ombudsman_case.notified_on,
        since="the Ombudsman told us of the complaint",
    )
    _check_due("due_on", due_on, not_before=received_on, since="the date it was received")
    description = description.strip() if isinstance(description, str) else ""
    if len(description) > 300:
        raise InvalidInput.for_field("description", "This must be 300 characters or fewer.")
    item = OmbudsmanRequest.objects.create(
        ombudsman_case=ombudsman_case,
        kind=kind,
        description=description,
        received_on=received_on,
        due_on=due_on,
    )
    record_event(
        case=case,
        actor=by,
        kind="ombudsman_request",
        summary=f"{RequestKind(kind).label} from the Ombudsman received {long_date(received_on)}, "
        f"due {long_date(due_on)}",
        after={"kind": kind, "received_on": received_on, "due_on": due_on},
        ombudsman_request=item.pk,
    )
    return item


@transaction.atomic
def ombudsman_request_answer(
    *, ombudsman_request: OmbudsmanRequest, by: Any, on: dt.date
) -> OmbudsmanRequest:
    """Record the date we answered one of the Ombudsman's requests."""
    case = _lock(ombudsman_request.ombudsman_case.case_id)
    _require(by, case)
    item = OmbudsmanRequest.objects.get(pk=ombudsman_request.pk)
    if item.answered_on:
        raise TransitionNotAllowed(
            f"This {item.get_kind_display().lower()} was already answered on "
            f"{long_date(item.answered_on)}."
        )
    _check_day("on", on, what="it was answered", not_before=item.received_on, since="it arrived")
    item.answered_on = on
    item.save(update_fields=["answered_on"])
    late = on > item.due_on
    record_event(
        case=case,
        actor=by,
        kind="ombudsman_request_answered",
        summary=f"{item.get_kind_display()} from the Ombudsman answered {long_date(on)}"
        + (f", after its due date of {long_date(item.due_on)}" if late else ""),
        before={"answered_on": None},
        after={"answered_on": on},
        ombudsman_request=item.pk,
    )
    return item


# --- decision and recommendations -----------------------------------------------------------


@transaction.atomic
def ombudsman_decide(
    *,
    ombudsman_case: OmbudsmanCase,
    by: Any,
    decision: str,
    on: dt.date,
    remedy_already_provided: bool,
) -> OmbudsmanCase:
    """Record the Ombudsman's final decision (LGSCO) or finding (Housing Ombudsman)."""
    case, ombudsman_case = _locked_ombudsman_case(ombudsman_case)
    _require(by, case)
    if ombudsman_case.is_decided:
        raise TransitionNotAllowed(
            f"The Ombudsman's decision was already recorded: "
            f"{ombudsman_case.get_decision_display().lower()} on "
            f"{long_date(ombudsman_case.decided_on)}."  # type: ignore[arg-type]
        )
    allowed = DECISIONS_BY_BODY[ombudsman_case.body]
    decision = _check_choice(
        "decision",
        decision,
        allowed,
        f"Choose one of the {ombudsman_case.get_body_display()}'s decisions: "
        + ", ".join(d.label.lower() for d in allowed)
        + ".",
    )
    _check_day(
        "decided_on",
        on,
        what="of the decision",
        not_before=ombudsman_case.notified_on,
        since="the Ombudsman told us of the complaint",
    )
    if not isinstance(remedy_already_provided, bool):
        raise InvalidInput.for_field(
            "remedy_already_provided",
            "Say whether we had already provided a satisfactory remedy.",
        )
    ombudsman_case.decision = decision
    ombudsman_case.decided_on = on
    ombudsman_case.remedy_already_provided = remedy_already_provided
    ombudsman_case.save(update_fields=["decision", "decided_on", "remedy_already_provided"])
    record_event(
        case=case,
        actor=by,
        kind="ombudsman_decision",
        summary=f"{ombudsman_case.get_body_display()} decided {long_date(on)}: "
        f"{Decision(decision).label.lower()}",
        before={"decision": "", "decided_on": None},
        after={
            "decision": decision,
            "decided_on": on,
            "remedy_already_provided": remedy_already_provided,
        },
        ombudsman_case=ombudsman_case.pk,
    )
    return ombudsman_case


@transaction.atomic
def ombudsman_recommendation_add(
    *,
    ombudsman_case: OmbudsmanCase,
    by: Any,
    kind: str,
    description: str,
    due_on: dt.date,
) -> OmbudsmanRecommendation:
    """Record something the Ombudsman's decision asks us to do, and by when."""
    case, ombudsman_case = _locked_ombudsman_case(ombudsman_case)
    _require(by, case)
    if not ombudsman_case.is_decided:
        raise TransitionNotAllowed(
            "Record the Ombudsman's decision first: recommendations come with it."
        )
    kind = _check_choice(
        "kind", kind, RecommendationKind.values, "Choose what kind of recommendation it is."
    )
    description = _check_text(
        "description", description, message="Enter what the Ombudsman recommended."
    )
    decided_on: dt.date = ombudsman_case.decided_on  # type: ignore[assignment]
    _check_due("due_on", due_on, not_before=decided_on, since="the decision")
    item = OmbudsmanRecommendation.objects.create(
        ombudsman_case=ombudsman_case, kind=kind, description=description, due_on=due_on
    )
    record_event(
        case=case,
        actor=by,
        kind="ombudsman_recommendation",
        summary=f"Ombudsman recommendation due {long_date(due_on)}: {description[:200]}",
        after={"kind": kind, "due_on": due_on},
        ombudsman_recommendation=item.pk,
    )
    return item


@transaction.atomic
def ombudsman_recommendation_complete(
    *,
    recommendation: OmbudsmanRecommendation,
    by: Any,
    on: dt.date,
    evidence: str,
) -> OmbudsmanRecommendation:
    """Record that a recommendation was carried out, with the evidence the Ombudsman needs."""
    case, ombudsman_case = _locked_ombudsman_case(recommendation.ombudsman_case)
    _require(by, case)
    item = OmbudsmanRecommendation.objects.get(pk=recommendation.pk)
    if item.completed_on:
        raise TransitionNotAllowed(
            f"This recommendation was already completed on {long_date(item.completed_on)}."
        )
    decided_on: dt.date = ombudsman_case.decided_on  # type: ignore[assignment]
    _check_day("on", on, what="it was done", not_before=decided_on, since="the decision")
    evidence = _check_text("evidence", evidence, message="Enter the evidence that it was done.")
    item.completed_on = on
    item.evidence = evidence
    item.save(update_fields=["completed_on", "evidence"])
    late = on > item.due_on
    record_event(
        case=case,
        actor=by,
        kind="ombudsman_recommendation_done",
        summary=f"Ombudsman recommendation done {long_date(on)}"
        + (f", after its due date of {long_date(item.due_on)}" if late else "")
        + f": {item.description[:150]}",
        before={"completed_on": None},
        after={"completed_on": on},
        ombudsman_recommendation=item.pk,
    )
    return item
