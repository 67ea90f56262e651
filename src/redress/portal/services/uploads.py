"""Files chosen on the attachments page, kept until the form is sent."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from redress.cases.models import Case
from redress.cases.services import attachment_add
from redress.cases.services.records import check_upload
from redress.core.errors import InvalidInput
from redress.portal.models import PendingUpload


def upload_keep(*, owner: str, upload: UploadedFile) -> PendingUpload:
    """Check a file by its content and keep it until the form is sent."""
    if PendingUpload.objects.filter(owner=owner).count() >= settings.PORTAL_MAX_UPLOADS:
        raise InvalidInput.for_field(
            "file", f"You can add up to {settings.PORTAL_MAX_UPLOADS} files"
        )
    content_type = check_upload(upload)
    pending = PendingUpload(
        token=secrets.token_hex(16),
        owner=owner,
        original_name=(upload.name or "file").replace("/", "_").replace("\\", "_")[-200:],
        content_type=content_type,
        size=upload.size or 0,
    )
    pending.file.save(pending.token, upload, save=False)
    pending.save()
    return pending


def upload_remove(*, owner: str, token: str) -> None:
    for pending in PendingUpload.objects.filter(owner=owner, token=token):
        delete_pending(pending)


def delete_pending(pending: PendingUpload) -> None:
    name = pending.file.name
    storage = pending.file.storage
    pending.delete()
    transaction.on_commit(lambda: storage.delete(name) if name else None)


def attach_uploads(case: Case, owner: str) -> None:
    """Turn the files kept for ``owner`` into the case's attachments."""
    for pending in PendingUpload.objects.filter(owner=owner).order_by("id"):
        with pending.file.open("rb") as handle:
            attachment_add(case=case, by=None, upload=File(handle, name=pending.original_name))
        delete_pending(pending)
