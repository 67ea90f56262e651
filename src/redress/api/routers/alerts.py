"""Emerging-trend alerts, for those the Trends page shows them to (``trends.access``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from redress.api.auth import BearerToken
from redress.api.errors import ERRORS
from redress.api.fields import Request
from redress.api.queries import parameters_of, refuse_unknown_parameters
from redress.core.errors import NotPermitted
from redress.trends.access import alerts_visible_to, can_see_alerts
from redress.trends.models import TrendAlert

router = Router(tags=["alerts"], auth=BearerToken())

# Every kind an alert may name (``trends.scopes.SCOPE_KINDS``).
ScopeName = Literal["service", "category", "directorate", "area"]
StatusName = Literal["new", "acknowledged", "actioned"]


class Alert(Schema):
    id: int
    scope: ScopeName
    slug: str | None = Field(
        description="The service area's or directorate's slug; null for a category or an area "
        "(see name)."
    )
    name: str = Field(description="The scope's name: for an area, its postcode district.")
    week_starting: dt.date = Field(description="The Monday of the week counted.")
    count: int = Field(description="Cases received that week.")
    expected: float = Field(description="The mean weekly count of the 12 weeks before.")
    p_value: float = Field(description="P(a count at least this high) if nothing had changed.")
    status: StatusName


class AlertList(Schema):
    alerts: list[Alert]
    next_cursor: str | None


AlertId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class AlertFilters(Request):
    status: StatusName | None = None
    scope: ScopeName | None = None
    limit: int = Field(50, ge=1, le=100)
    cursor: AlertId | None = Field(None, description="The next_cursor of the previous page.")


ALERT_FILTERS = parameters_of(AlertFilters)


def _shown(alert: TrendAlert) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "scope": alert.scope_kind,
        "slug": alert.scope_slug or None,
        "name": alert.scope_name,
        "week_starting": alert.week_starting,
        "count": alert.count,
        "expected": alert.expected,
        "p_value": alert.p_value,
        "status": alert.status,
    }


@router.get(
    "/alerts",
    response={200: AlertList, **ERRORS},
    summary="Emerging-trend alerts, newest first",
)
def alert_list(
    request: HttpRequest,
    filters: Query[AlertFilters],
) -> dict[str, Any]:
    """Alerts the caller may see, newest first (by id), a page at a time."""
    refuse_unknown_parameters(request, ALERT_FILTERS)
    user = request.auth  # type: ignore[attr-defined]
    if not can_see_alerts(user):
        raise NotPermitted("Your role cannot see trend alerts.")
    alerts = alerts_visible_to(user)
    if filters.status:
        alerts = alerts.filter(status=filters.status)
    if filters.scope:
        alerts = alerts.filter(scope_kind=filters.scope)
    if filters.cursor:
        alerts = alerts.filter(pk__lt=filters.cursor)
    rows = list(alerts.order_by("-pk")[: filters.limit + 1])
    page, more = rows[: filters.limit], len(rows) > filters.limit
    return {
        "alerts": [_shown(a) for a in page],
        "next_cursor": str(page[-1].pk) if more else None,
    }
