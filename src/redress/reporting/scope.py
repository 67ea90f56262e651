"""Who may see reports, and which cases their figures count."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from redress.accounts.models import Role
from redress.cases.models import Case, Directorate, Service
from redress.cases.permissions import (
    FIGURES_ONLY_ROLES,
    OFFICE_ROLES,
    role_of,
    sees_figures_only,
    service_ids_of,
)
from redress.cases.selectors import cases_visible_to
from redress.reporting.periods import Period

REPORT_ROLES = OFFICE_ROLES | {Role.MANAGER} | FIGURES_ONLY_ROLES


def can_view_reports(user: Any) -> bool:
    return role_of(user) in REPORT_ROLES


def shows_cases(user: Any) -> bool:
    """Whether a report may link a figure to the cases it counts, or export them: not for an
    elected Member, who sees the figures only (``permissions.sees_figures_only``)."""
    return can_view_reports(user) and not sees_figures_only(user)


def can_edit_narrative(user: Any) -> bool:
    """The complaints team writes the self-assessment and the report's free text."""
    return role_of(user) in OFFICE_ROLES


def services_for(user: Any) -> QuerySet[Service]:
    """The services a user may choose in a report filter."""
    if role_of(user) == Role.MANAGER:
        return Service.objects.filter(pk__in=service_ids_of(user))
    if role_of(user) in OFFICE_ROLES or sees_figures_only(user):
        return Service.objects.all()
    return Service.objects.none()


def directorates_for(user: Any) -> QuerySet[Directorate]:
    """The directorates a user may choose in a report filter: those holding a service area
    they may choose."""
    return Directorate.objects.filter(services__in=services_for(user)).distinct().order_by("name")


def reportable_cases(
    user: Any, service: Service | None = None, directorate: Directorate | None = None
) -> QuerySet[Case]:
    """The cases a user's figures count: what they may see, and for managers their services;
    optionally of one service area, or of one directorate's."""
    if not can_view_reports(user):
        return Case.objects.none()
    if sees_figures_only(user):
        # What the figures store counts for everyone: every unrestricted case. Only counts
        # are made of them (the gate keeps a Member from every page that lists cases).
        cases = Case.objects.filter(restricted=False)
        return cases if service is None else cases.filter(service=service)
    cases = cases_visible_to(user)
    if role_of(user) == Role.MANAGER:
        cases = cases.filter(service_id__in=service_ids_of(user))
    if service is not None:
        cases = cases.filter(service=service)
    if directorate is not None:
        cases = cases.filter(service__directorate=directorate)
    return cases


def received_in(cases: QuerySet[Case], period: Period) -> QuerySet[Case]:
    return cases.filter(received_on__gte=period.start, received_on__lte=period.end)


def link_service(user: Any, chosen: Service | None) -> Service | None:
    """The service area a figure's link to Find cases should name: the one chosen, or a
    manager's only service area. Find cases shows a manager every case they can see, which
    can include cases they handled elsewhere; their reports count their own areas only."""
    if chosen is not None or role_of(user) != Role.MANAGER:
        return chosen
    areas = list(services_for(user)[:2])
    return areas[0] if len(areas) == 1 else None
