"""The reporting API: the same figures as the dashboards, as JSON for council BI tools."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from redress.api.auth import BearerToken
from redress.cases.models import Service
from redress.core import clock
from redress.core.errors import InvalidInput
from redress.reporting.figures import Figures
from redress.reporting.periods import custom, parse_date
from redress.reporting.scope import (
    can_view_reports,
    services_for,
)

router = Router(tags=["reports"], auth=BearerToken())


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class StageSummary(Schema):
    opened: int
    acknowledged_within_target: int
    responded: int
    responded_within_target: int
    responded_within_extended_target: int
    escalated: int
    acknowledged: int
    acknowledge_measurable: int
    respond_measurable: int
    extended: int
    open: int
    overdue: int


class Summary(Schema):
    start: str
    end: str
    service: str | None
    received: dict[str, int]
    stages: dict[str, StageSummary]
    outcomes: dict[str, int]


def _problem(error: InvalidInput) -> dict[str, Any]:
    return {"detail": error.message, "errors": error.field_errors}


def _service(user: Any, slug: str | None) -> Service | None:
    if slug is None:
        return None
    found = services_for(user).filter(slug=slug.strip()).first()
    if found is None:
        raise InvalidInput.for_field("service", f"There is no service {slug!r} you can report on.")
    return found


@router.get(
    "/summary",
    response={200: Summary, 403: Problem, 422: Problem},
    summary="Figures for the cases received in a period",
)
def summary(
    request: HttpRequest,
    start: str | None = Query(None, alias="from"),  # type: ignore[type-arg]
    end: str | None = Query(None, alias="to"),  # type: ignore[type-arg]
    service: str | None = Query(None),  # type: ignore[type-arg]
) -> Status[dict[str, Any]]:
    """Counts of the cases received from ``from`` to ``to`` inclusive (UK dates)."""
    user = request.auth  # type: ignore[attr-defined]
    if not can_view_reports(user):
        return Status(403, {"detail": "Your role cannot see performance reports.", "errors": {}})
    try:
        period = _period(start, end)
        chosen = _service(user, service)
    except InvalidInput as error:
        return Status(422, _problem(error))
    figures = Figures(user, period, clock.today(), chosen).summary()
    return Status(
        200,
        {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "service": chosen.slug if chosen else None,
            **figures,
        },
    )


def _period(start: str | None, end: str | None):  # type: ignore[no-untyped-def]
    errors: dict[str, list[str]] = {}
    dates = {}
    for field, value in (("from", start), ("to", end)):
        try:
            dates[field] = parse_date(field, value)
        except InvalidInput as error:
            errors.update(error.field_errors)
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors)
    return custom(dates["from"], dates["to"])
