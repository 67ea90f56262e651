"""Who sees which alerts, and so may act on them (acknowledge, turn into learning).

- The complaints team and administrators: every alert.
- A manager: the alerts about the service areas they oversee and their categories, as their
  report figures count only those.
- A head of service (``Service.head``), whatever their role: the alerts about the service
  area they head and its categories. They are emailed about those alerts, so the link in the
  email must open.
- Alerts about directorates and areas of the borough span several service areas, so they are
  the complaints team's.
- An elected Member sees none: the alert pages are casework (acknowledging, raising
  learning, finding the cases behind a count), which the role gate keeps from them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from redress.accounts.models import Role
from redress.cases.models import Service
from redress.cases.permissions import OFFICE_ROLES, role_of, sees_figures_only, service_ids_of
from redress.reporting.scope import can_view_reports
from redress.trends.models import TrendAlert


def _heads_a_service(user: Any) -> bool:
    """Cached on the user for the request: the navigation and the page both ask."""
    if not role_of(user):
        return False
    cached = getattr(user, "_redress_heads_a_service", None)
    if cached is None:
        cached = Service.objects.filter(head_id=user.pk).exists()
        user._redress_heads_a_service = cached
    return bool(cached)


def can_see_alerts(user: Any) -> bool:
    if not role_of(user) or sees_figures_only(user):
        return False
    return can_view_reports(user) or _heads_a_service(user)


def alerts_visible_to(user: Any) -> QuerySet[TrendAlert]:
    if not can_see_alerts(user):
        return TrendAlert.objects.none()
    alerts = TrendAlert.objects.all()
    if role_of(user) in OFFICE_ROLES:
        return alerts
    return alerts.filter(_theirs(user, "service__"))


def service_choices_for(user: Any) -> QuerySet[Service]:
    """The active service areas ``user`` may give a learning action raised from an alert:
    any for the complaints team, otherwise those they oversee or head."""
    services = Service.objects.filter(is_active=True)
    if role_of(user) in OFFICE_ROLES:
        return services
    return services.filter(_theirs(user, ""))


def _theirs(user: Any, service: str) -> Q:
    """The service areas ``user`` heads, and for a manager those they oversee, as a filter on
    the service reached through ``service`` (a lookup prefix: "" for a service itself)."""
    theirs = Q(**{f"{service}head_id": user.pk})
    if role_of(user) == Role.MANAGER:
        theirs |= Q(**{f"{service}pk__in": service_ids_of(user)})
    return theirs
