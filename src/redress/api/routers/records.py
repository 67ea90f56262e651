"""Restriction, remedies and outstanding actions on a case. Each finds the case through
``cases_visible_to`` (404 if hidden) and calls the one service function, which checks
permission (403) and the rules (422 naming the field, 409 if already done)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError

from redress.api.errors import ERRORS
from redress.api.lookups import is_row_id, visible_case
from redress.api.records import (
    ActionIn,
    CaseRestrictionIn,
    CompleteIn,
    OutstandingActionOut,
    RemedyIn,
    RemedyOut,
    RestrictionOut,
    records_data,
)
from redress.cases import services
from redress.cases.models import Case
from redress.cases.services.access import people_with_access
from redress.cases.services.remedies import owner_named

router = Router(tags=["case records"])


def _item(case: Case, kind: str, pk: int) -> dict[str, Any]:
    """One remedy or action of the case as the case detail shows it."""
    items: list[dict[str, Any]] = records_data(case)[kind]
    for item in items:
        if item["id"] == pk:
            return item
    raise HttpError(404, f"There is no such {kind[:-1]} on {case.reference}.")


@router.post("/cases/{reference}/restriction", response={200: RestrictionOut, **ERRORS})
def restriction(request: HttpRequest, reference: str, payload: CaseRestrictionIn) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    case = visible_case(user, reference)
    change = services.case_set_access(
        case=case,
        by=user,
        restricted=payload.restricted,
        grant=payload.grant,
        revoke=payload.revoke,
        reason=payload.reason,
    )
    return {
        "reference": change.case.reference,
        "restricted": change.case.restricted,
        "people": [person.username for person in people_with_access(change.case)],
    }


@router.post("/cases/{reference}/remedies", response={201: RemedyOut, **ERRORS})
def add_remedy(request: HttpRequest, reference: str, payload: RemedyIn) -> Status[dict[str, Any]]:
    user = request.auth  # type: ignore[attr-defined]
    case = visible_case(user, reference)
    remedy = services.remedy_add(
        case=case,
        by=user,
        type=payload.type,
        description=payload.description,
        amount=payload.amount,
        due_on=payload.due_on,
        owner=owner_named(payload.owner),
    )
    return Status(201, _item(case, "remedies", remedy.pk))


@router.post("/cases/{reference}/actions", response={201: OutstandingActionOut, **ERRORS})
def add_action(request: HttpRequest, reference: str, payload: ActionIn) -> Status[dict[str, Any]]:
    user = request.auth  # type: ignore[attr-defined]
    case = visible_case(user, reference)
    action = services.action_add(
        case=case,
        by=user,
        description=payload.description,
        due_on=payload.due_on,
        owner=owner_named(payload.owner),
    )
    return Status(201, _item(case, "actions", action.pk))


def _one_of(records: Any, pk: int, case: Case, what: str) -> Any:
    """The case's remedy or action ``pk``, or a 404 naming the case."""
    found = records.filter(pk=pk).first() if is_row_id(pk) else None
    if found is None:
        raise HttpError(404, f"There is no such {what} on {case.reference}.")
    return found


@router.post(
    "/cases/{reference}/remedies/{remedy_id}/complete", response={200: RemedyOut, **ERRORS}
)
def complete_remedy(
    request: HttpRequest, reference: str, remedy_id: int, payload: CompleteIn
) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    case = visible_case(user, reference)
    remedy = _one_of(case.remedies, remedy_id, case, "remedy")
    services.remedy_complete(remedy=remedy, by=user, on=payload.on, note=payload.note)
    return _item(case, "remedies", remedy_id)


@router.post(
    "/cases/{reference}/actions/{action_id}/complete",
    response={200: OutstandingActionOut, **ERRORS},
)
def complete_action(
    request: HttpRequest, reference: str, action_id: int, payload: CompleteIn
) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    case = visible_case(user, reference)
    action = _one_of(case.actions, action_id, case, "action")
    services.action_complete(action=action, by=user, on=payload.on, note=payload.note)
    return _item(case, "actions", action_id)
