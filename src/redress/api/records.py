"""What the case detail says about a case's adjustments, remedies and outstanding actions,
and the shapes the records routes take and return (see ``routers/records.py``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema
from pydantic import Field

from redress.api.fields import Day, Line, Money, Note, Reason, Request, Username
from redress.cases.kinds import AdjustmentState, RemedyType
from redress.cases.models import Case
from redress.cases.services.remedies import owner_key

Description = Note


class RemedyIn(Request):
    type: RemedyType
    description: Description = Field(min_length=1)
    amount: Money | None = None
    due_on: Day
    owner: Line = Field(description="A member of staff's username or a service area's slug.")


class ActionIn(Request):
    description: Description = Field(min_length=1)
    due_on: Day
    owner: Line = Field(description="A member of staff's username or a service area's slug.")


class CompleteIn(Request):
    on: Day = Field(description="The date it was done.")
    note: Note = Field(min_length=1, description="How we know it was done: the evidence.")


class CaseRestrictionIn(Request):
    restricted: bool | None = Field(
        default=None, description="true restricts the case, false opens it up; omit to keep."
    )
    grant: list[Username] = Field(default_factory=list, max_length=50)
    revoke: list[Username] = Field(default_factory=list, max_length=50)
    reason: Reason = ""


class RestrictionOut(Schema):
    reference: str
    restricted: bool
    people: list[str] = Field(description="Usernames of the people granted access.")


class CreatedOut(Schema):
    id: int


class RemedyOut(Schema):
    id: int
    type: str
    description: str
    amount: Decimal | None
    owner: str | None = Field(description="A username or a service area's slug.")
    due_on: dt.date | None
    done_on: dt.date | None
    done_note: str


class OutstandingActionOut(Schema):
    id: int
    description: str
    owner: str | None = Field(description="A username or a service area's slug.")
    due_on: dt.date | None
    done_on: dt.date | None
    done_note: str


class AdjustmentOut(Schema):
    id: int
    type: str | None
    state: AdjustmentState
    description: str
    agreed_on: dt.date | None
    review_on: dt.date | None
    ended_on: dt.date | None


def records_data(case: Case) -> dict[str, Any]:
    """The case's adjustments, remedies and actions for the case detail."""
    remedies = case.remedies.select_related("owner", "owner_service")
    actions = case.actions.select_related("owner", "owner_service")
    return {
        "restricted": case.restricted,
        "adjustments": [
            {
                "id": a.pk,
                "type": a.type.name if a.type else None,
                "state": a.state,
                "description": a.description,
                "agreed_on": a.agreed_on,
                "review_on": a.review_on,
                "ended_on": a.ended_on,
            }
            for a in case.person.adjustments.select_related("type").order_by("id")
        ],
        "remedies": [
            {
                "id": r.pk,
                "type": r.type,
                "description": r.description,
                "amount": r.amount,
                "owner": owner_key(r),
                "due_on": r.due_on,
                "done_on": r.done_on,
                "done_note": r.done_note,
            }
            for r in remedies
        ],
        "actions": [
            {
                "id": a.pk,
                "description": a.description,
                "owner": owner_key(a),
                "due_on": a.due_on,
                "done_on": a.done_on,
                "done_note": a.done_note,
            }
            for a in actions
        ],
    }
