"""A case's attachments: list them, upload one (multipart form data, field ``file``), and
download one. Uploads pass the same checks as the case page's (size, and a type recognised
by content, not by name)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import File, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.files import UploadedFile
from pydantic import Field

from redress.api.errors import ERRORS
from redress.api.lookups import is_row_id, visible_case
from redress.cases.models import Attachment, Case
from redress.cases.services import attachment_add

router = Router(tags=["attachments"])
MAX_LISTED = 500


class AttachmentOut(Schema):
    id: int
    name: str = Field(description="The file's name as it was uploaded.")
    content_type: str
    size: int = Field(description="In bytes.")
    uploaded_at: dt.datetime
    uploaded_by: str | None = Field(description="The username of whoever uploaded it.")


def attachment_data(item: Attachment) -> dict[str, Any]:
    return {
        "id": item.pk,
        "name": item.original_name,
        "content_type": item.content_type,
        "size": item.size,
        "uploaded_at": item.uploaded_at,
        "uploaded_by": item.uploaded_by.username if item.uploaded_by else None,
    }


def _attachment(case: Case, attachment_id: int) -> Attachment:
    found = None
    if is_row_id(attachment_id):
        found = case.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise HttpError(404, f"There is no such attachment on {case.reference}.")
    return found


@router.get("/cases/{reference}/attachments", response={200: list[AttachmentOut], **ERRORS})
def list_attachments(request: HttpRequest, reference: str) -> list[dict[str, Any]]:
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    items = case.attachments.select_related("uploaded_by").order_by("uploaded_at", "id")
    return [attachment_data(item) for item in items[:MAX_LISTED]]


# The form takes one part, the file; the schema says so (added to the schema ninja writes),
# and any other part is refused.
UPLOAD_BODY = {"content": {"multipart/form-data": {"schema": {"additionalProperties": False}}}}


@router.post(
    "/cases/{reference}/attachments",
    response={201: AttachmentOut, **ERRORS},
    openapi_extra={"requestBody": UPLOAD_BODY},
)
def upload_attachment(
    request: HttpRequest, reference: str, file: File[UploadedFile]
) -> Status[dict[str, Any]]:
    refuse_unknown_parts(request)
    user = request.auth  # type: ignore[attr-defined]
    item = attachment_add(case=visible_case(user, reference), by=user, upload=file)
    return Status(201, attachment_data(item))


def refuse_unknown_parts(request: HttpRequest) -> None:
    unknown = sorted((set(request.POST) | set(request.FILES)) - {"file"})
    if unknown:
        raise ValidationError(
            [{"type": "extra_forbidden", "loc": ("body", name), "msg": ""} for name in unknown]
        )


@router.get(
    "/cases/{reference}/attachments/{attachment_id}/file",
    response={200: None, **ERRORS},
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, with the content type it was recognised as.",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def download_attachment(request: HttpRequest, reference: str, attachment_id: int) -> Any:
    case = visible_case(request.auth, reference)  # type: ignore[attr-defined]
    item = _attachment(case, attachment_id)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise HttpError(404, "The file is missing from storage.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
