"""What the data protection pages share: the one permission check and plain paging."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from redress.cases.permissions import can_manage_personal_data
from redress.staff.views.common import forbidden

PAGE_SIZE = 50
MAX_PAGE = 2000


def refuse_unless_allowed(request: HttpRequest) -> HttpResponse | None:
    if can_manage_personal_data(request.user):
        return None
    return forbidden(request, "Only administrators can manage erasure and retention.")


@dataclass
class Page:
    rows: list[Any]
    number: int
    has_next: bool


def page_of(rows: QuerySet[Any], request: HttpRequest) -> Page:
    """One page of an ordered queryset: PAGE_SIZE rows and one more to tell if there is a
    next page, so no count of a large table is needed."""
    try:
        number = max(1, min(int(request.GET.get("page", "1")), MAX_PAGE))
    except ValueError:
        number = 1
    start = (number - 1) * PAGE_SIZE
    found = list(rows[start : start + PAGE_SIZE + 1])
    return Page(rows=found[:PAGE_SIZE], number=number, has_next=len(found) > PAGE_SIZE)
