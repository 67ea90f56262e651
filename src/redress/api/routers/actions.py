"""Actions on a case's current stage. Each finds the case through ``cases_visible_to`` (404 if
hidden), then calls the one service function for the transition, which checks permission
(403) and whether the transition is allowed now (409), and writes the timeline event."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from redress.api.errors import ERRORS
from redress.api.lookups import active_user, fresh_case, visible_case
from redress.api.schemas import (
    AcknowledgeIn,
    AssignIn,
    CaseOut,
    CloseIn,
    EscalateIn,
    ExtendIn,
    RefuseIn,
    ReopenIn,
    RespondIn,
    RouteElsewhereIn,
    WithdrawIn,
)
from redress.api.serialise import case_data
from redress.calendars.clock import Duration, Unit
from redress.cases import services
from redress.cases.models import Case
from redress.elsewhere.services import case_route_elsewhere

router = Router(tags=["case actions"])
RESPONSES = {200: CaseOut, **ERRORS}


def _done(case: Case, user: Any) -> dict[str, Any]:
    return case_data(*fresh_case(case), user=user)


@router.post("/cases/{reference}/acknowledge", response=RESPONSES)
def acknowledge(request: HttpRequest, reference: str, payload: AcknowledgeIn) -> dict[str, Any]:
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    return _done(
        services.case_acknowledge(
            case=case,
            by=request.auth,  # type: ignore[attr-defined]
            on=payload.on,
            definition_summary=payload.definition_summary,
            expected_version=payload.expected_version,
        ),
        request.auth,  # type: ignore[attr-defined]
    )


@router.post("/cases/{reference}/extend", response=RESPONSES)
def extend(request: HttpRequest, reference: str, payload: ExtendIn) -> dict[str, Any]:
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    extend_by = Duration(payload.by.amount, Unit(payload.by.unit)) if payload.by else None
    return _done(
        services.case_extend(
            case=case,
            by=request.auth,  # type: ignore[attr-defined]
            reason=payload.reason,
            extend_by=extend_by,
            until=payload.until,
            expected_version=payload.expected_version,
        ),
        request.auth,  # type: ignore[attr-defined]
    )


@router.post("/cases/{reference}/respond", response=RESPONSES)
def respond(request: HttpRequest, reference: str, payload: RespondIn) -> dict[str, Any]:
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    return _done(
        services.case_respond(
            case=case,
            by=request.auth,  # type: ignore[attr-defined]
            on=payload.on,
            outcome=payload.outcome,
            expected_version=payload.expected_version,
        ),
        request.auth,  # type: ignore[attr-defined]
    )


@router.post("/cases/{reference}/escalate", response=RESPONSES)
def escalate(request: HttpRequest, reference: str, payload: EscalateIn) -> dict[str, Any]:
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    return _done(
        services.case_escalate(
            case=case,
            by=request.auth,  # type: ignore[attr-defined]
            requested_on=payload.requested_on,
            expected_version=payload.expected_version,
        ),
        request.auth,  # type: ignore[attr-defined]
    )


@router.post("/cases/{reference}/withdraw", response=RESPONSES)
def withdraw(
    request: HttpRequest, reference: str, payload: WithdrawIn | None = None
) -> dict[str, Any]:
    payload = payload or WithdrawIn()
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    return _done(
        services.case_withdraw(
            case=case,
            by=request.auth,  # type: ignore[attr-defined]
            reason=payload.reason,
            expected_version=payload.expected_version,
        ),
        request.auth,  # type: ignore[attr-defined]
    )


@router.post("/cases/{reference}/refuse", response=RESPONSES)
def refuse(request: HttpRequest, reference: str, payload: RefuseIn) -> dict[str, Any]:
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    return _done(
        services.case_refuse(
            case=case,
            by=request.auth,  # type: ignore[attr-defined]
            reason=payload.reason,
            detail=payload.detail,
            expected_version=payload.expected_version,
        ),
        request.auth,  # type: ignore[attr-defined]
    )


@router.post("/cases/{reference}/route-elsewhere", response=RESPONSES)
def route_elsewhere(
    request: HttpRequest, reference: str, payload: RouteElsewhereIn
) -> dict[str, Any]:
    """Close a complaint as handled under another procedure and send the person the
    explanation (the "Handled under another procedure" template)."""
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    routed, _ = case_route_elsewhere(
        case=case,
        by=request.auth,  # type: ignore[attr-defined]
        destination=payload.destination,
        to_name=payload.to_name,
        to_email=payload.to_email,
        on=payload.on,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return _done(routed, request.auth)  # type: ignore[attr-defined]


@router.post("/cases/{reference}/close", response=RESPONSES)
def close(request: HttpRequest, reference: str, payload: CloseIn | None = None) -> dict[str, Any]:
    payload = payload or CloseIn()
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    return _done(
        services.case_close(
            case=case,
            by=request.auth,  # type: ignore[attr-defined]
            expected_version=payload.expected_version,
            confirm=payload.confirm,
        ),
        request.auth,  # type: ignore[attr-defined]
    )


@router.post("/cases/{reference}/reopen", response=RESPONSES)
def reopen(request: HttpRequest, reference: str, payload: ReopenIn) -> dict[str, Any]:
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    return _done(
        services.case_reopen(
            case=case,
            by=request.auth,  # type: ignore[attr-defined]
            reason=payload.reason,
            expected_version=payload.expected_version,
        ),
        request.auth,  # type: ignore[attr-defined]
    )


@router.post("/cases/{reference}/assign", response=RESPONSES)
def assign(request: HttpRequest, reference: str, payload: AssignIn) -> dict[str, Any]:
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    return _done(
        services.case_assign(
            case=case,
            by=request.auth,  # type: ignore[attr-defined]
            handler=active_user(payload.handler),
            expected_version=payload.expected_version,
        ),
        request.auth,  # type: ignore[attr-defined]
    )
