"""Learning actions: raise one from a case, list what you may see, mark one done.

The case is found through ``cases_visible_to`` (404 if hidden) and a learning action through
``learning_visible_to``, which follows its case; the service functions check permission (403)
and the rules (400 naming the field, 409 when it is already finished)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import AfterValidator, Field

from redress.accounts.models import User
from redress.api import cursors
from redress.api.errors import ERRORS
from redress.api.fields import Day, Line, Request, Slug, Username, WholeNumber, storable
from redress.api.lookups import visible_case
from redress.api.queries import parameters_of, refuse_unknown_parameters
from redress.cases.models import Service
from redress.core import clock
from redress.learning import services
from redress.learning.models import (
    LESSON_MAX,
    OPEN_STATUSES,
    REASON_MAX,
    LearningAction,
    LearningStatus,
)
from redress.learning.selectors import learning_filtered

router = Router(tags=["learning"])

Lesson = Annotated[str, Field(min_length=1, max_length=LESSON_MAX), AfterValidator(storable)]
Evidence = Annotated[str, Field(min_length=1, max_length=REASON_MAX), AfterValidator(storable)]


class LearningIn(Request):
    lesson: Lesson = Field(description="What was learnt.")
    change: Lesson = Field(description="What will change.")
    service: Slug = Field(description="The slug of the service area that owns the change.")
    owner: Username = Field(description="The username of the member of staff who owns it.")
    due_on: Day = Field(description="The date the change is due by: today or later.")


class LearningCompleteIn(Request):
    on: Day = Field(description="The date the change was made: not in the future.")
    evidence: Evidence = Field(description="How we know the change was made.")


class LearningOut(Schema):
    id: int
    case: str | None = Field(description="The reference of the case it came from, if any.")
    lesson: str
    change: str
    service: str = Field(description="The owning service area's slug.")
    directorate: str | None = Field(description="The service area's directorate's slug.")
    owner: str = Field(description="The owner's username.")
    due_on: dt.date
    status: LearningStatus
    overdue: bool
    raised_on: dt.date
    completed_on: dt.date | None
    evidence: str
    reason: str = Field(description="Why it was not taken forward, if it was not.")


class LearningPageOut(Schema):
    items: list[LearningOut]
    next_cursor: str | None = Field(
        description="Pass as cursor for the next page; null on the last page."
    )


class LearningFilters(Request):
    service: Slug | None = Field(default=None, description="A service area's slug.")
    directorate: Slug | None = Field(default=None, description="A directorate's slug.")
    status: LearningStatus | None = None
    overdue: bool | None = Field(default=None, description="Open and past its due date.")
    cursor: Line | None = None
    limit: WholeNumber = Field(default=25, ge=1, le=100)


def learning_data(action: LearningAction, today: dt.date) -> dict[str, Any]:
    directorate = action.service.directorate
    return {
        "id": action.pk,
        "case": action.case.reference if action.case else None,
        "lesson": action.lesson,
        "change": action.change,
        "service": action.service.slug,
        "directorate": directorate.slug if directorate else None,
        "owner": action.owner.username,
        "due_on": action.due_on,
        "status": action.status,
        "overdue": action.is_open and action.due_on < today,
        "raised_on": action.raised_on,
        "completed_on": action.completed_on,
        "evidence": action.evidence,
        "reason": action.reason,
    }


RELATIONS = ("case", "service__directorate", "owner")


@router.post("/cases/{reference}/learning", response={201: LearningOut, **ERRORS})
def raise_learning(
    request: HttpRequest, reference: str, payload: LearningIn
) -> Status[dict[str, Any]]:
    user = request.auth  # type: ignore[attr-defined]
    case = visible_case(user, reference)
    action = services.learning_raise(
        case=case,
        by=user,
        lesson=payload.lesson,
        change=payload.change,
        service=Service.objects.filter(slug=payload.service).first(),
        owner=User.objects.filter(username=payload.owner).first(),
        due_on=payload.due_on,
    )
    return Status(201, learning_data(action, clock.today()))


@router.get("/learning", response={200: LearningPageOut, **ERRORS})
def list_learning(request: HttpRequest, filters: Query[LearningFilters]) -> dict[str, Any]:
    refuse_unknown_parameters(request, parameters_of(LearningFilters))
    today = clock.today()
    rows = learning_filtered(
        request.auth,  # type: ignore[attr-defined]
        today,
        service=filters.service or "",
        directorate=filters.directorate or "",
        status=filters.status or "",
        only_overdue=bool(filters.overdue),
    )
    if filters.overdue is False:
        rows = rows.exclude(status__in=OPEN_STATUSES, due_on__lt=today)
    if filters.cursor:
        at = cursors.decode(filters.cursor)
        rows = rows.filter(Q(due_on__gt=at.due) | Q(due_on=at.due, id__gt=at.id))
    found = list(rows.select_related(*RELATIONS)[: filters.limit + 1])
    page, more = found[: filters.limit], len(found) > filters.limit
    last = page[-1] if page else None
    return {
        "items": [learning_data(a, today) for a in page],
        "next_cursor": cursors.encode(cursors.Position(last.due_on, last.pk))
        if more and last
        else None,
    }


@router.post("/learning/{learning_id}/complete", response={200: LearningOut, **ERRORS})
def complete_learning(
    request: HttpRequest, learning_id: int, payload: LearningCompleteIn
) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    found = (
        learning_filtered(user, clock.today()).filter(pk=learning_id).first()
        if 0 < learning_id < 2**63
        else None
    )
    if found is None:
        raise HttpError(404, "There is no such learning action that you can see.")
    done = services.learning_complete(
        action=found, by=user, on=payload.on, evidence=payload.evidence
    )
    done = LearningAction.objects.select_related(*RELATIONS).get(pk=done.pk)
    return learning_data(done, clock.today())
