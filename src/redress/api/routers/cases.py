"""Cases: log one, list those you can see, read one."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from redress.api import cursors
from redress.api.errors import ERRORS
from redress.api.lookups import category_for, fresh_case, service_by_slug, visible_case
from redress.api.queries import parameters_of, refuse_unknown_parameters
from redress.api.schemas import CaseFilters, CaseIn, CaseOut, CasePageOut
from redress.api.serialise import SUMMARY_COLUMNS, case_data, case_summary_data
from redress.cases.models import Case
from redress.cases.permissions import can_log
from redress.cases.search import apply_text_search, walk_matches
from redress.cases.selectors import cases_visible_to, stages_of
from redress.cases.services import case_log
from redress.core import clock
from redress.core.errors import NotPermitted

router = Router(tags=["cases"])
CASE_FILTERS = parameters_of(CaseFilters)


@router.post("/cases", response={201: CaseOut, **ERRORS})
def create_case(request: HttpRequest, payload: CaseIn) -> Status[dict[str, Any]]:
    user = request.auth  # type: ignore[attr-defined]
    if not can_log(user):
        raise NotPermitted("You do not have permission to log cases.")
    service = service_by_slug(payload.service)
    case = case_log(
        by=user,
        kind=payload.kind,
        procedure=payload.procedure,
        procedure_reason=payload.procedure_reason,
        received_at=payload.received_at,
        channel=payload.channel,
        service=service,
        category=category_for(payload.category, service),
        summary=payload.summary,
        description=payload.description,
        outcome_sought=payload.outcome_sought,
        person=payload.person.model_dump(),
        representative=(
            payload.representative.to_representative() if payload.representative else None
        ),
    )
    return Status(201, case_data(*fresh_case(case), user=request.auth))  # type: ignore[attr-defined]


def filtered(user: Any, filters: CaseFilters) -> QuerySet[Case]:
    """The user's visible cases narrowed by each filter given; each one matches an index."""
    cases = cases_visible_to(user)
    today = clock.today()
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.stage:
        cases = cases.filter(current_stage__key=filters.stage)
    if filters.service:
        cases = cases.filter(service=service_by_slug(filters.service))
    if filters.overdue is True:
        cases = cases.filter(next_due_on__lt=today)
    elif filters.overdue is False:
        cases = cases.filter(Q(next_due_on__isnull=True) | Q(next_due_on__gte=today))
    if filters.due_before:
        cases = cases.filter(next_due_on__lt=filters.due_before)
    return cases


def page_rows(ordered: QuerySet[Case], text: str, want: int) -> list[dict[str, Any]]:
    """The first ``want`` rows of ``ordered`` matching ``text``, as ``SUMMARY_COLUMNS``.

    A search is walked in the list's order first, as Find cases walks it
    (``cases.search.walk_matches``): a common word handed to the planner to sort reads every
    match. Words too rare to fill a page that way are read from the search index first."""
    walked = walk_matches(ordered, text, want) if text else None
    if walked is None:
        rows = apply_text_search(ordered, text, index_first=True).values(*SUMMARY_COLUMNS)
        return list(rows[:want])
    found = {
        row["id"]: row for row in Case.objects.filter(pk__in=walked.ids).values(*SUMMARY_COLUMNS)
    }
    return [found[pk] for pk in walked.ids if pk in found]


@router.get("/cases", response={200: CasePageOut, **ERRORS})
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    refuse_unknown_parameters(request, CASE_FILTERS)
    cases = filtered(request.auth, filters)  # type: ignore[attr-defined]
    if filters.cursor:
        cases = cursors.after(cases, cursors.decode(filters.cursor))
    # One row more than the page shows whether there is a next page, without a COUNT.
    rows = page_rows(cases.order_by(*cursors.ORDERING), filters.text or "", filters.limit + 1)
    page, more = rows[: filters.limit], len(rows) > filters.limit
    today = clock.today()
    return {
        "items": [case_summary_data(case, today) for case in page],
        "next_cursor": cursors.encode(cursors.position_of(page[-1])) if more else None,
    }


@router.get("/cases/{reference}", response={200: CaseOut, **ERRORS})
def get_case(request: HttpRequest, reference: str) -> dict[str, Any]:
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    return case_data(case, stages_of(case), user=request.auth)  # type: ignore[attr-defined]
