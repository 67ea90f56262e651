"""People: erase one (administrators, for people they can see)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from redress.api.routers.cases import ERRORS
from redress.cases.visibility import people_visible_to
from redress.privacy.anonymise import MAX_REASON, person_anonymise

router = Router(tags=["people"])


class AnonymiseIn(Schema):
    reason: str = Field(
        max_length=MAX_REASON,
        description="Required: why the person's data is erased (not their name).",
    )


class ErasureOut(Schema):
    erasure: int = Field(description="The erasure log's id.")
    cases: int
    attachments: int
    messages: int


@router.post("/people/{person_id}/anonymise", response={200: ErasureOut, **ERRORS})
def anonymise(request: HttpRequest, person_id: int, payload: AnonymiseIn) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    person = None
    if 0 < person_id < 2**63:
        person = people_visible_to(user).filter(pk=person_id).first()
    if person is None:
        # Missing and hidden look alike.
        raise HttpError(404, "There is no person with that id that you can see.")
    log = person_anonymise(person, by=user, reason=payload.reason)
    return {
        "erasure": log.pk,
        "cases": log.cases,
        "attachments": log.attachments,
        "messages": log.messages,
    }
