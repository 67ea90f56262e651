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

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from redress.cases.models import Case, Person
from redress.core import clock
from redress.register.addresses import address_key
from redress.register.models import RegisterEntry, Restriction, RestrictionKind
from redress.register.selectors import in_force


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


def _about(person: Person) -> Q:
    """Entries about the person: linked to this record (a subquery, so a row is never
    repeated) or with the same email address, so a case logged after the entry is covered."""
    linked = RegisterEntry.people.through.objects.filter(
        registerentry_id=OuterRef("pk"), person_id=person.pk
    )
    about = Q(Exists(linked))
    if person.email:
        about |= Q(email=person.email.strip().lower())
    return about


def _name(row: dict[str, Any]) -> str:
    full = f"{row['contact__first_name']} {row['contact__last_name']}".strip()
    return full or row["contact__username"]


def case_warnings(
    person: Person, today: dt.date | None = None
) -> tuple[list[ContactWarning], list[VisitWarning]]:
    """The contact warnings and visit warnings for a case's person, in one query (two when
    there are restrictions to list)."""
    about = _about(person)
    key = address_key(person.address)
    rows = list(
        in_force(today or clock.today())
        .filter(about | Q(address_key=key) if key else about)
        .annotate(about=ExpressionWrapper(about, output_field=BooleanField()))
        .order_by("starts_on", "pk")
        .values(
            "pk",
            "about",
            "address_key",
            "review_on",
            "visit_advice",
            "contact__username",
            "contact__first_name",
            "contact__last_name",
        )
    )
    about_rows = [row for row in rows if row["about"]]
    restrictions: dict[int, list[ShownRestriction]] = {row["pk"]: [] for row in about_rows}
    if about_rows:
        for kind, detail, entry_id in (
            Restriction.objects.filter(entry_id__in=list(restrictions))
            .order_by("id")
            .values_list("kind", "detail", "entry_id")
        ):
            label = RestrictionKind(kind).label
            restrictions[entry_id].append(ShownRestriction(kind, label, detail))
    contacts = [
        ContactWarning(
            entry_id=row["pk"],
            restrictions=restrictions[row["pk"]],
            contact=_name(row),
            contact_username=row["contact__username"],
            review_on=row["review_on"],
        )
        for row in about_rows
    ]
    visits = [
        VisitWarning(address=person.address, contact=_name(row), advice=row["visit_advice"])
        for row in rows
        if key and row["address_key"] == key
    ]
    return contacts, visits


def contact_restrictions_data(case: Case) -> list[dict[str, Any]]:
    """The API case detail's ``contact_restrictions``: each restriction in force on the
    case's person, with its detail and the named contact's username, and nothing else."""
    contacts, _ = case_warnings(case.person)
    return [
        {"kind": shown.kind, "detail": shown.detail, "contact": warning.contact_username}
        for warning in contacts
        for shown in warning.restrictions
    ]
