"""Someone signed in with no role (a new single sign-on account, until an administrator or
the provider's role claim gives one) sees one plain page on every staff page, saying so.

The views would deny them anyway (``role_of`` is "" and every rule denies it: empty lists, no
cases, 403 on settings); this page says why, and what to do, instead of empty pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from redress.cases.permissions import role_of
from redress.core.errorpages import service_unavailable
from redress.core.middleware import DATABASE_UNAVAILABLE

# The staff side; the public pages, the API (its own answer for a token with no role), the
# sign-in pages and signing out stay as they are.
STAFF_PREFIXES = ("/casework/", "/reports/", "/notifications/", "/admin/")


class NoRoleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not request.path.startswith(STAFF_PREFIXES):
            return None
        try:
            user = request.user
            if not user.is_authenticated or role_of(user):
                return None
        except DATABASE_UNAVAILABLE:
            return service_unavailable(request)
        return render(request, "accounts/no_access.html", status=403)
