"""The export as a ZIP: data.json for machines, index.html for people, and the files."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from redress.cases.models import Attachment, Person
from redress.disclosure.models import SubjectAccessExport

NOT_INCLUDED = (
    "Cases restricted to named members of staff are included only when the person who made "
    "this export has been given access to them."
)


def _file_bytes(attachment: Attachment) -> bytes | None:
    try:
        with attachment.file.open("rb") as handle:
            return bytes(handle.read())
    except (FileNotFoundError, ValueError):
        return None


def build(data: dict[str, Any], files: list[tuple[str, Attachment]]) -> bytes:
    missing = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, attachment in files:
            content = _file_bytes(attachment)
            if content is None:
                missing.append(path)
                continue
            archive.writestr(path, content)
        data = {**data, "files_missing_from_storage": missing}
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr("index.html", render_to_string("disclosure/export_index.html", data))
    return buffer.getvalue()


def file_name(person: Person, log: SubjectAccessExport) -> str:
    day = timezone.localtime(log.made_at).date()
    return f"subject-access-{person.pk}-{day.isoformat()}.zip"
