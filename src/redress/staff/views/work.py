"""My work, the page of remedies and actions overdue, Find cases and the CSV export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from redress.cases.columns import CASE_COLUMNS, PERSONAL_COLUMNS, rows_of, with_handler_name
from redress.core import clock
from redress.core.spreadsheets import csv_stream
from redress.notifications.problems import delivery_problems_for
from redress.staff import followups, queries
from redress.staff.deadlines import Calendars, annotate_deadlines
from redress.staff.followups import follow_ups_for, overdue_items, scope_of
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


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    """Every remedy and action overdue that My work counts for this person, longest overdue
    first (the first ``LISTED``)."""
    scope = scope_of(request.user)
    if scope is None:
        raise Http404
    return render(
        request,
        "staff/overdue.html",
        {"scope": scope, "overdue": overdue_items(scope, clock.today(), followups.LISTED)},
    )


def _params(form: CaseFilterForm) -> dict[str, Any]:
    return form.cleaned_data if form.is_valid() else {}


def _filtered(
    request: HttpRequest, form: CaseFilterForm, calendars: Calendars, *, search: bool = True
) -> Any:
    params = _params(form)
    due_within = params.get("due_within")
    due_by = (
        calendars.default().add_working_days(calendars.today, due_within)
        if due_within
        else (calendars.today if due_within == 0 else None)
    )
    return queries.filtered_cases(request.user, params, calendars.today, due_by, search=search)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET or None)
    calendars = Calendars()
    cases = _filtered(request, form, calendars, search=False)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    page = page_of(cases, number, _params(form).get("q") or "")
    annotate_deadlines(page.rows, calendars)
    return render(
        request,
        "staff/case_list.html",
        {"form": form, "page": page, "max_page": queries.MAX_PAGE},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
def case_export(request: HttpRequest) -> HttpResponseBase:
    """Every case the filter shows (not only the page), streamed as CSV: the report exports'
    columns (``redress.cases.columns``), then the person, summary and handler."""
    form = CaseFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            "Correct the filter before exporting.", status=400, content_type="text/plain"
        )
    cases = with_handler_name(_filtered(request, form, Calendars()))
    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M")
    rows = rows_of(cases, (*CASE_COLUMNS, *PERSONAL_COLUMNS))
    response = StreamingHttpResponse(csv_stream(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.csv"'
    return response
