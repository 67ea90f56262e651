"""Opaque keyset cursors for the case list.

The list is ordered by next due date (cases with nothing due last), then id. A cursor holds
the last row's (next_due_on, id) so the next page starts after it with an index range scan,
however deep the client pages: no OFFSET.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from redress.cases.models import Case
from redress.core.errors import InvalidInput

ORDERING = (F("next_due_on").asc(nulls_last=True), F("id").asc())


@dataclass(frozen=True)
class Position:
    due: dt.date | None
    id: int


def encode(position: Position) -> str:
    raw = json.dumps([position.due.isoformat() if position.due else None, position.id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str) -> Position:
    bad = InvalidInput.for_field(
        "cursor", "cursor is not one this API gave: pass next_cursor from the previous page."
    )
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        due, pk = json.loads(raw)
        if type(pk) is not int or not (0 < pk < 2**63):
            raise ValueError
        return Position(dt.date.fromisoformat(due) if due is not None else None, pk)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise bad from None


def after(cases: QuerySet[Case], position: Position) -> QuerySet[Case]:
    """The cases that come after ``position`` in ``ORDERING``."""
    if position.due is None:
        return cases.filter(next_due_on__isnull=True, id__gt=position.id)
    return cases.filter(
        Q(next_due_on__gt=position.due)
        | Q(next_due_on=position.due, id__gt=position.id)
        | Q(next_due_on__isnull=True)
    )


def position_of(row: dict[str, Any]) -> Position:
    """Where a listed row (``serialise.SUMMARY_COLUMNS``) stands in ``ORDERING``."""
    return Position(row["next_due_on"], row["id"])
