"""People: find the person a case is about by email address, read one with their cases, and
erase one on request.

A person is visible only through a case the caller can see (``people_visible_to``), and the
cases listed with them are only those: the subject of a restricted case is as hidden as it."""

from __future__ import annotations

from typing import Any

from django.db.models.functions import Lower
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from redress.api.errors import ERRORS
from redress.api.fields import Request, RequiredEmail
from redress.api.lookups import is_row_id
from redress.api.queries import parameters_of, refuse_unknown_parameters
from redress.cases.models import Person
from redress.cases.selectors import cases_visible_to
from redress.cases.visibility import people_visible_to
from redress.privacy.anonymise import MAX_REASON, person_anonymise

router = Router(tags=["people"])
NOT_FOUND = "There is no person with that id that you can see."
MAX_CASES_SHOWN = 200


class PeopleFilters(Request):
    email: RequiredEmail = Field(description="Matched whole, ignoring case.")


PEOPLE_FILTERS = parameters_of(PeopleFilters)


class PersonCaseOut(Schema):
    reference: str
    kind: str
    status: str
    summary: str


class PersonDetailOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    address: str
    contact_preference: str
    communication_needs: str
    cases: list[PersonCaseOut] = Field(description="Their cases that you can see, newest first.")


def person_data(user: Any, person: Person) -> dict[str, Any]:
    cases = cases_visible_to(user).filter(person=person).order_by("-received_at", "-pk")
    return {
        "id": person.pk,
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
        "contact_preference": person.contact_preference,
        "communication_needs": person.communication_needs,
        "cases": [
            {"reference": c.reference, "kind": c.kind, "status": c.status, "summary": c.summary}
            for c in cases.only("reference", "kind", "status", "summary")[:MAX_CASES_SHOWN]
        ],
    }


def visible_person(user: Any, person_id: int) -> Person:
    """The person, or 404 whether they are missing or seen only through hidden cases."""
    person = None
    if is_row_id(person_id):
        person = people_visible_to(user).filter(pk=person_id).first()
    if person is None:
        raise HttpError(404, NOT_FOUND)
    return person


@router.get("/people", response={200: list[PersonDetailOut], **ERRORS})
def find_people(request: HttpRequest, filters: Query[PeopleFilters]) -> list[dict[str, Any]]:
    """Everyone with this email address that you can see: a person who wrote in twice may
    have two records."""
    refuse_unknown_parameters(request, PEOPLE_FILTERS)
    user = request.auth  # type: ignore[attr-defined]
    people = (
        people_visible_to(user)
        .annotate(email_lower=Lower("email"))
        .filter(email_lower=filters.email.strip().lower())
        .order_by("-created_at", "-pk")[:50]
    )
    return [person_data(user, person) for person in people]


@router.get("/people/{person_id}", response={200: PersonDetailOut, **ERRORS})
def get_person(request: HttpRequest, person_id: int) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    return person_data(user, visible_person(user, person_id))


class AnonymiseIn(Request):
    reason: str = Field(
        min_length=1,
        max_length=MAX_REASON,
        pattern=r"\S",
        description="Why the person's data is erased (not their name); kept in the erasure log.",
    )


class ErasureOut(Schema):
    erasure: int = Field(description="The erasure log's id.")
    cases: int
    attachments: int
    messages: int


@router.post("/people/{person_id}/anonymise", response={200: ErasureOut, **ERRORS})
def anonymise(request: HttpRequest, person_id: int, payload: AnonymiseIn) -> dict[str, Any]:
    """Erase the person on request (administrators; see docs/data-protection.md)."""
    user = request.auth  # type: ignore[attr-defined]
    log = person_anonymise(visible_person(user, person_id), by=user, reason=payload.reason)
    return {
        "erasure": log.pk,
        "cases": log.cases,
        "attachments": log.attachments,
        "messages": log.messages,
    }
