"""Who may read the register, and every read of it.

The register is for the governance group alone: ``is_member`` is the one rule, used by the
pages, the API and the admin. Anyone else, administrators and superusers included, is told
there is nothing there ("not found"), exactly as for an entry that does not exist. Every read
of an entry goes through ``read_entry`` or ``read_entries``, which log who looked, when and how.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from redress.accounts.governance import in_governance_group
from redress.cases.models import Person
from redress.cases.visibility import people_visible_to
from redress.core import clock
from redress.register.models import (
    EntryRead,
    EntryStatus,
    ReadVia,
    RegisterEntry,
)


def is_member(user: Any) -> bool:
    """Whether ``user`` is an active member of the governance group (the rule lives in
    ``accounts.governance``, which two-factor sign-in asks too)."""
    return in_governance_group(user)


def entries_for(user: Any) -> QuerySet[RegisterEntry]:
    """Every entry for a member of the group, none for anyone else. Reading one is logged by
    the caller through ``read_entry`` or ``read_entries``."""
    if not is_member(user):
        return RegisterEntry.objects.none()
    return RegisterEntry.objects.select_related("contact", "recorded_by").prefetch_related(
        "restrictions"
    )


def log_reads(user: Any, entries: list[RegisterEntry], via: str) -> None:
    if entries:
        now = clock.now()
        EntryRead.objects.bulk_create(
            [EntryRead(entry=entry, who=user, at=now, via=via) for entry in entries]
        )


def read_entry(user: Any, pk: int, via: str = ReadVia.PAGE) -> RegisterEntry | None:
    """The entry, with the read logged; None when it does not exist or the user is not a
    member, so the two look alike."""
    if not 0 < pk < 2**63:  # beyond a database integer: no row's id
        return None
    entry = entries_for(user).filter(pk=pk).first()
    if entry is not None:
        log_reads(user, [entry], via)
    return entry


def read_entries(user: Any, entries: QuerySet[RegisterEntry], via: str) -> list[RegisterEntry]:
    found = list(entries)
    log_reads(user, found, via)
    return found


def in_force(today: dt.date | None = None) -> QuerySet[RegisterEntry]:
    """Entries whose restrictions apply today: not lifted, started, and not past their review
    date (an entry not reviewed in time expires, whether or not the daily job has run yet)."""
    today = today or clock.today()
    return RegisterEntry.objects.filter(
        status=EntryStatus.ACTIVE, starts_on__lte=today, review_on__gte=today
    )


def status_label(entry: RegisterEntry, today: dt.date | None = None) -> str:
    today = today or clock.today()
    if entry.status != EntryStatus.ACTIVE:
        return entry.get_status_display()
    if entry.review_on < today:
        return EntryStatus.EXPIRED.label
    if entry.starts_on > today:
        return "Not yet in force"
    return EntryStatus.ACTIVE.label


def concerning(person: Person) -> Q:
    """Entries about ``person``: linked to this record, or with the same email address, so a
    case logged after the entry is covered too."""
    about = Q(people=person)
    if person.email:
        about |= Q(email=person.email.strip().lower())
    return about


def people_of(user: Any, entry: RegisterEntry) -> list[Person]:
    """The person records of the entry the reader may see (each through their cases): linked
    ones and those with the entry's email address. Someone whose only case is restricted is
    left out unless the reader has access to it."""
    about = Q(pk__in=entry.people.values("pk"))
    if entry.email:
        about |= Q(email_lower=entry.email)  # the person_email_lower index
    people = people_visible_to(user).annotate(email_lower=Lower("email"))
    return list(people.filter(about).order_by("name", "pk")[:50])
