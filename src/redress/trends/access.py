"""Who sees which alerts: whoever may see reports (``reporting.scope.can_view_reports``), and
of those a manager only the alerts about their own service areas and their categories, as
their report figures count only those. Alerts about areas of the borough span every service,
so they are the complaints team's."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from redress.accounts.models import Role
from redress.cases.permissions import role_of
from redress.reporting.scope import can_view_reports, services_for
from redress.trends.models import TrendAlert


def can_see_alerts(user: Any) -> bool:
    return can_view_reports(user)


def alerts_visible_to(user: Any) -> QuerySet[TrendAlert]:
    if not can_see_alerts(user):
        return TrendAlert.objects.none()
    alerts = TrendAlert.objects.all()
    if role_of(user) == Role.MANAGER:
        alerts = alerts.filter(service__in=services_for(user))
    return alerts
