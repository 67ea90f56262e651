"""Report pages. Each checks the user may see reports before reading anything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from redress.accounts.models import Role
from redress.cases.kinds import Kind
from redress.cases.permissions import role_of
from redress.core import clock
from redress.reporting import dashboard as board
from redress.reporting.charts import svg_bar_chart
from redress.reporting.content import Chart
from redress.reporting.documents import report_docx
from redress.reporting.exports import EXPORTS, csv_stream, export_rows, xlsx_file
from redress.reporting.figures import Figures
from redress.reporting.filters import read_filters
from redress.reporting.headlines import HeadlineInputs, headlines, open_by_age
from redress.reporting.links import Links
from redress.reporting.pdfs import report_pdf
from redress.reporting.periods import (
    PERIOD_KINDS,
    financial_year_of,
    fy_label,
    latest_complete_quarter,
    previous,
    quarter,
)
from redress.reporting.reports import annual_report, quarterly_report
from redress.reporting.scope import (
    can_edit_narrative,
    can_view_reports,
    directorates_for,
    link_service,
    received_in,
    reportable_cases,
    services_for,
    shows_cases,
)
from redress.trends.panel import open_alerts_panel

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_NOTE_LENGTH = 10_000


def reports_access(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_view_reports(request.user):
            raise PermissionDenied("Your role cannot see performance reports.")
        return view(request, *args, **kwargs)

    return checked


def _today() -> dt.date:
    return clock.today()


def _filter_context(request: HttpRequest, filters: Any) -> dict[str, Any]:
    return {
        "filters": filters,
        "values": filters.values,
        "errors": filters.errors,
        "services": services_for(request.user),
        "directorates": directorates_for(request.user),
        "kinds": Kind.choices,
        "enters_figures": role_of(request.user) == Role.ADMINISTRATOR,
        "period_kinds": PERIOD_KINDS,
        "quarters": (1, 2, 3, 4),
        "months": [(n, dt.date(2000, n, 1).strftime("%B")) for n in range(1, 13)],
    }


@require_GET
@reports_access
def dashboard(request: HttpRequest) -> HttpResponse:
    today = _today()
    filters = read_filters(request.user, request.GET, today)
    context = _filter_context(request, filters)
    context["alerts_panel"] = open_alerts_panel(request.user)
    if not filters.valid:
        return render(request, "reporting/dashboard.html", context, status=400)
    assert filters.period is not None
    period, before = filters.period, previous(filters.period)
    scoped = reportable_cases(request.user, filters.service, filters.directorate)
    if filters.kind:
        scoped = scoped.filter(kind=filters.kind)
    # Find cases filters by service area, not directorate: no link could list what is counted.
    links = Links(
        period,
        link_service(request.user, filters.service),
        filters.kind,
        enabled=shows_cases(request.user) and filters.directorate is None,
    )
    chosen = (filters.service, filters.kind, filters.directorate)
    figures = Figures(request.user, period, today, *chosen)
    earlier = Figures(request.user, before, today, *chosen)
    context.update(
        period=period,
        previous_period=before,
        headlines=headlines(HeadlineInputs(figures, earlier, scoped, links)),
        blocks=board.blocks(figures, links, open_by_age(scoped, today, links)),
        satisfaction=board.satisfaction_note(received_in(scoped, period)),
        export_query=request.GET.urlencode(),
        can_export=shows_cases(request.user),
    )
    return render(request, "reporting/dashboard.html", context)


def _year(
    request: HttpRequest, today: dt.date, default: int | None = None
) -> tuple[int | None, dict[str, str]]:
    raw = request.GET.get("year", "").strip() or str(default or financial_year_of(today))
    if not raw.isdigit() or not 2000 <= int(raw) <= today.year:
        return None, {"year": f"Enter a financial year from 2000 to {today.year}, like 2025."}
    return int(raw), {}


def writing_link(
    request: HttpRequest, year: int, report: str, label: str, anchor: str = ""
) -> dict[str, str]:
    """The link to where the complaints team writes a year's report sections (the
    self-assessment page), for those who may write them; saving returns to ``report`` (its
    URL name)."""
    if not can_edit_narrative(request.user):
        return {}
    url = f"{reverse('reporting:assessment', args=[year])}?{urlencode({'report': report})}"
    return {"write_url": url + (f"#{anchor}" if anchor else ""), "write_label": label}


def _render_report(
    request: HttpRequest, report: Any, filename: str, context: dict[str, Any]
) -> HttpResponse:
    if request.GET.get("format") == "docx":
        response = HttpResponse(report_docx(report), content_type=DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
        return response
    if request.GET.get("format") == "pdf":
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    sections = [
        {
            "number": n,
            "section": section,
            "svg": _chart_svg(section.chart, f"chart-{n}") if section.chart else None,
        }
        for n, section in enumerate(report.sections, start=1)
    ]
    context["may_edit"] = can_edit_narrative(request.user)
    return render(
        request, "reporting/report.html", {"report": report, "sections": sections, **context}
    )


def _chart_svg(chart: Chart, chart_id: str) -> SafeString | None:
    if not chart.bars:
        return None
    # svg_bar_chart escapes every piece of text it places.
    return mark_safe(svg_bar_chart(chart.title, chart.bars, chart_id, chart.unit))  # noqa: S308


@require_GET
@reports_access
def quarterly(request: HttpRequest) -> HttpResponse:
    today = _today()
    year, errors = _year(request, today, default=latest_complete_quarter(today)[0])
    number = request.GET.get("quarter", "").strip() or _default_quarter(year, today)
    if number not in ("1", "2", "3", "4"):
        errors["quarter"] = "Choose a quarter from 1 to 4."
    if errors or year is None:
        return render(
            request,
            "reporting/choose.html",
            {"errors": errors, "values": request.GET, "kind": "quarterly"},
            status=400,
        )
    period = quarter(year, int(number))
    report = quarterly_report(request.user, period, today)
    context = {
        "download_query": f"year={year}&quarter={number}",
        "you_said_query": f"year={year}&quarter={number}",
    }
    return _render_report(request, report, f"quarterly-report-{year}-q{number}", context)


def _default_quarter(year: int | None, today: dt.date) -> str:
    """The latest complete quarter when it is of ``year``; else the year's last quarter, or
    for the year still in its first quarter, that quarter."""
    latest_year, latest_number = latest_complete_quarter(today)
    if year == latest_year:
        return str(latest_number)
    return "4" if year is not None and year < latest_year else "1"


@require_GET
@reports_access
def annual(request: HttpRequest) -> HttpResponse:
    today = _today()
    year, errors = _year(request, today)
    if errors or year is None:
        return render(
            request,
            "reporting/choose.html",
            {"errors": errors, "values": request.GET, "kind": "annual"},
            status=400,
        )
    report = annual_report(request.user, year, today)
    context = {
        "download_query": f"year={year}",
        **writing_link(
            request, year, "reporting:annual", "Write the self-assessment and commentary"
        ),
        "you_said_query": f"year={year}",
        "related": [
            {
                "label": "The self-assessment as a document of its own",
                "url": reverse("reporting:assessment_document", args=[year]),
            }
        ],
    }
    return _render_report(
        request, report, f"annual-report-{fy_label(year).replace('/', '-')}", context
    )


@require_GET
@reports_access
def export(request: HttpRequest) -> HttpResponseBase:
    if not shows_cases(request.user):
        raise PermissionDenied("Your role sees the figures, not the cases behind them.")
    today = _today()
    filters = read_filters(request.user, request.GET, today)
    what = request.GET.get("what", "cases")
    form = request.GET.get("format", "csv")
    if what not in EXPORTS:
        filters.errors["what"] = "Choose to export cases or stages."
    if form not in ("csv", "xlsx"):
        filters.errors["format"] = "Choose CSV or XLSX."
    if not filters.valid:
        return render(
            request, "reporting/dashboard.html", _filter_context(request, filters), status=400
        )
    assert filters.period is not None
    cases = received_in(
        reportable_cases(request.user, filters.service, filters.directorate), filters.period
    )
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    name = f"{what}-{filters.period.start}-to-{filters.period.end}"
    rows = export_rows(what, cases)
    if form == "csv":
        response = StreamingHttpResponse(csv_stream(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return FileResponse(
        xlsx_file(rows, what), as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX_TYPE
    )
