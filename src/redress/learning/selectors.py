"""Who sees which learning actions, and who may update one.

A learning action on a case is seen exactly by those who may see the case: its lesson is
about the case, so it goes through ``within_visible_cases`` like everything else hanging off
a case. One without a case (raised from a trend alert) names no case or person; it is seen by
the complaints team and by those who answer for its service area."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from redress.accounts.models import Role
from redress.cases.permissions import OFFICE_ROLES, role_of, service_ids_of
from redress.cases.visibility import within_visible_cases
from redress.learning.models import OPEN_STATUSES, LearningAction


def _answers_for(user: Any) -> Q:
    """The actions of the service areas this person answers for: as head of service, as
    one of their service areas, or as owner."""
    return Q(service__head=user) | Q(service_id__in=service_ids_of(user)) | Q(owner=user)


def learning_visible_to(user: Any) -> QuerySet[LearningAction]:
    role = role_of(user)
    if not role:
        return LearningAction.objects.none()
    rows = within_visible_cases(LearningAction.objects.all(), user)
    if role not in OFFICE_ROLES:
        rows = rows.filter(Q(case__isnull=False) | _answers_for(user))
    return rows


def may_update(user: Any, action: LearningAction) -> bool:
    """The complaints team, the owner, the head of the owning service area and its managers;
    only on an action they may see (the caller looks it up through ``learning_visible_to``)."""
    role = role_of(user)
    if role in OFFICE_ROLES:
        return True
    if not role:
        return False
    if action.owner_id == user.pk or action.service.head_id == user.pk:
        return True
    return role == Role.MANAGER and action.service_id in service_ids_of(user)


def for_my_work(user: Any) -> QuerySet[LearningAction]:
    """The open learning of the service areas this person heads or manages, or owns."""
    mine = Q(service__head=user) | Q(owner=user)
    if role_of(user) == Role.MANAGER:
        mine |= Q(service_id__in=service_ids_of(user))
    rows = learning_visible_to(user).filter(mine, status__in=OPEN_STATUSES)
    return rows.select_related("case", "service", "owner").order_by("due_on", "id")


# What My work's table shows of each action (learning/includes/table.html), so its case and
# owner are not built whole. tests/staff/test_my_work_reads.py fails if one is left out.
TABLE_FIELDS = (
    "id",
    "change",
    "due_on",
    "status",
    "case__reference",
    "service__name",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
)


def overdue(rows: QuerySet[LearningAction], today: dt.date) -> QuerySet[LearningAction]:
    return rows.filter(status__in=OPEN_STATUSES, due_on__lt=today)


def learning_filtered(
    user: Any,
    today: dt.date,
    *,
    service: str = "",
    directorate: str = "",
    status: str = "",
    only_overdue: bool = False,
) -> QuerySet[LearningAction]:
    """The learning list and the API's: what ``user`` may see, filtered by slugs and status,
    soonest due first (the open-by-due-date index)."""
    rows = learning_visible_to(user)
    if service:
        rows = rows.filter(service__slug=service)
    if directorate:
        rows = rows.filter(service__directorate__slug=directorate)
    if status:
        rows = rows.filter(status=status)
    if only_overdue:
        rows = overdue(rows, today)
    return rows.order_by("due_on", "id")
