"""Editing a report's "You said, we did" before it is published. The page opens on the text
saved for the report, else on a draft from the learning completed in the period; saving
keeps the text as the report's (``ReportNote``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from redress.core import clock
from redress.reporting.learning import (
    YOU_SAID,
    draft_you_said,
    note_key,
    saved_you_said,
)
from redress.reporting.models import ReportNote
from redress.reporting.periods import Period, financial_year, fy_label, quarter
from redress.reporting.scope import can_edit_narrative
from redress.reporting.views import MAX_NOTE_LENGTH, reports_access


def _chosen(request: HttpRequest, today: dt.date) -> tuple[int, int | None]:
    year, number = request.GET.get("year", ""), request.GET.get("quarter", "")
    if not year.isdigit() or not 2000 <= int(year) <= today.year:
        raise PermissionDenied("There is no report for that year.")
    if number and number not in ("1", "2", "3", "4"):
        raise PermissionDenied("There is no such quarter.")
    return int(year), int(number) if number else None


def _report_url(year: int, number: int | None) -> str:
    if number is None:
        return f"/reports/annual/?year={year}"
    return f"/reports/quarterly/?year={year}&quarter={number}"


@require_http_methods(["GET", "POST"])
@reports_access
def you_said_edit(request: HttpRequest) -> HttpResponse:
    if not can_edit_narrative(request.user):
        raise PermissionDenied("Only the complaints team edits the reports' text.")
    today = clock.today()
    year, number = _chosen(request, today)
    period: Period = financial_year(year) if number is None else quarter(year, number)
    saved = saved_you_said(year, number)
    text = saved.text if saved is not None else draft_you_said(request.user, period)
    error = ""
    if request.method == "POST":
        text = request.POST.get("text", "").strip()
        if len(text) > MAX_NOTE_LENGTH:
            error = f"{YOU_SAID}: write {MAX_NOTE_LENGTH:,} characters or fewer."
        else:
            ReportNote.objects.update_or_create(
                year=year,
                key=note_key(number),
                defaults={"text": text, "updated_by": request.user},
            )
            return redirect(_report_url(year, number))
    context = {
        "label": period.label if number else fy_label(year),
        "text": text,
        "drafted": saved is None,
        "errors": {"text": error} if error else {},
        "back": _report_url(year, number),
    }
    return render(request, "reporting/you_said.html", context, status=400 if error else 200)
