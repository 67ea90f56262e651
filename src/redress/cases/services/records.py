"""Writes that add to a case's record: correspondence, attachments, links, access grants.

Remedies and outstanding actions are in ``remedies``; restricting a case is in ``access``."""

from __future__ import annotations

import codecs
import datetime as dt
import secrets
from typing import Any

import filetype
from django.conf import settings
from django.core.files import File
from django.db import transaction

from redress.accounts.models import User
from redress.cases.kinds import CorrespondenceKind
from redress.cases.models import (
    Attachment,
    Case,
    CaseAccessGrant,
    CaseLink,
    Correspondence,
)
from redress.cases.permissions import Action, require
from redress.cases.services.timeline import record_event
from redress.core import clock
from redress.core.errors import InvalidInput

# Types accepted by content, whatever the file is called. Plain text has no magic number,
# so it is accepted only when it decodes as UTF-8 and the name says .txt.
ALLOWED_TYPES = {
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/heic",
    "image/webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "audio/mpeg",
    "audio/x-wav",
}


def _sniff(head: bytes, name: str) -> str | None:
    kind = filetype.guess(head)
    if kind is not None:
        mime = kind.mime
        # DOCX and XLSX are ZIP files; filetype tells them apart by their inner names.
        return mime if mime in ALLOWED_TYPES else None
    if name.lower().endswith(".txt"):
        # Only the head is read, so the last character may be cut part-way: decode it as the
        # start of a stream, which waits for the rest of a split character instead of failing.
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        except UnicodeDecodeError:
            return None
        return "text/plain"
    return None


def _describe_size(size: int) -> str:
    megabytes = size / (1024 * 1024)
    if megabytes >= 1:
        return f"{megabytes:g} MB"
    return f"{max(1, size // 1024)} KB"


def check_upload(upload: File[bytes]) -> str:
    """The content type of an acceptable upload, or InvalidInput naming the rule broken."""
    max_bytes = settings.ATTACHMENT_MAX_BYTES
    if upload.size is None or upload.size == 0:
        raise InvalidInput.for_field("file", "The selected file is empty.")
    if upload.size > max_bytes:
        raise InvalidInput.for_field(
            "file", f"The selected file must be {_describe_size(max_bytes)} or smaller."
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    content_type = _sniff(head, upload.name or "")
    if content_type is None:
        raise InvalidInput.for_field(
            "file",
            "The selected file must be a PDF, Word document, spreadsheet, image, audio "
            "or text file.",
        )
    return content_type


@transaction.atomic
def attachment_add(*, case: Case, by: User | None, upload: File[bytes]) -> Attachment:
    require(by, Action.ATTACH, case)
    content_type = check_upload(upload)
    original = (upload.name or "file").replace("/", "_").replace("\\", "_")[-200:]
    attachment = Attachment(
        case=case,
        token=secrets.token_hex(16),
        original_name=original,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=by,
    )
    attachment.file.save(attachment.token, upload, save=False)
    attachment.save()
    record_event(
        case=case,
        actor=by,
        kind="attachment",
        summary=f"Attachment added: {original}",
        attachment=attachment.pk,
    )
    return attachment


@transaction.atomic
def correspondence_add(
    *,
    case: Case,
    by: User | None,
    kind: str,
    body: str,
    subject: str = "",
    direction: str = "internal",
    happened_at: dt.datetime | None = None,
) -> Correspondence:
    require(by, Action.NOTE, case)
    if kind not in CorrespondenceKind.values:
        raise InvalidInput.for_field(
            "kind", "Choose whether this is a note, call, email, letter or meeting."
        )
    if not body.strip():
        raise InvalidInput.for_field("body", "Enter what was said or written.")
    if direction not in ("in", "out", "internal"):
        raise InvalidInput.for_field("direction", "Choose who it was from.")
    happened_at = happened_at or clock.now()
    if happened_at > clock.now() + dt.timedelta(minutes=5):
        raise InvalidInput.for_field("happened_at", "The time cannot be in the future.")
    item = Correspondence.objects.create(
        case=case,
        kind=kind,
        body=body.strip(),
        subject=subject.strip(),
        direction=direction,
        happened_at=happened_at,
        author=by,
    )
    record_event(
        case=case,
        actor=by,
        kind=f"correspondence_{kind}",
        summary=f"{CorrespondenceKind(kind).label} recorded"
        + (f": {subject.strip()}" if subject.strip() else ""),
        correspondence=item.pk,
    )
    return item


@transaction.atomic
def case_link(*, case: Case, by: User | None, other: Case, note: str = "") -> CaseLink:
    require(by, Action.LINK, case)
    if other.pk == case.pk:
        raise InvalidInput.for_field("other", "A case cannot be linked to itself.")
    if (
        CaseLink.objects.filter(from_case=case, to_case=other).exists()
        or CaseLink.objects.filter(from_case=other, to_case=case).exists()
    ):
        raise InvalidInput.for_field(
            "other", f"{case.reference} is already linked to {other.reference}."
        )
    link = CaseLink.objects.create(from_case=case, to_case=other, note=note.strip()[:200])
    for one, two in ((case, other), (other, case)):
        record_event(
            case=one, actor=by, kind="linked", summary=f"Linked to {two.reference}", other=two.pk
        )
    return link


@transaction.atomic
def case_grant_access(*, case: Case, by: User | None, user: Any) -> CaseAccessGrant:
    require(by, Action.RESTRICT, case)
    grant, _ = CaseAccessGrant.objects.get_or_create(case=case, user=user)
    record_event(
        case=case,
        actor=by,
        kind="access_granted",
        summary=f"Access granted to {user.display_name}",
        user=user.pk,
    )
    return grant
