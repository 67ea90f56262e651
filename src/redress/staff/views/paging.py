"""Pages of the Find cases list, read ids first so deep pages stay quick at scale."""

from __future__ import annotations

from django.db.models import QuerySet

from redress.cases.models import Case
from redress.cases.search import apply_text_search, walk_matches
from redress.staff.queries import COUNT_CAP, MAX_PAGE, PAGE_SIZE, Page, rows_in_order


def page_ids(cases: QuerySet[Case], number: int) -> list[int]:
    """The ids on page ``number`` (and one more, to tell if there is a next page).

    Only the ordered filter is walked here, on the queue index, so skipping 5,000 rows costs
    5,000 index entries, not 5,000 joins with person, service, stage and handler.
    """
    start = (number - 1) * PAGE_SIZE
    return list(cases.values_list("pk", flat=True)[start : start + PAGE_SIZE + 1])


def page_of(cases: QuerySet[Case], number: int, text: str = "") -> Page:
    """One page of ``cases`` (ordered, not yet searched) narrowed to those matching ``text``:
    its ids, their rows and a capped count, in three queries whatever its number; for a
    broad search, found by walking the order (``cases.search.walk_matches``); for any other
    search, in two (``_searched_page``)."""
    number = max(1, min(number, MAX_PAGE))
    walked = _walked_page(cases, number, text) if text else None
    if walked is not None:
        return walked
    if text.strip():
        # A text not walked is one the walk found too rare (or an exact reference or email).
        return _searched_page(apply_text_search(cases, text, index_first=True), number)
    ids = page_ids(cases, number)
    total = cases.order_by().values("pk")[: COUNT_CAP + 1].count()
    return Page(
        number=number,
        rows=rows_in_order(ids[:PAGE_SIZE]),
        has_next=len(ids) > PAGE_SIZE and number < MAX_PAGE,
        total=min(total, COUNT_CAP),
        total_capped=total > COUNT_CAP,
    )


def _walked_page(cases: QuerySet[Case], number: int, text: str) -> Page | None:
    """The page from the first matches in order. Its count is exact when every candidate was
    examined, and otherwise the matches found so far: "at least" that many."""
    start = (number - 1) * PAGE_SIZE
    walked = walk_matches(cases, text, want=start + PAGE_SIZE + 1)
    if walked is None:
        return None
    ids = walked.ids[start:]
    return Page(
        number=number,
        rows=rows_in_order(ids[:PAGE_SIZE]),
        has_next=len(ids) > PAGE_SIZE and number < MAX_PAGE,
        total=walked.matched,
        total_capped=False,
        total_at_least=not walked.exact,
    )


def _searched_page(matches: QuerySet[Case], number: int) -> Page:
    """A page of a search read from its index: the matches' ids in order, up to the count's
    cap, in one query, sliced for the page and counted. A page and a count would each find
    and join every match ("Reeves", 2,909 cases at 1,000,000: 12 and 10 ms on PostgreSQL).
    The cap covers the last page (``MAX_PAGE`` pages of ``PAGE_SIZE``), so no page is lost."""
    ids = list(matches.values_list("pk", flat=True)[: COUNT_CAP + 1])
    start = (number - 1) * PAGE_SIZE
    return Page(
        number=number,
        rows=rows_in_order(ids[start : start + PAGE_SIZE]),
        has_next=len(ids) > start + PAGE_SIZE and number < MAX_PAGE,
        total=min(len(ids), COUNT_CAP),
        total_capped=len(ids) > COUNT_CAP,
    )
