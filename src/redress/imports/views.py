"""The administrators' import page: upload a file, read the dry run's report, confirm.

The file is kept (under a random name) between the dry run and the confirmation, and the
import checks every row again when it runs: what was true at the dry run may not be now.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from redress.accounts.models import Role
from redress.cases.permissions import role_of
from redress.core import clock
from redress.core.spreadsheets import BOM, safe
from redress.core.words import counted
from redress.imports.forms import ConfirmForm, UploadForm
from redress.imports.layout import Mapping, load_mapping, shipped_mappings
from redress.imports.models import ImportFile
from redress.imports.reading import UnreadableFile
from redress.imports.results import problems_of, stored
from redress.imports.rows import Problem
from redress.imports.running import ImportOptions, ImportResult, run_import
from redress.staff.views.common import SignedInRequest, forbidden

REFUSED = "Only administrators can import cases."
RECENT = 10


def _mapping(upload: ImportFile) -> Mapping:
    return load_mapping(upload.mapping) if upload.mapping else Mapping()


def _run(
    upload: ImportFile,
    *,
    dry_run: bool,
    skip_invalid: bool = False,
    by: Any = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> ImportResult:
    options = ImportOptions(
        mapping=_mapping(upload),
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        by=by,
        source=upload.original_name,
        on_problem=on_problem,
    )
    return run_import(upload.file.path, options)


def _is_admin(request: SignedInRequest) -> bool:
    return role_of(request.user) == Role.ADMINISTRATOR


@login_required
def import_start(request: SignedInRequest) -> HttpResponse:
    if not _is_admin(request):
        return forbidden(request, REFUSED)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["file"]
        upload = ImportFile(
            token=secrets.token_hex(16),
            original_name=chosen.name[:200],
            mapping=form.cleaned_data["layout"] or "",
            uploaded_by=request.user,
        )
        upload.file.save(upload.token, chosen, save=False)
        try:
            result = _run(upload, dry_run=True)
        except UnreadableFile as error:
            upload.file.delete(save=False)
            form.add_error("file", str(error))
        else:
            upload.checked = stored(result)
            upload.save()
            return redirect("imports:check", pk=upload.pk)
    recent = ImportFile.objects.select_related("uploaded_by")[:RECENT]
    return render(
        request,
        "imports/start.html",
        {"form": form, "recent": recent, "layouts": shipped_mappings()},
        status=400 if request.method == "POST" else 200,
    )


def _check_page(
    request: SignedInRequest, upload: ImportFile, form: ConfirmForm, status: int = 200
) -> HttpResponse:
    checked = upload.checked
    # Once imported, the problems to show are those of the rows the import left out.
    latest = upload.imported if upload.state == ImportFile.State.IMPORTED else checked
    context = {
        "upload": upload,
        "checked": checked,
        "problems": problems_of(latest),
        "more_problems": latest.get("problem_count", 0) - len(latest.get("problems", [])),
        "problem_rows": counted(latest.get("rejected", 0), "row"),
        "form": form,
        "layout": _mapping(upload).name,
    }
    return render(request, "imports/check.html", context, status=status)


@login_required
def import_check(request: SignedInRequest, pk: int) -> HttpResponse:
    if not _is_admin(request):
        return forbidden(request, REFUSED)
    upload = get_object_or_404(ImportFile, pk=pk)
    return _check_page(request, upload, ConfirmForm())


@login_required
@require_POST
def import_confirm(request: SignedInRequest, pk: int) -> HttpResponse:
    if not _is_admin(request):
        return forbidden(request, REFUSED)
    upload = get_object_or_404(ImportFile, pk=pk)
    form = ConfirmForm(request.POST)
    if upload.state == ImportFile.State.IMPORTED:
        form.add_error(None, "This file has been imported already.")
        return _check_page(request, upload, form, status=400)
    form.is_valid()
    skip = bool(form.cleaned_data.get("skip_invalid"))
    if upload.checked.get("problem_count") and not skip:
        form.add_error(
            "skip_invalid",
            "Tick the box to import the rows without problems, or upload a corrected file",
        )
        return _check_page(request, upload, form, status=400)
    result = _run(upload, dry_run=False, skip_invalid=skip, by=request.user)
    if result.refused:
        # The cases or settings changed since the dry run: show what is wrong now.
        upload.checked = stored(result)
        upload.save(update_fields=["checked"])
        form.add_error(None, "The file has problems now that it did not have at the dry run")
        return _check_page(request, upload, form, status=400)
    upload.state = ImportFile.State.IMPORTED
    upload.imported = stored(result)
    upload.imported_at = clock.now()
    upload.save(update_fields=["state", "imported", "imported_at"])
    messages.success(request, f"{counted(result.imported, 'case')} imported.")
    return redirect("imports:check", pk=upload.pk)


@login_required
def import_problems(request: SignedInRequest, pk: int) -> HttpResponse:
    """Every problem in the file as CSV (row, column, reason), from a fresh dry run."""
    if not _is_admin(request):
        return forbidden(request, REFUSED)
    upload = get_object_or_404(ImportFile, pk=pk)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "column", "reason"])

    def write(problem: Problem) -> None:
        writer.writerow([problem.row, safe(problem.column), safe(problem.reason)])

    _run(upload, dry_run=True, on_problem=write)
    response = HttpResponse(BOM + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{upload.pk}-problems.csv"'
    return response
