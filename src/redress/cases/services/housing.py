"""Which service areas are housing services. A complaint about one goes to the Housing
Ombudsman rather than the LGSCO, and the Tenant Satisfaction Measures CH01 and CH02 count
only these. Administrators mark them on a settings page or in the admin."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from redress.accounts.models import User
from redress.cases.models import Service
from redress.cases.services.heads import may_set_heads
from redress.core.errors import NotPermitted

may_mark_housing = may_set_heads  # the same people: administrators


@dataclass(frozen=True)
class HousingChange:
    marked: list[Service]
    unmarked: list[Service]


@transaction.atomic
def housing_services_set(*, by: User | None, services: Iterable[Service]) -> HousingChange:
    """Make ``services`` the housing services, and only them."""
    if by is not None and not may_mark_housing(by):
        raise NotPermitted("Only administrators can say which service areas are housing.")
    chosen = {service.pk for service in services}
    # Locked so that two administrators saving at once leave one of their choices whole.
    rows = list(Service.objects.select_for_update().order_by("name"))
    marked = [s for s in rows if s.pk in chosen and not s.is_housing]
    unmarked = [s for s in rows if s.pk not in chosen and s.is_housing]
    Service.objects.filter(pk__in=[s.pk for s in marked]).update(is_housing=True)
    Service.objects.filter(pk__in=[s.pk for s in unmarked]).update(is_housing=False)
    return HousingChange(marked=marked, unmarked=unmarked)
