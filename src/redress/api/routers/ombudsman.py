"""The Ombudsman's part of a case: read it, record the referral, the Ombudsman's requests and
our answers, the decision, and the recommendations and their completion.

Everything hangs off the case's reference, so the case is found through ``visible_case``
(404 if hidden) and each write calls the one service function in ``redress.ombudsman``,
which checks permission (403), the state (409) and the rules (422 naming the field)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from redress.api.errors import ERRORS
from redress.api.fields import Day, LongText, Request
from redress.api.lookups import is_row_id, visible_case
from redress.cases.models import Case
from redress.ombudsman import services
from redress.ombudsman.models import (
    Body,
    Decision,
    OmbudsmanCase,
    RecommendationKind,
    RequestKind,
)

router = Router(tags=["ombudsman"])


class ReferIn(Request):
    reference: str = Field(
        min_length=1, max_length=40, pattern=r"\S", description="The Ombudsman's own reference."
    )
    notified_on: Day = Field(description="When the Ombudsman told us of the complaint.")
    body: Body | None = Field(
        default=None,
        description="Which Ombudsman; omit for the usual one for the case's service area.",
    )


class RequestIn(Request):
    kind: RequestKind
    received_on: Day
    due_on: Day = Field(description="The Ombudsman's deadline for our answer.")
    description: str = Field(default="", max_length=300)


class AnswerIn(Request):
    on: Day = Field(description="The date we answered.")


class DecisionIn(Request):
    decision: Decision = Field(description="One of the decisions of the case's Ombudsman.")
    on: Day
    remedy_already_provided: bool = Field(
        description="Whether we had already offered a satisfactory remedy before it decided."
    )


class RecommendationIn(Request):
    kind: RecommendationKind
    description: LongText = Field(min_length=1, pattern=r"\S")
    due_on: Day


class RecommendationDoneIn(Request):
    on: Day
    evidence: LongText = Field(min_length=1, pattern=r"\S", description="What shows it was done.")


class RequestOut(Schema):
    id: int
    kind: RequestKind
    description: str
    received_on: dt.date
    due_on: dt.date
    answered_on: dt.date | None


class RecommendationOut(Schema):
    id: int
    kind: RecommendationKind
    description: str
    due_on: dt.date
    completed_on: dt.date | None
    evidence: str


class OmbudsmanCaseOut(Schema):
    case: str = Field(description="The case's reference.")
    body: Body
    reference: str = Field(description="The Ombudsman's own reference.")
    notified_on: dt.date
    decision: Decision | None
    decided_on: dt.date | None
    remedy_already_provided: bool | None
    requests: list[RequestOut]
    recommendations: list[RecommendationOut]


def ombudsman_data(ombudsman_case: OmbudsmanCase) -> dict[str, Any]:
    return {
        "case": ombudsman_case.case.reference,
        "body": ombudsman_case.body,
        "reference": ombudsman_case.reference,
        "notified_on": ombudsman_case.notified_on,
        "decision": ombudsman_case.decision or None,
        "decided_on": ombudsman_case.decided_on,
        "remedy_already_provided": ombudsman_case.remedy_already_provided,
        "requests": [
            {
                "id": r.pk,
                "kind": r.kind,
                "description": r.description,
                "received_on": r.received_on,
                "due_on": r.due_on,
                "answered_on": r.answered_on,
            }
            for r in ombudsman_case.requests.order_by("due_on", "id")
        ],
        "recommendations": [
            {
                "id": r.pk,
                "kind": r.kind,
                "description": r.description,
                "due_on": r.due_on,
                "completed_on": r.completed_on,
                "evidence": r.evidence,
            }
            for r in ombudsman_case.recommendations.order_by("due_on", "id")
        ],
    }


def _ombudsman_case(case: Case) -> OmbudsmanCase:
    found = OmbudsmanCase.objects.filter(case=case).select_related("case").first()
    if found is None:
        raise HttpError(404, f"{case.reference} has not gone to the Ombudsman.")
    return found


def _of_case(request: HttpRequest, reference: str) -> OmbudsmanCase:
    return _ombudsman_case(visible_case(request.auth, reference))  # type: ignore[attr-defined]


def _fresh(ombudsman_case: OmbudsmanCase) -> dict[str, Any]:
    return ombudsman_data(OmbudsmanCase.objects.select_related("case").get(pk=ombudsman_case.pk))


OUT = {200: OmbudsmanCaseOut, **ERRORS}
CREATED = {201: OmbudsmanCaseOut, **ERRORS}


@router.get("/cases/{reference}/ombudsman", response=OUT)
def get_ombudsman_case(request: HttpRequest, reference: str) -> dict[str, Any]:
    return ombudsman_data(_of_case(request, reference))


@router.post("/cases/{reference}/ombudsman", response=CREATED)
def refer(request: HttpRequest, reference: str, payload: ReferIn) -> Status[dict[str, Any]]:
    user = request.auth  # type: ignore[attr-defined]
    made = services.ombudsman_refer(
        case=visible_case(user, reference),
        by=user,
        reference=payload.reference,
        notified_on=payload.notified_on,
        body=payload.body,
    )
    return Status(201, _fresh(made))


@router.post("/cases/{reference}/ombudsman/requests", response=CREATED)
def add_request(request: HttpRequest, reference: str, payload: RequestIn) -> Status[dict[str, Any]]:
    ombudsman_case = _of_case(request, reference)
    services.ombudsman_request_add(
        ombudsman_case=ombudsman_case,
        by=request.auth,  # type: ignore[attr-defined]
        kind=payload.kind,
        received_on=payload.received_on,
        due_on=payload.due_on,
        description=payload.description,
    )
    return Status(201, _fresh(ombudsman_case))


@router.post("/cases/{reference}/ombudsman/requests/{request_id}/answer", response=OUT)
def answer_request(
    request: HttpRequest, reference: str, request_id: int, payload: AnswerIn
) -> dict[str, Any]:
    ombudsman_case = _of_case(request, reference)
    item = ombudsman_case.requests.filter(pk=request_id).first() if is_row_id(request_id) else None
    if item is None:
        raise HttpError(404, f"There is no such Ombudsman request on {reference}.")
    services.ombudsman_request_answer(
        ombudsman_request=item,
        by=request.auth,  # type: ignore[attr-defined]
        on=payload.on,
    )
    return _fresh(ombudsman_case)


@router.post("/cases/{reference}/ombudsman/decision", response=OUT)
def decide(request: HttpRequest, reference: str, payload: DecisionIn) -> dict[str, Any]:
    ombudsman_case = _of_case(request, reference)
    services.ombudsman_decide(
        ombudsman_case=ombudsman_case,
        by=request.auth,  # type: ignore[attr-defined]
        decision=payload.decision,
        on=payload.on,
        remedy_already_provided=payload.remedy_already_provided,
    )
    return _fresh(ombudsman_case)


@router.post("/cases/{reference}/ombudsman/recommendations", response=CREATED)
def add_recommendation(
    request: HttpRequest, reference: str, payload: RecommendationIn
) -> Status[dict[str, Any]]:
    ombudsman_case = _of_case(request, reference)
    services.ombudsman_recommendation_add(
        ombudsman_case=ombudsman_case,
        by=request.auth,  # type: ignore[attr-defined]
        kind=payload.kind,
        description=payload.description,
        due_on=payload.due_on,
    )
    return Status(201, _fresh(ombudsman_case))


@router.post(
    "/cases/{reference}/ombudsman/recommendations/{recommendation_id}/complete", response=OUT
)
def complete_recommendation(
    request: HttpRequest, reference: str, recommendation_id: int, payload: RecommendationDoneIn
) -> dict[str, Any]:
    ombudsman_case = _of_case(request, reference)
    found = ombudsman_case.recommendations
    item = found.filter(pk=recommendation_id).first() if is_row_id(recommendation_id) else None
    if item is None:
        raise HttpError(404, f"There is no such recommendation on {reference}.")
    services.ombudsman_recommendation_complete(
        recommendation=item,
        by=request.auth,  # type: ignore[attr-defined]
        on=payload.on,
        evidence=payload.evidence,
    )
    return _fresh(ombudsman_case)
