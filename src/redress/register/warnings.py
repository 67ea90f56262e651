"""What staff are told about the register: that contact restrictions apply, what they are and
who the named contact is, and a warning before visiting an address on the register. Never
the behaviour, the reasons, appeals or anything else of the entry.

Only the columns shown are read from the database (``values``), so nothing confidential is
loaded on a case page at all. These are shown to anyone who can see the case: the caller has
already found the case through ``cases_visible_to``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from redress.accounts.models import User
from redress.cases.models import Case, Person
from redress.core import clock
from redress.register.addresses import address_key
from redress.register.models import Restriction, RestrictionKind
from redress.register.selectors import concerning, in_force


@dataclass(frozen=True)
class ShownRestriction:
    kind: str
    label: str
    detail: str


@dataclass(frozen=True)
class ContactWarning:
    entry_id: int
    restrictions: list[ShownRestriction]
    contact: str
    contact_username: str
    review_on: dt.date


@dataclass(frozen=True)
class VisitWarning:
    address: str
    contact: str
    advice: str


def _names(ids: set[int]) -> dict[int, tuple[str, str]]:
    users = User.objects.filter(pk__in=ids)
    return {u.pk: (u.display_name, u.username) for u in users}


def contact_warnings(person: Person, today: dt.date | None = None) -> list[ContactWarning]:
    rows = list(
        in_force(today or clock.today())
        .filter(concerning(person))
        .distinct()
        .order_by("starts_on", "pk")
        .values("pk", "contact_id", "review_on")
    )
    if not rows:
        return []
    restrictions: dict[int, list[ShownRestriction]] = {row["pk"]: [] for row in rows}
    for kind, detail, entry_id in (
        Restriction.objects.filter(entry_id__in=list(restrictions))
        .order_by("id")
        .values_list("kind", "detail", "entry_id")
    ):
        label = RestrictionKind(kind).label
        restrictions[entry_id].append(ShownRestriction(kind, label, detail))
    names = _names({row["contact_id"] for row in rows})
    return [
        ContactWarning(
            entry_id=row["pk"],
            restrictions=restrictions[row["pk"]],
            contact=names[row["contact_id"]][0],
            contact_username=names[row["contact_id"]][1],
            review_on=row["review_on"],
        )
        for row in rows
    ]


def visit_warnings(person: Person, today: dt.date | None = None) -> list[VisitWarning]:
    key = address_key(person.address)
    if not key:
        return []
    rows = list(
        in_force(today or clock.today())
        .filter(address_key=key)
        .order_by("pk")
        .values("contact_id", "visit_advice")
    )
    names = _names({row["contact_id"] for row in rows})
    return [
        VisitWarning(
            address=person.address,
            contact=names[row["contact_id"]][0],
            advice=row["visit_advice"],
        )
        for row in rows
    ]


def contact_restrictions_data(case: Case) -> list[dict[str, Any]]:
    """The API case detail's ``contact_restrictions``: each restriction in force on the
    case's person, with its detail and the named contact's username, and nothing else."""
    return [
        {"kind": shown.kind, "detail": shown.detail, "contact": warning.contact_username}
        for warning in contact_warnings(case.person)
        for shown in warning.restrictions
    ]
