"""Reads the API makes on a caller's behalf: every case through ``cases_visible_to``."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import F, Q
from ninja.errors import HttpError

from redress.accounts.models import User
from redress.api.serialise import case_prefetched
from redress.cases.models import Case, CaseStage, Category, Service
from redress.cases.selectors import (
    cases_visible_to,
    stages_of,
    with_current_stage,
    with_detail_relations,
)
from redress.core.errors import InvalidInput

REFERENCE = re.compile(r"^[A-Za-z]{3}-\d{4}-\d{1,12}$")
NOT_FOUND = "There is no case with that reference that you can see."
MAX_ROW_ID = 2**63 - 1


def is_row_id(pk: int) -> bool:
    """Whether ``pk`` could be a row's id: asking for one beyond a database integer would
    overflow on PostgreSQL rather than find nothing."""
    return 0 < pk <= MAX_ROW_ID


def visible_case(user: Any, reference: str) -> Case:
    """The case, or 404 whether it is missing or hidden from this user: the two look alike."""
    case = None
    if REFERENCE.match(reference):
        case = (
            with_detail_relations(cases_visible_to(user))
            .prefetch_related(*case_prefetched())
            .filter(reference=reference.upper())
            .first()
        )
    if case is None:
        raise HttpError(404, NOT_FOUND)
    return with_current_stage(case)


def fresh_case(case: Case) -> tuple[Case, list[CaseStage]]:
    """The case as it is now in the database, with its stages, after an action changed it."""
    case = (
        with_detail_relations(Case.objects.all())
        .prefetch_related(*case_prefetched())
        .get(pk=case.pk)
    )
    return with_current_stage(case), stages_of(case)


def service_by_slug(slug: str) -> Service:
    service = Service.objects.filter(slug=slug).first()
    if service is None:
        raise InvalidInput.for_field("service", f"There is no service area {slug!r}.")
    return service


def category_for(value: int | str | None, service: Service) -> Category | None:
    """A category by id, or by name preferring the service's own over a shared one."""
    if value is None:
        return None
    usable = Category.objects.filter(Q(service=service) | Q(service__isnull=True), is_active=True)
    if isinstance(value, int):
        found = usable.filter(pk=value).first() if is_row_id(value) else None
    else:
        own_first = F("service_id").asc(nulls_last=True)
        found = usable.filter(name__iexact=value.strip()).order_by(own_first).first()
    if found is None:
        raise InvalidInput.for_field(
            "category", f"There is no active category {value!r} for the service area {service}."
        )
    return found


def active_user(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise InvalidInput.for_field("handler", f"There is no active user {username!r}.")
    return user
