"""My work, Find cases and the CSV export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from redress.core import clock
from redress.notifications.problems import delivery_problems_for
from redress.staff import queries
from redress.staff.deadlines import Calendars, annotate_deadlines, govuk_date
from redress.staff.followups import follow_ups_for
from redress.staff.forms.work import CaseFilterForm
from redress.staff.views.paging import page_of


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    calendars = Calendars()
    queues = queries.my_queues(request.user, calendars.today)
    for queue in queues:
        annotate_deadlines(queue.cases, calendars)
    return render(
        request,
        "staff/my_work.html",
        {
            "queues": queues,
            "to_review": queries.drafts_to_review(request.user),
            "returned": queries.drafts_returned_to(request.user),
            "delivery_problems": delivery_problems_for(request.user),
            "follow_ups": follow_ups_for(request.user, calendars.today),
        },
    )


def _filtered(request: HttpRequest, form: CaseFilterForm, calendars: Calendars) -> Any:
    params = form.cleaned_data if form.is_valid() else {}
    due_within = params.get("due_within")
    due_by = (
        calendars.default().add_working_days(calendars.today, due_within)
        if due_within
        else (calendars.today if due_within == 0 else None)
    )
    return queries.filtered_cases(request.user, params, calendars.today, due_by)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None)
    calendars = Calendars()
    cases = _filtered(request, form, calendars)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = page_of(cases, number)
    annotate_deadlines(page.rows, calendars)
    return render(
        request,
        "staff/case_list.html",
        {"form": form, "page": page, "max_page": queries.MAX_PAGE},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


EXPORT_HEADINGS = [
    "Reference",
    "Kind",
    "Status",
    "Stage",
    "Service area",
    "Category",
    "Channel",
    "Received",
    "Person",
    "Summary",
    "Handler",
    "Next deadline",
    "Outcome",
]


def _export_rows(cases: Any) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_HEADINGS)
    rows = cases.select_related(*queries.LIST_RELATED).iterator(chunk_size=2000)
    for case in rows:
        yield writer.writerow(
            [
                _safe(case.reference),
                case.get_kind_display(),
                case.get_status_display(),
                case.current_stage.name if case.current_stage else "",
                _safe(case.service.name),
                _safe(case.category.name if case.category else ""),
                case.get_channel_display(),
                govuk_date(case.received_on),
                _safe(case.person.name),
                _safe(case.summary),
                _safe(case.current_handler.display_name if case.current_handler else ""),
                govuk_date(case.next_due_on),
                case.get_outcome_display(),
            ]
        )


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
def case_export(request: HttpRequest) -> HttpResponseBase:
    """Every case the filter shows (not only the page), streamed as CSV."""
    form = CaseFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            "Correct the filter before exporting.", status=400, content_type="text/plain"
        )
    cases = _filtered(request, form, Calendars())
    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(_export_rows(cases), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.csv"'
    return response
