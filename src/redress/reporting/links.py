"""Links from a figure to the Find cases list of exactly the cases it counts.

Every link is built by ``staff.forms.work.find_cases_url``, from the filter form's own field
names, so a link can never carry a parameter Find cases would ignore."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redress.cases.models import Service
from redress.reporting.periods import Period
from redress.staff.forms.work import find_cases_url


@dataclass
class Links:
    """Find cases links carrying the dashboard's filters; empty when links are not shown."""

    period: Period
    service: Service | None
    kind: str
    enabled: bool = True

    def to(self, with_period: bool = True, **filters: Any) -> str:
        """Find cases with the dashboard's kind and service, the period's dates of receipt
        unless ``with_period`` is false (figures counted today, whatever the date received),
        and ``filters``, which win over the dashboard's."""
        if not self.enabled:
            return ""
        chosen: dict[str, Any] = {"kind": self.kind, "service": self.service}
        if with_period:
            chosen |= {"received_from": self.period.start, "received_to": self.period.end}
        return find_cases_url(**(chosen | filters))
