"""A case's correspondence (notes, calls, emails, letters, meetings): list it and add to it.

The case is found through ``visible_case`` (404 if hidden); adding calls the one service
function, which checks permission (403) and the rules (422 naming the field)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from redress.api.errors import ERRORS
from redress.api.fields import Line, LongText, ReceivedAt, Request
from redress.api.lookups import visible_case
from redress.api.queries import parameters_of, refuse_unknown_parameters
from redress.cases.kinds import CorrespondenceKind
from redress.cases.models import Correspondence
from redress.cases.services import correspondence_add

router = Router(tags=["correspondence"])
MAX_LISTED = 500
NOT_BLANK = r"\S"  # at least one character that is not a space


class Direction(StrEnum):
    IN = "in"
    OUT = "out"
    INTERNAL = "internal"


class CorrespondenceIn(Request):
    kind: CorrespondenceKind
    body: LongText = Field(min_length=1, pattern=NOT_BLANK, description="What was said or written.")
    subject: Line = ""
    direction: Direction = Field(
        default=Direction.INTERNAL,
        description="in: from the person; out: to the person; internal: neither.",
    )
    happened_at: ReceivedAt | None = Field(
        default=None, description="When it happened (ISO 8601); now if omitted, never later."
    )


class NoteIn(Request):
    body: LongText = Field(min_length=1, pattern=NOT_BLANK, description="The note.")


class CorrespondenceFilters(Request):
    kind: CorrespondenceKind | None = None


CORRESPONDENCE_FILTERS = parameters_of(CorrespondenceFilters)


class CorrespondenceOut(Schema):
    id: int
    kind: CorrespondenceKind
    direction: Direction
    subject: str
    body: str
    happened_at: dt.datetime
    author: str | None = Field(description="The username of whoever recorded it.")


def correspondence_data(item: Correspondence) -> dict[str, Any]:
    return {
        "id": item.pk,
        "kind": item.kind,
        "direction": item.direction,
        "subject": item.subject,
        "body": item.body,
        "happened_at": item.happened_at,
        "author": item.author.username if item.author else None,
    }


@router.get("/cases/{reference}/correspondence", response={200: list[CorrespondenceOut], **ERRORS})
def list_correspondence(
    request: HttpRequest, reference: str, filters: Query[CorrespondenceFilters]
) -> list[dict[str, Any]]:
    """Oldest first, as the case page shows it."""
    refuse_unknown_parameters(request, CORRESPONDENCE_FILTERS)
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    items = case.correspondence.select_related("author").order_by("happened_at", "id")
    if filters.kind:
        items = items.filter(kind=filters.kind)
    return [correspondence_data(item) for item in items[:MAX_LISTED]]


@router.post("/cases/{reference}/correspondence", response={201: CorrespondenceOut, **ERRORS})
def add_correspondence(
    request: HttpRequest, reference: str, payload: CorrespondenceIn
) -> Status[dict[str, Any]]:
    user = request.auth  # type: ignore[attr-defined]
    item = correspondence_add(
        case=visible_case(user, reference),
        by=user,
        kind=payload.kind,
        body=payload.body,
        subject=payload.subject,
        direction=payload.direction,
        happened_at=payload.happened_at,
    )
    return Status(201, correspondence_data(item))


@router.post("/cases/{reference}/notes", response={201: CorrespondenceOut, **ERRORS})
def add_note(request: HttpRequest, reference: str, payload: NoteIn) -> Status[dict[str, Any]]:
    """A shorthand for correspondence of kind ``note``, internal, recorded now."""
    user = request.auth  # type: ignore[attr-defined]
    item = correspondence_add(
        case=visible_case(user, reference), by=user, kind=CorrespondenceKind.NOTE, body=payload.body
    )
    return Status(201, correspondence_data(item))
