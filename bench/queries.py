"""The reads the staff pages and the API make, each as a function returning how many rows it
fetched, and the main query for EXPLAIN."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from redress.accounts.models import User
from redress.cases.kinds import Status
from redress.cases.models import Case, Service
from redress.cases.search import apply_text_search
from redress.cases.selectors import case_detail, cases_visible_to, stages_of

PAGE_SIZE = 50
LIST_COLUMNS = ("person", "service", "current_stage", "current_handler")
Build = Callable[[], tuple[Callable[[], int], QuerySet[Case, Any] | None]]


def _user(username: str) -> User:
    # A fresh object each time, as each request loads the signed-in user afresh (so the
    # responder's service ids are read again too).
    return User.objects.get(username=username)


def _page(queryset: QuerySet[Case], page: int) -> QuerySet[Case]:
    start = (page - 1) * PAGE_SIZE
    return queryset.select_related(*LIST_COLUMNS).order_by("next_due_on", "id")[
        start : start + PAGE_SIZE
    ]


def ids_first(queryset: QuerySet[Case], page: int) -> list[Case]:
    """A deep page: find the page's 50 ids on the index alone, then join for those 50 only."""
    start = (page - 1) * PAGE_SIZE
    ordered = queryset.order_by("next_due_on", "id")
    ids = list(ordered.values_list("id", flat=True)[start : start + PAGE_SIZE])
    return list(
        Case.objects.select_related(*LIST_COLUMNS).filter(id__in=ids).order_by("next_due_on", "id")
    )


def case_list(username: str, service: Service, page: int) -> Build:
    """The Find cases page as the product reads it: the page's ids, then those rows joined."""

    def query() -> QuerySet[Case]:
        return cases_visible_to(_user(username)).filter(service=service, status=Status.OPEN)

    def ids_query() -> QuerySet[Case, int]:
        start = (page - 1) * PAGE_SIZE
        ordered = query().order_by("next_due_on", "id").values_list("id", flat=True)
        return ordered[start : start + PAGE_SIZE]

    # The plan shown by --explain is the walk for the ids, the part that grows with the page.
    return lambda: (lambda: len(ids_first(query(), page)), ids_query())


def case_list_joined(username: str, service: Service, page: int) -> Build:
    """The same page read in one query that joins every skipped row: kept for comparison."""

    def query() -> QuerySet[Case]:
        visible = cases_visible_to(_user(username))
        return _page(visible.filter(service=service, status=Status.OPEN), page)

    return lambda: (lambda: len(list(query())), query())


def overdue(username: str) -> Build:
    def query() -> QuerySet[Case]:
        visible = cases_visible_to(_user(username))
        today = timezone.localdate()
        return _page(visible.filter(status=Status.OPEN, next_due_on__lt=today), 1)

    return lambda: (lambda: len(list(query())), query())


def search(username: str, text: str) -> Build:
    def query() -> QuerySet[Case]:
        return _page(apply_text_search(cases_visible_to(_user(username)), text), 1)

    return lambda: (lambda: len(list(query())), query())


def detail(username: str, reference: str) -> Build:
    def run() -> int:
        case = case_detail(_user(username), reference)
        assert case is not None, f"{username} cannot see {reference}"
        stages = stages_of(case)
        events = list(case.events.select_related("actor").order_by("at", "id")[:200])
        correspondence = list(case.correspondence.order_by("happened_at", "id")[:100])
        return 1 + len(stages) + len(events) + len(correspondence)

    return lambda: (run, cases_visible_to(_user(username)).filter(reference=reference))


def _sample_case(service: Service) -> Case:
    """A case well inside the data, with a person whose surname is not rare."""
    middle = Case.objects.filter(service=service).order_by("id").values_list("id", flat=True)
    count = middle.count()
    pk = middle[count // 2]
    return Case.objects.select_related("person").get(pk=pk)


def scenarios() -> list[tuple[str, str, Build]]:
    housing = Service.objects.get(name="Housing")
    sample = _sample_case(housing)
    surname = sample.person.name.split()[-1]
    found: list[tuple[str, str, Build]] = []
    for username in ("officer", "responder"):
        found += [
            ("list: Housing, open, page 1", username, case_list(username, housing, 1)),
            ("list: Housing, open, page 100", username, case_list(username, housing, 100)),
            ("overdue queue, page 1", username, overdue(username)),
            (f"search: surname ({surname})", username, search(username, surname)),
            (
                f"search: full name ({sample.person.name})",
                username,
                search(username, sample.person.name),
            ),
            ("search: words (damp bedroom)", username, search(username, "damp bedroom")),
            ("search: email", username, search(username, sample.person.email or surname)),
            ("search: reference", username, search(username, sample.reference)),
            ("case detail", username, detail(username, sample.reference)),
        ]
    for username in ("officer", "responder"):
        found.append(
            (
                "list page 100, joined in one query (previous)",
                username,
                case_list_joined(username, housing, 100),
            )
        )
    return found


__all__: list[Any] = ["scenarios"]
