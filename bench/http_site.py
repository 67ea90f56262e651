"""The app as ``bench.bench_http`` serves it: Redress's own URLs plus two bare Django views
that serve the same rows as the Find cases page and the API's case list, for comparison, and
a middleware that reports the time spent in the app (``Server-Timing``).

    DJANGO_SETTINGS_MODULE=bench.http_settings gunicorn redress.wsgi:application

The bare views are what Django costs at the least for those rows: the same middleware, one
query for the same 50 rows, a minimal template or ``JsonResponse``. They are not in the
product's URLs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import engines
from django.urls import include, path

ROWS = 50
COLUMNS = ("reference", "kind", "status", "summary", "received_at", "next_due_on")

BARE_LIST = """<!DOCTYPE html><html lang="en"><head><title>Cases</title></head><body><table>
{% for case in cases %}<tr>
<td><a href="/casework/cases/{{ case.reference }}/">{{ case.reference }}</a></td>
<td>{{ case.person.name }}</td><td>{{ case.service.name }}</td><td>{{ case.summary }}</td>
<td>{{ case.status }}</td><td>{{ case.next_due_on }}</td></tr>{% endfor %}</table></body></html>"""


class ServerTiming:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        return response


def _open_cases(request: HttpRequest) -> Any:
    from redress.cases.models import Case

    return Case.objects.filter(
        service__slug=request.GET.get("service", "housing"), status="open"
    ).order_by("next_due_on", "id")


def bare_case_list(request: HttpRequest) -> HttpResponse:
    cases = _open_cases(request).select_related("person", "service")[:ROWS]
    template = engines["django"].from_string(BARE_LIST)
    return HttpResponse(template.render({"cases": cases}, request))


def bare_api_list(request: HttpRequest) -> JsonResponse:
    rows = _open_cases(request).values(*COLUMNS, "service__slug", "current_stage__key")[:ROWS]
    return JsonResponse({"items": list(rows)})


urlpatterns = [
    path("bench/bare/cases/", bare_case_list),
    path("bench/bare/api/cases", bare_api_list),
    path("", include("redress.urls")),
]
