"""The statutory annual reports' pages, each with its Word and PDF downloads."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from redress.reporting.periods import fy_label
from redress.reporting.statutory_reports import adults_report, childrens_report
from redress.reporting.views import _render_report, _today, _year, reports_access, writing_link

BUILDERS = {"childrens": childrens_report, "adults": adults_report}


def _statutory(request: HttpRequest, kind: str) -> HttpResponse:
    year, errors = _year(request, _today())
    if errors or year is None:
        return render(
            request,
            "reporting/choose.html",
            {"errors": errors, "values": request.GET, "kind": kind},
            status=400,
        )
    report = BUILDERS[kind](request.user, year)
    filename = f"{kind}-social-care-annual-report-{fy_label(year).replace('/', '-')}"
    # Its written sections are kept with the year's self-assessment; it has no "You said, we
    # did" of its own.
    context = {
        "download_query": f"year={year}",
        **writing_link(
            request, year, f"reporting:{kind}", "Write this report's sections", anchor="sections"
        ),
    }
    return _render_report(request, report, filename, context)


@require_GET
@reports_access
def childrens(request: HttpRequest) -> HttpResponse:
    return _statutory(request, "childrens")


@require_GET
@reports_access
def adults(request: HttpRequest) -> HttpResponse:
    return _statutory(request, "adults")
