"""The service's own error pages: 500, the 503 shown while the database is unavailable, and
the page for a form whose security token had expired (CSRF failure).

None of them touches the database or runs the context processors (which read the session and
the signed-in user from it), so they render during an outage too. The 404 and 403 pages are
Django's own views rendering ``templates/404.html`` and ``403.html``.
"""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import loader

from redress.core.middleware import DATABASE_UNAVAILABLE

RETRY_AFTER_SECONDS = 30
# Fields never written back into the page: the form's old token, and secrets.
NOT_REPEATED = ("csrfmiddlewaretoken",)


def _render(
    request: HttpRequest | None, template: str, context: dict[str, Any], status: int
) -> HttpResponse:
    base = {"organisation_name": settings.REDRESS["ORGANISATION_NAME"]}
    if request is not None:
        # A fresh CSRF cookie with the page, so the next form sent is accepted.
        base["csrf_token"] = get_token(request)
    body = loader.get_template(template).render({**base, **context})
    return HttpResponse(body, status=status)


def repeatable_fields(request: HttpRequest) -> list[tuple[str, str]]:
    """What the person sent, to send again from the error page: nothing they typed is lost.

    Only for a request that passed the CSRF check, so the page never re-arms a forged form.
    """
    if request.method != "POST" or not getattr(request, "csrf_processing_done", False):
        return []
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in NOT_REPEATED and "password" not in name.lower()
        for value in values
    ]


def service_unavailable(request: HttpRequest) -> HttpResponse:
    response = _render(
        request,
        "503.html",
        {
            "method": request.method,
            "again_url": request.get_full_path(),
            "fields": repeatable_fields(request),
            "had_files": bool(request.method == "POST" and request.FILES),
        },
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the 503 page when the error was the database being unavailable."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return service_unavailable(request)
    return _render(None, "500.html", {}, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: the page had expired or its cookie was lost. The link opens the
    form afresh (with a new token and cookie); what was sent is not repeated, since a forged
    form would arrive here too."""
    return _render(request, "csrf_failure.html", {"again_url": request.path}, status=403)
