"""The reads behind the staff lists: My work and Find cases. All start from
``cases_visible_to`` and keep to the Case queue indexes; pages are bounded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import Combinable

from redress.accounts.models import Role
from redress.cases.kinds import Status
from redress.cases.models import Case, CaseStage
from redress.cases.permissions import OFFICE_ROLES, role_of, service_ids_of
from redress.cases.search import apply_text_search
from redress.cases.selectors import cases_visible_to
from redress.cases.timeliness import answered_late
from redress.cases.visibility import drafts_visible_to
from redress.core.counting import counted_alongside
from redress.procedures.definitions import HandledBy
from redress.staff.models import DraftState, ResponseDraft

PAGE_SIZE = 50
MAX_PAGE = 200  # 10,000 rows: beyond that, narrowing the filter is quicker than paging
COUNT_CAP = 10_000
QUEUE_LENGTH = 10  # the soonest due in each queue; "See all" opens the full list

LIST_RELATED = ("person", "service", "current_stage", "current_handler", "procedure_version")
# Only what the list's table and its deadlines read: building each row's seven models whole
# (their dates parsed, the procedure's definition decoded) was half the cost of a page.
# test_queries_per_page_do_not_grow_with_its_length fails if a list reads a field left out.
LIST_FIELDS = (
    "id",
    "reference",
    "summary",
    "kind",
    "status",
    "next_due_on",
    "person__name",
    "service__name",
    "current_stage__key",
    "current_stage__name",
    "current_stage__acknowledge_due",
    "current_stage__acknowledged_on",
    "current_stage__response_due",
    "current_stage__responded_on",
    "current_handler__first_name",
    "current_handler__last_name",
    "current_handler__username",
    "procedure_version__id",
    "procedure_version__created_at",
)

SORTS: dict[str, tuple[str | Combinable, ...]] = {
    "due": (F("next_due_on").asc(nulls_last=True), "id"),
    "received": ("-received_on", "-id"),
    "oldest": ("received_on", "id"),
    "reference": ("reference",),
}


def by_deadline(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.order_by(*SORTS["due"])


def queue_counts(cases: QuerySet[Case], today: dt.date) -> dict[str, int]:
    """Total, overdue and due today, in one aggregate query."""
    return cases.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(next_due_on__lt=today)),
        due_today=Count("pk", filter=Q(next_due_on=today)),
    )


@dataclass
class Queue:
    title: str
    cases: list[Case]
    counts: dict[str, int]
    more_url: str


def my_queues(user: Any, today: dt.date) -> list[Queue]:
    """The cases waiting on the user, then those waiting on their team, soonest due first.
    Each queue's ids are found on its own index; the rows of both are read in one query."""
    visible = cases_visible_to(user).filter(status=Status.OPEN)
    wanted = [("Assigned to you", visible.filter(current_handler=user), "handler=me")]
    team = _team_cases(user, visible)
    if team is not None:
        wanted.append(("Waiting for someone to pick up", team, "handler=none"))
    ids = [
        list(by_deadline(cases).values_list("pk", flat=True)[:QUEUE_LENGTH])
        for _, cases, _ in wanted
    ]
    rows = rows_in_order([pk for queue in ids for pk in queue])
    by_id = {case.pk: case for case in rows}
    return [
        _queue(title, cases, [by_id[pk] for pk in queue if pk in by_id], today, more)
        for (title, cases, more), queue in zip(wanted, ids, strict=True)
    ]


def _team_cases(user: Any, visible: QuerySet[Case]) -> QuerySet[Case] | None:
    role = role_of(user)
    unassigned = visible.filter(current_handler__isnull=True)
    if role in OFFICE_ROLES:
        return unassigned
    if role in (Role.SERVICE_RESPONDER, Role.MANAGER):
        # The team's queue is its service areas' cases. A case the user once handled in
        # another area stays visible to them but is not their team's to pick up; and naming
        # the areas lets the databases read the (service, status, due) index instead of
        # testing "in my areas or handled by me" on every open case.
        return unassigned.filter(service_id__in=service_ids_of(user))
    if role == Role.INVESTIGATOR:
        return unassigned.filter(current_stage__handled_by=HandledBy.INDEPENDENT)
    return None


def rows_in_order(ids: list[int]) -> list[Case]:
    """Those cases with what the lists show joined, in the order of ``ids``.

    Lists find their ids first on the queue indexes and join only the rows they show: joining
    before the top-N sort would join every candidate (thousands at scale) and plan a many-way
    join over the whole filter.
    """
    if not ids:
        return []
    found = Case.objects.select_related(*LIST_RELATED).only(*LIST_FIELDS).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _queue(title: str, cases: QuerySet[Case], rows: list[Case], today: dt.date, more: str) -> Queue:
    # A queue shorter than the list is all there: count its rows rather than query again.
    counts = queue_counts(cases, today) if len(rows) == QUEUE_LENGTH else _counted(rows, today)
    return Queue(title=title, cases=rows, counts=counts, more_url=f"?{more}&status=open&sort=due")


def _counted(rows: list[Case], today: dt.date) -> dict[str, int]:
    """``queue_counts`` of a whole queue already read."""
    due = [case.next_due_on for case in rows if case.next_due_on is not None]
    return {
        "total": len(rows),
        "overdue": sum(1 for day in due if day < today),
        "due_today": sum(1 for day in due if day == today),
    }


# What My work's draft lists show, so a draft's case, stage and author are not built whole.
# tests/staff/test_my_work_reads.py fails if a list reads a column left out.
DRAFT_FIELDS = ("id", "updated_at", "case__reference", "stage__name")
AUTHOR_FIELDS = ("author__first_name", "author__last_name", "author__username")


DRAFTS_SHOWN = 10  # waiting longest; dealing with them brings up the next


@dataclass
class DraftList:
    count: int
    shown: Sequence[ResponseDraft]


def drafts_to_review(user: Any) -> DraftList:
    """Drafts others submitted, for the complaints team to review: how many, and the ones
    waiting longest."""
    if role_of(user) not in OFFICE_ROLES:
        return DraftList(count=0, shown=[])
    waiting = drafts_visible_to(user).filter(state=DraftState.SUBMITTED).exclude(author=user)
    return _waiting_longest(waiting.select_related("author"), AUTHOR_FIELDS)


def drafts_returned_to(user: Any) -> DraftList:
    """The user's own drafts, returned with comments: how many, and the ones waiting longest."""
    returned = drafts_visible_to(user).filter(author=user, state=DraftState.RETURNED)
    return _waiting_longest(returned, ())


def _waiting_longest(drafts: QuerySet[ResponseDraft], fields: tuple[str, ...]) -> DraftList:
    """The first ``DRAFTS_SHOWN`` by when they were last changed, and how many there are, in
    one query (each row carries the count)."""
    shown = list(
        drafts.select_related("case", "stage")
        .only(*DRAFT_FIELDS, *fields)
        .annotate(in_all=counted_alongside())
        .order_by("updated_at", "id")[:DRAFTS_SHOWN]
    )
    return DraftList(count=shown[0].in_all if shown else 0, shown=shown)


# --- Find cases -----------------------------------------------------------------------------


def filtered_cases(
    user: Any,
    params: dict[str, Any],
    today: dt.date,
    due_by: dt.date | None,
    *,
    search: bool = True,
) -> QuerySet[Case]:
    """Cases the user may see that match the cleaned filter, in the chosen order. With
    ``search`` false the text (``q``) is left for the caller to apply, as the list's pages do
    (``staff.views.paging.page_of``)."""
    cases = cases_visible_to(user)
    simple = {
        "kind": "kind",
        "status": "status",
        "channel": "channel",
        "service": "service",
        "category": "category",
        "stage": "current_stage__number",
    }
    for param, lookup in simple.items():
        value = params.get(param)
        if value not in (None, "", []):
            cases = cases.filter(**{lookup: value})
    handler = params.get("handler")
    if handler == "me":
        cases = cases.filter(current_handler=user)
    elif handler == "none":
        cases = cases.filter(current_handler__isnull=True)
    elif handler:
        cases = cases.filter(current_handler_id=handler)
    if params.get("received_from"):
        cases = cases.filter(received_on__gte=params["received_from"])
    if params.get("received_to"):
        cases = cases.filter(received_on__lte=params["received_to"])
    if params.get("at_stage"):
        at_stage = CaseStage.objects.filter(case=OuterRef("pk"), key=params["at_stage"])
        if params.get("late"):
            at_stage = at_stage.filter(answered_late(today))
        cases = cases.filter(Exists(at_stage))
    if params.get("overdue"):
        cases = cases.filter(next_due_on__lt=today)
    if due_by is not None:
        cases = cases.filter(next_due_on__gte=today, next_due_on__lte=due_by)
    if search:
        cases = apply_text_search(cases, params.get("q") or "")
    return cases.order_by(*SORTS.get(params.get("sort") or "due", SORTS["due"]))


@dataclass
class Page:
    number: int
    rows: list[Case]
    has_next: bool
    total: int
    total_capped: bool  # more than ``total`` (the count stopped at COUNT_CAP)
    total_at_least: bool = False  # ``total`` or more (a walked search stopped early)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.rows else 0

    @property
    def last_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + len(self.rows)
