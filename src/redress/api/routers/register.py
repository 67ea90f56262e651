"""The register of contact restrictions, for the governance group only.

Every operation answers 404 to anyone outside the group, before it reads the request body, so
the API does not even show the register exists; each read of an entry is logged like a page's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.db.models.functions import Lower
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from redress.api.auth import BearerToken
from redress.api.errors import ERRORS
from redress.api.fields import Address, Day, Line, Note, Request, RequiredEmail, Username
from redress.api.records import CreatedOut
from redress.cases.visibility import people_visible_to
from redress.core.errors import InvalidInput
from redress.register import services
from redress.register.models import EntryRead, ReadVia, RegisterEntry, RestrictionKind
from redress.register.selectors import entries_for, is_member, read_entries, read_entry

NOT_FOUND = "Not Found"
LIST_LIMIT = 200


class GovernanceOnly(BearerToken):
    """A valid token of someone outside the governance group finds nothing here."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = super().authenticate(request, token)
        if user is not None and not is_member(user):
            raise HttpError(404, NOT_FOUND)
        return user


router = Router(tags=["register"], auth=GovernanceOnly())


class RestrictionIn(Request):
    kind: RestrictionKind
    detail: Line = ""


class EntryIn(Request):
    person_email: RequiredEmail = Field(description="Every case with it is covered.")
    person_name: Line = Field(
        default="", description="Omit to use the name on their person record."
    )
    address: Address = Field(default="", description="Staff visiting it are warned.")
    behaviour: Note = Field(min_length=1)
    reasons: Note = Field(min_length=1)
    restrictions: list[RestrictionIn] = Field(min_length=1, max_length=10)
    contact: Username = Field(description="The named contact's username.")
    starts_on: Day
    review_on: Day | None = Field(default=None, description="Omit for 6 months after the start.")
    decided_by: Line = Field(default="", description="Omit to record you as the decider.")
    visit_advice: Line = ""


class RestrictionOut(Schema):
    kind: str
    detail: str


class EntryOut(Schema):
    id: int
    person_name: str
    person_email: str
    address: str
    behaviour: str
    reasons: str
    decided_by: str
    restrictions: list[RestrictionOut]
    contact: str = Field(description="The named contact's username.")
    starts_on: dt.date
    review_on: dt.date
    status: str
    ended_on: dt.date | None


class ReadOut(Schema):
    who: str = Field(description="The username of whoever looked.")
    at: dt.datetime
    via: str


def entry_data(entry: RegisterEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "person_name": entry.name,
        "person_email": entry.email,
        "address": entry.address,
        "behaviour": entry.behaviour,
        "reasons": entry.reasons,
        "decided_by": entry.decided_by,
        "restrictions": [{"kind": r.kind, "detail": r.detail} for r in entry.restrictions.all()],
        "contact": entry.contact.username,
        "starts_on": entry.starts_on,
        "review_on": entry.review_on,
        "status": entry.status,
        "ended_on": entry.ended_on,
    }


def _person_details(user: Any, payload: EntryIn) -> tuple[str, str, list[Any]]:
    """Name and address as given, else from the person's records the caller can see."""
    email = payload.person_email.strip().lower()
    people = list(
        people_visible_to(user)
        .annotate(email_lower=Lower("email"))
        .filter(Q(email_lower=email))
        .order_by("-created_at", "-pk")[:20]
    )
    name = payload.person_name.strip() or (people[0].name if people else "")
    if not name:
        raise InvalidInput.for_field(
            "person_name",
            "person_name is required: no person record you can see has that email address.",
        )
    address = payload.address.strip() or next((p.address for p in people if p.address), "")
    return name, address, people


@router.post("/entries", response={201: CreatedOut, **ERRORS})
def create_entry(request: HttpRequest, payload: EntryIn) -> Status[dict[str, Any]]:
    user = request.auth  # type: ignore[attr-defined]
    name, address, people = _person_details(user, payload)
    entry = services.entry_create(
        by=user,
        new=services.NewEntry(
            name=name,
            email=payload.person_email,
            address=address,
            behaviour=payload.behaviour,
            reasons=payload.reasons,
            decided_by=payload.decided_by or user.display_name,
            restrictions=[(r.kind.value, r.detail) for r in payload.restrictions],
            contact=services.staff_contact(payload.contact),
            starts_on=payload.starts_on,
            review_on=payload.review_on,
            visit_advice=payload.visit_advice,
            people=people,
        ),
    )
    return Status(201, {"id": entry.pk})


@router.get("/entries", response={200: list[EntryOut], **ERRORS})
def list_entries(request: HttpRequest) -> list[dict[str, Any]]:
    user = request.auth  # type: ignore[attr-defined]
    entries = read_entries(user, entries_for(user)[:LIST_LIMIT], ReadVia.API)
    return [entry_data(entry) for entry in entries]


def _entry(request: HttpRequest, entry_id: int) -> RegisterEntry:
    entry = read_entry(request.auth, entry_id, ReadVia.API)  # type: ignore[attr-defined]
    if entry is None:
        raise HttpError(404, "There is no register entry with that id.")
    return entry


@router.get("/entries/{entry_id}", response={200: EntryOut, **ERRORS})
def get_entry(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    return entry_data(_entry(request, entry_id))


@router.get("/entries/{entry_id}/access-log", response={200: list[ReadOut], **ERRORS})
def access_log(request: HttpRequest, entry_id: int) -> list[dict[str, Any]]:
    entry = _entry(request, entry_id)
    reads = EntryRead.objects.filter(entry=entry).select_related("who")[:1000]
    return [{"who": r.who.username, "at": r.at, "via": r.via} for r in reads]
