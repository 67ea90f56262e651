"""A council with two service areas and weeks of cases to count.

One case per scope is logged through the service functions; the rest are copies of it with
their own reference and date (``Case.objects.bulk_create``), which is all the counting reads
and keeps a 13-week series quick to build."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pytest

from redress.accounts.models import Role, User
from redress.calendars.clock import LONDON
from redress.cases.models import Case, Category, Service
from redress.core import clock
from tests.factories import CategoryFactory, ServiceFactory, UserFactory, make_case

TODAY = dt.date(2026, 12, 2)  # a Wednesday
WEEK = dt.date(2026, 11, 23)  # the last complete week: Monday 23 to Sunday 29 November
QUIET = [4, 6, 5, 3, 5, 4, 6, 5, 4, 5, 6, 4]  # 12 weeks, 57 cases: 4.75 a week


def monday(weeks_before: int) -> dt.date:
    return WEEK - dt.timedelta(weeks=weeks_before)


@dataclass
class Council:
    waste: Service
    parks: Service
    bins: Category
    officer: User
    head: User  # a manager, head of Waste and recycling
    parks_manager: User
    responder: User


@pytest.fixture
def pinned_today():
    with clock.pinned(dt.datetime.combine(TODAY, dt.time(9), tzinfo=LONDON)):
        yield TODAY


@pytest.fixture
def council(db) -> Council:
    waste = ServiceFactory(name="Waste and recycling", slug="waste")
    parks = ServiceFactory(name="Parks", slug="parks")
    head = UserFactory(username="head", role=Role.MANAGER, services=[waste])
    waste.head = head
    waste.save()
    return Council(
        waste=waste,
        parks=parks,
        bins=CategoryFactory(name="Missed collection", service=waste),
        officer=UserFactory(username="officer", role=Role.COMPLAINTS_OFFICER),
        head=head,
        parks_manager=UserFactory(username="parksmanager", role=Role.MANAGER, services=[parks]),
        responder=UserFactory(username="responder", role=Role.SERVICE_RESPONDER, services=[waste]),
    )


def log_weeks(
    by: User,
    counts: Sequence[int],
    *,
    service: Service,
    category: Category | None = None,
    address: str = "",
    week: dt.date = WEEK,
    serial: list[int] | None = None,
) -> Case:
    """``counts[i]`` cases received on the Tuesday of each week, the last in ``week``."""
    serial = serial if serial is not None else [Case.objects.count()]
    first = week - dt.timedelta(weeks=len(counts) - 1) + dt.timedelta(days=1)
    model = make_case(
        service=service,
        category=category,
        by=by,
        received_at=dt.datetime.combine(first, dt.time(10), tzinfo=LONDON),
        person={"name": "Pat Example", "email": "pat@example.com", "address": address},
    )
    copies = []
    for i, n in enumerate(counts):
        day = first + dt.timedelta(weeks=i)
        for _ in range(n - (1 if i == 0 else 0)):
            serial[0] += 1
            copy = Case.objects.get(pk=model.pk)
            copy.pk = None
            copy.reference = f"TST-{serial[0]:07d}"
            copy.received_on = day
            copy.received_at = dt.datetime.combine(day, dt.time(10), tzinfo=LONDON)
            copy.current_stage = None
            copies.append(copy)
    if counts[0] == 0:
        Case.objects.filter(pk=model.pk).delete()
    Case.objects.bulk_create(copies)
    return model


Weeks = Callable[..., Case]


@pytest.fixture
def weeks(council) -> Weeks:
    """``weeks(counts, service=..., category=..., address=...)``, by the officer, the service
    area Waste and recycling unless another is given."""
    serial = [0]

    def build(counts: Sequence[int], *, service: Service | None = None, **more: object) -> Case:
        return log_weeks(
            council.officer, counts, service=service or council.waste, serial=serial, **more
        )

    return build


@pytest.fixture
def alerts(council, weeks, pinned_today):
    """A bins category spike at one address and a parks spike, found: by (kind, key)."""
    from redress.trends.detect import find_trends
    from redress.trends.models import TrendAlert

    weeks([*QUIET, 19], category=council.bins, address="1 High St\nSE15 4QT")
    weeks([*QUIET, 18], service=council.parks)
    find_trends()
    return {(a.scope_kind, a.scope_key): a for a in TrendAlert.objects.all()}
