"""Middleware that keeps every response safe and in the service's own style.

- ``RejectNulBytesMiddleware``: a NUL byte cannot be stored in PostgreSQL text and means
  nothing in an address or a form, so any request carrying one is refused with a 400 before
  a view (or the database) sees it.
- ``DatabaseOutageMiddleware``: a view that finds the database unavailable answers with the
  "Sorry, there is a problem with the service" page (503, ``Retry-After``) instead of a 500.
- ``PrivateByDefaultMiddleware``: pages are never stored by browsers or proxies (they show
  people's complaints, and a shared computer's back button must not bring them back), and
  the browser features the service never uses are switched off.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

log = logging.getLogger(__name__)

NUL = "\x00"
NUL_MESSAGE = (
    "Your request contained a character that is not allowed (a NUL byte). Remove it and try again."
)
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

Handler = Callable[[HttpRequest], HttpResponse]


def _has_nul(values: Iterable[Any]) -> bool:
    return any(isinstance(value, str) and NUL in value for value in values)


def _json_has_nul(value: Any) -> bool:
    """True when any key or string inside a decoded JSON document holds a NUL."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return _has_nul(value.keys()) or any(_json_has_nul(v) for v in value.values())
    if isinstance(value, list):
        return any(_json_has_nul(v) for v in value)
    return False


def request_has_nul(request: HttpRequest) -> bool:
    """A NUL in the path, the query, a header or cookie, a form field or a JSON body.

    Uploaded files are not looked at: a PDF or an image may well contain zero bytes.
    """
    if NUL in request.path_info or _has_nul(request.GET.keys()):
        return True
    if any(_has_nul(values) for _, values in request.GET.lists()):
        return True
    headers = (v for k, v in request.META.items() if k.startswith("HTTP_"))
    if _has_nul(headers) or _has_nul(request.COOKIES.keys()) or _has_nul(request.COOKIES.values()):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    if request.content_type == "application/json":
        try:
            return _json_has_nul(json.loads(request.body or b"null"))
        except (ValueError, RecursionError):
            return b"\x00" in request.body  # not JSON: the view says what is wrong
    if _has_nul(request.POST.keys()):
        return True
    return any(_has_nul(values) for _, values in request.POST.lists())


class RejectNulBytesMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            has_nul = request_has_nul(request)
        except RequestDataTooBig:
            # Too big to read: the view refuses it in its own words, as it always has.
            has_nul = False
        if has_nul:
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {"detail": NUL_MESSAGE, "code": "unreadable", "errors": {}}, status=400
                )
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class DatabaseOutageMiddleware:
    """Views' database errors become the 503 page. Errors outside views (a session saved as
    the response leaves) reach ``handler500``, which makes the same choice."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        from redress.core.errorpages import service_unavailable

        log.error("Database unavailable for %s %s", request.method, request.path, exc_info=True)
        return service_unavailable(request)


class PrivateByDefaultMiddleware:
    """Static files are served before this runs (WhiteNoise), so they stay cacheable."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
