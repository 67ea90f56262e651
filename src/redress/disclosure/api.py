"""GET /api/v1/people/{id}/export: the subject access export as a ZIP, logged like a page's.

404 for a person the caller may not see (every case of theirs hidden) and for anyone who does
not answer subject access, so neither reveals that the person exists."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.errors import HttpError

from redress.api.errors import ERRORS
from redress.api.lookups import is_row_id
from redress.cases.permissions import can_disclose
from redress.disclosure.services import export_make
from redress.disclosure.subjects import person_for

router = Router(tags=["subject access"])

NOT_FOUND = "There is no person with that id that you can see."


@router.get(
    "/people/{person_id}/export",
    response={200: None, **ERRORS},
    openapi_extra={
        "responses": {
            200: {
                "description": "A ZIP holding data.json, index.html and the person's files.",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def person_export(request: HttpRequest, person_id: int) -> HttpResponse:
    user = request.auth  # type: ignore[attr-defined]
    may = can_disclose(user) and is_row_id(person_id)
    person = person_for(user, person_id) if may else None
    if person is None:
        raise HttpError(404, NOT_FOUND)
    content, name = export_make(person=person, by=user, via="api")
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
