"""The reporting API: the same figures as the dashboards, as JSON for council BI tools."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from redress.api.auth import BearerToken
from redress.api.errors import ERRORS
from redress.api.fields import Day, Slug
from redress.api.queries import refuse_unknown_parameters
from redress.cases.models import Service
from redress.core import clock
from redress.core.errors import InvalidInput, NotPermitted
from redress.reporting.figures import Figures
from redress.reporting.periods import Period, check_date_in_range, custom
from redress.reporting.scope import (
    can_view_reports,
    services_for,
)

router = Router(tags=["reports"], auth=BearerToken())
DATE_RANGE = "Required. A date from 2000-01-01 to 2100-12-31, written YYYY-MM-DD."
FROM = Query(..., alias="from", description=DATE_RANGE)  # type: ignore[type-arg]
TO = Query(..., alias="to", description=DATE_RANGE)  # type: ignore[type-arg]
SERVICE = Query(None, description="A service area's slug.")  # type: ignore[type-arg]


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


def _service(user: Any, slug: str | None) -> Service | None:
    if slug is None:
        return None
    found = services_for(user).filter(slug=slug.strip()).first()
    if found is None:
        raise InvalidInput.for_field("service", f"There is no service {slug!r} you can report on.")
    return found


@router.get("/summary", response={200: Summary, **ERRORS}, summary="Figures for a period")
def summary(
    request: HttpRequest,
    start: Day = FROM,
    end: Day = TO,
    service: Slug | None = SERVICE,
) -> dict[str, Any]:
    """Counts of the cases received from ``from`` to ``to`` inclusive (UK dates)."""
    refuse_unknown_parameters(request, ("from", "to", "service"))
    user = request.auth  # type: ignore[attr-defined]
    if not can_view_reports(user):
        raise NotPermitted("Your role cannot see performance reports.")
    period = _period(start, end)
    chosen = _service(user, service)
    figures = Figures(user, period, clock.today(), chosen).summary()
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "service": chosen.slug if chosen else None,
        **figures,
    }


def _period(start: dt.date, end: dt.date) -> Period:
    """The period, or InvalidInput naming every date outside the range reports can cover."""
    errors: dict[str, list[str]] = {}
    for field, day in (("from", start), ("to", end)):
        try:
            check_date_in_range(field, day)
        except InvalidInput as error:
            errors.update(error.field_errors)
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], errors)
    return custom(start, end)
