"""``/healthz``: for load balancers and monitoring; open to all, so it says nothing personal."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from redress.worker.heartbeat import health


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the database answers, whatever the worker's state (a web server is still
    useful with mail delayed, and the body says so); 503 when the database does not."""
    report = health()
    return JsonResponse(report, status=503 if report["database"] != "ok" else 200)
