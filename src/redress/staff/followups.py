"""My work's follow-up section: what is overdue or due this week across the cases a person
oversees (every case for the complaints team, their service areas' for a manager), and the
remedies and outstanding actions overdue among them. Other roles see the remedies and actions
they own. Everything is read through ``cases_visible_to``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from redress.accounts.models import Role
from redress.cases.kinds import Status
from redress.cases.models import OutstandingAction, Remedy
from redress.cases.permissions import OFFICE_ROLES, role_of, service_ids_of
from redress.cases.selectors import cases_visible_to, visible_case_condition
from redress.cases.services.remedies import owner_label

SHOWN = 10  # the longest overdue
# Overdue remedies and actions are counted up to this many of each. Each counted row is
# checked against its case's visibility; beyond a few hundred the exact number says no more
# than "a great many", and counting them all would cost My work more than its lists.
OVERDUE_COUNT_CAP = 200


@dataclass(frozen=True)
class FollowUps:
    title: str
    overseen: bool
    overdue_cases: int
    due_this_week: int
    overdue_items: list[Any]
    overdue_item_count: int
    overdue_items_capped: bool = False  # at least ``overdue_item_count``: the count stopped


def end_of_week(today: dt.date) -> dt.date:
    """The Sunday ending today's week."""
    return today + dt.timedelta(days=6 - today.weekday())


# What the table shows of each remedy or action, so a row's case and owner are not built whole.
# tests/staff/test_my_work_reads.py fails if the table reads a column left out.
SHOWN_FIELDS = (
    "id",
    "case_id",
    "due_on",
    "description",
    "case__reference",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
    "owner_service__name",
)


def _overdue(model: Any, in_scope: Q | None, mine: Q, today: dt.date) -> QuerySet[Any]:
    # Each row is held to its own case's columns, joined (``in_scope``), rather than
    # ``case IN (every case in scope)``: SQLite would list a million case ids first.
    if in_scope is None:
        nothing: QuerySet[Any] = model.objects.none()
        return nothing
    fields = (*SHOWN_FIELDS, "type") if model is Remedy else SHOWN_FIELDS
    overdue: QuerySet[Any] = (
        model.objects.filter(mine, in_scope)
        .filter(done_on=None, due_on__lt=today)
        .select_related("case", "owner", "owner_service")
        .only(*fields)
        .order_by("due_on", "pk")
    )
    return overdue


def follow_ups_for(user: Any, today: dt.date) -> FollowUps | None:
    role = role_of(user)
    if not role:
        return None
    areas = None  # every service area the user may see
    if role in OFFICE_ROLES:
        title, mine = "Across the council", Q()
    elif role == Role.MANAGER:
        title, mine, areas = "Across your service areas", Q(), service_ids_of(user)
    else:
        title, mine = "Remedies and actions you own", Q(owner=user)
    overseen = role in OFFICE_ROLES or role == Role.MANAGER
    counts = {"overdue": 0, "week": 0}
    if overseen:
        scope = cases_visible_to(user)
        if areas is not None:
            scope = scope.filter(service_id__in=areas)
        counts = scope.filter(status=Status.OPEN, next_due_on__lte=end_of_week(today)).aggregate(
            overdue=Count("pk", filter=Q(next_due_on__lt=today)),
            week=Count("pk", filter=Q(next_due_on__gte=today)),
        )
    in_scope = visible_case_condition(user, "case_id")
    if in_scope is not None and areas is not None:
        in_scope &= Q(case__service_id__in=areas)
    remedies, remedy_count = _first_and_count(_overdue(Remedy, in_scope, mine, today))
    actions, action_count = _first_and_count(_overdue(OutstandingAction, in_scope, mine, today))
    items = sorted([*remedies, *actions], key=lambda item: (item.due_on, item.case_id))[:SHOWN]
    for item in items:
        item.owner_text = owner_label(item)
        item.what = (
            item.get_type_display() if isinstance(item, Remedy) else f"Action: {item.description}"
        )
    return FollowUps(
        title=title,
        overseen=overseen,
        overdue_cases=counts["overdue"],
        due_this_week=counts["week"],
        overdue_items=items,
        overdue_item_count=min(remedy_count, OVERDUE_COUNT_CAP)
        + min(action_count, OVERDUE_COUNT_CAP),
        overdue_items_capped=max(remedy_count, action_count) > OVERDUE_COUNT_CAP,
    )


def _first_and_count(rows: QuerySet[Any]) -> tuple[list[Any], int]:
    """The first rows shown, and how many there are: counted only when there are more, and
    then only up to one past ``OVERDUE_COUNT_CAP``."""
    first = list(rows[:SHOWN])
    if len(first) < SHOWN:
        return first, len(first)
    return first, rows.order_by()[: OVERDUE_COUNT_CAP + 1].count()
