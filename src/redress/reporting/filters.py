"""The report filter form: period, service and kind, read from the query string."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from redress.cases.kinds import Kind
from redress.cases.models import Directorate, Service
from redress.core.errors import InvalidInput
from redress.reporting.periods import (
    Period,
    financial_year_of,
    latest_complete_quarter,
    period_from_query,
)
from redress.reporting.scope import directorates_for, services_for


@dataclass
class Filters:
    values: dict[str, str]
    period: Period | None = None
    service: Service | None = None
    directorate: Directorate | None = None
    kind: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


PERIOD_FIELDS = ("period", "year", "quarter", "month", "from", "to")
FIELDS = (*PERIOD_FIELDS, "service", "directorate", "kind")


def read_filters(user: Any, query: QueryDict, today: dt.date) -> Filters:
    values = {name: query.get(name, "").strip() for name in FIELDS}
    if not any(values[name] for name in PERIOD_FIELDS):
        # Nothing asked for: the latest quarter with all its days behind it, the figures a
        # manager most often wants, rather than a year or quarter still under way.
        year, number = latest_complete_quarter(today)
        values.update(period="quarter", year=str(year), quarter=str(number))
    values["period"] = values["period"] or "year"
    if not values["year"]:
        values["year"] = str(
            financial_year_of(today) if values["period"] != "month" else today.year
        )
    filters = Filters(values=values)
    try:
        filters.period = period_from_query(values, today)
    except InvalidInput as error:
        filters.errors.update({k: v[0] for k, v in error.field_errors.items()})
    if values["service"]:
        filters.service = services_for(user).filter(slug=values["service"]).first()
        if filters.service is None:
            filters.errors["service"] = "Choose a service area from the list."
    if values["directorate"]:
        filters.directorate = directorates_for(user).filter(slug=values["directorate"]).first()
        if filters.directorate is None:
            filters.errors["directorate"] = "Choose a directorate from the list."
    if values["kind"]:
        if values["kind"] in Kind.values:
            filters.kind = values["kind"]
        else:
            filters.errors["kind"] = "Choose a kind of case from the list."
    return filters
