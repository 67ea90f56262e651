from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from redress.cases.kinds import REFERENCE_PREFIX, Kind
from redress.cases.models import ReferenceCounter


def next_reference(kind: str, year: int) -> str:
    """A unique reference such as CMP-2026-000042, without ``max()+1`` races.

    The counter row is bumped with an UPDATE, which holds its row lock (PostgreSQL) or the
    database write lock (SQLite) until the surrounding transaction ends; a second logger waits
    and then reads the next number.
    """
    prefix = REFERENCE_PREFIX[Kind(kind)]
    key = f"{prefix}-{year}"
    with transaction.atomic():
        if not ReferenceCounter.objects.filter(key=key).update(value=F("value") + 1):
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(key=key, value=1)
            except IntegrityError:
                # Another transaction created the row first; take the next number after theirs.
                ReferenceCounter.objects.filter(key=key).update(value=F("value") + 1)
        value = ReferenceCounter.objects.get(key=key).value
    return f"{key}-{value:06d}"
