"""My work's follow-up section and the page of remedies and actions overdue: what is overdue
or due this week across the cases a person oversees (every case for the complaints team, their
service areas' for a manager), and how many remedies and outstanding actions are overdue among
them, each count opening its list. Other roles see the remedies and actions they own, listed on
My work itself. Everything keeps to the visibility rule (``cases.selectors``)."""

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

SHOWN = 10  # on My work, the longest overdue of those a person owns
LISTED = 50  # on the page of them all, the longest overdue: a list page's length
# Overdue remedies and actions are counted up to this many, the two together. Each counted row
# is checked against its case's visibility; beyond a few hundred the exact number says no more
# than "a great many", and counting them all would cost My work more than its lists.
OVERDUE_COUNT_CAP = 200


@dataclass(frozen=True)
class Scope:
    """Whose remedies and actions a person follows up, and whether they oversee cases."""

    title: str
    overseen: bool  # the complaints team and managers: counts of cases too
    areas: list[int] | None  # None: every service area the person may see
    items: Q | None  # the remedies and actions followed up, or None for none


@dataclass(frozen=True)
class Overdue:
    items: list[Any]  # longest overdue first, each with ``what`` and ``owner_text``
    count: int
    capped: bool = False  # at least ``count``: the count stopped

    @property
    def partial(self) -> bool:
        """Only the longest overdue are listed."""
        return self.count > len(self.items)

    @property
    def number(self) -> str:
        """ "12", or "400 or more" when the count stopped."""
        return f"{self.count:,} or more" if self.capped else f"{self.count:,}"

    @property
    def noun(self) -> str:
        """What agrees with ``number``: "1 remedy or action", "2 remedies and actions"."""
        return "remedy or action" if self.count == 1 and not self.capped else "remedies and actions"


@dataclass(frozen=True)
class FollowUps:
    title: str
    overseen: bool
    overdue_cases: int
    due_this_week: int
    overdue: Overdue


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


def scope_of(user: Any) -> Scope | None:
    role = role_of(user)
    if not role:
        return None
    areas = None
    if role in OFFICE_ROLES:
        title, mine = "Across the council", Q()
    elif role == Role.MANAGER:
        title, mine, areas = "Across your service areas", Q(), list(service_ids_of(user))
    else:
        title, mine = "Remedies and actions you own", Q(owner=user)
    # Each row is held to its own case's columns, joined, rather than ``case IN (every case
    # in scope)``: SQLite would list a million case ids first.
    in_scope = visible_case_condition(user, "case_id")
    if in_scope is not None and areas is not None:
        in_scope &= Q(case__service_id__in=areas)
    overseen = role in OFFICE_ROLES or role == Role.MANAGER
    return Scope(title, overseen, areas, None if in_scope is None else in_scope & mine)


def follow_ups_for(user: Any, today: dt.date) -> FollowUps | None:
    """My work's section. For those who oversee cases: how many are overdue and due this week,
    and how many remedies and actions are overdue, each count opening its list (the council's
    could run to hundreds, and the page of them lists them). For everyone else: the remedies
    and actions they own, longest overdue first."""
    scope = scope_of(user)
    if scope is None:
        return None
    if not scope.overseen:
        return FollowUps(
            title=scope.title,
            overseen=False,
            overdue_cases=0,
            due_this_week=0,
            overdue=overdue_items(scope, today, SHOWN),
        )
    cases = cases_visible_to(user)
    if scope.areas is not None:
        cases = cases.filter(service_id__in=scope.areas)
    counts = cases.filter(status=Status.OPEN, next_due_on__lte=end_of_week(today)).aggregate(
        overdue=Count("pk", filter=Q(next_due_on__lt=today)),
        week=Count("pk", filter=Q(next_due_on__gte=today)),
    )
    return FollowUps(
        title=scope.title,
        overseen=True,
        overdue_cases=counts["overdue"],
        due_this_week=counts["week"],
        overdue=_counted_only(scope.items, today),
    )


def _counted_only(in_scope: Q | None, today: dt.date) -> Overdue:
    count, capped = _count_overdue(in_scope, today)
    return Overdue(items=[], count=count, capped=capped)


def overdue_items(scope: Scope, today: dt.date, shown: int) -> Overdue:
    """The ``shown`` remedies and actions longest overdue in ``scope``, and how many there
    are, counted up to ``OVERDUE_COUNT_CAP`` when there are more than are shown."""
    remedies = list(_shown(_overdue(Remedy, scope.items, today))[:shown])
    actions = list(_shown(_overdue(OutstandingAction, scope.items, today))[:shown])
    if len(remedies) < shown and len(actions) < shown:
        count, capped = len(remedies) + len(actions), False
    else:
        count, capped = _count_overdue(scope.items, today)
    items = sorted([*remedies, *actions], key=lambda item: (item.due_on, item.case_id))[:shown]
    for item in items:
        item.owner_text = owner_label(item)
        item.what = (
            item.get_type_display() if isinstance(item, Remedy) else f"Action: {item.description}"
        )
    return Overdue(items=items, count=count, capped=capped)


def _overdue(model: Any, in_scope: Q | None, today: dt.date) -> QuerySet[Any]:
    if in_scope is None:
        nothing: QuerySet[Any] = model.objects.none()
        return nothing
    overdue: QuerySet[Any] = model.objects.filter(in_scope, done_on=None, due_on__lt=today)
    return overdue


def _shown(rows: QuerySet[Any]) -> QuerySet[Any]:
    """Longest overdue first, with what the table shows."""
    fields = (*SHOWN_FIELDS, "type") if rows.model is Remedy else SHOWN_FIELDS
    return (
        rows.select_related("case", "owner", "owner_service").only(*fields).order_by("due_on", "pk")
    )


def _count_overdue(in_scope: Q | None, today: dt.date) -> tuple[int, bool]:
    """How many remedies and actions are overdue, up to ``OVERDUE_COUNT_CAP``, and whether
    there are more: the two kinds in one query, which stops one past the cap."""
    if in_scope is None:
        return 0, False
    remedies = _overdue(Remedy, in_scope, today).order_by().values("pk")
    actions = _overdue(OutstandingAction, in_scope, today).order_by().values("pk")
    counted = remedies.union(actions, all=True)[: OVERDUE_COUNT_CAP + 1].count()
    return min(counted, OVERDUE_COUNT_CAP), counted > OVERDUE_COUNT_CAP
