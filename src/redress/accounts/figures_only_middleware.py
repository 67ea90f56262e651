"""An elected Member (``permissions.sees_figures_only``) reaches the report pages and their own
account, and nothing else on the staff side: every other staff page answers 403, whatever it
would have shown, so no page added later can show a Member a case or a person by mistake.

My work, where signing in lands, sends them to the reports dashboard instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.accounts.no_role_middleware import STAFF_PREFIXES
from redress.cases.permissions import sees_figures_only
from redress.core.errorpages import service_unavailable
from redress.core.middleware import DATABASE_UNAVAILABLE

# The pages of aggregate figures and survey results (which never link to a case for them),
# and the Member's own account settings.
FIGURES_PAGES = frozenset(
    {
        "reporting:dashboard",
        "reporting:quarterly",
        "reporting:annual",
        "staff:settings",
        "staff:password_change",
        "two_factor_settings",
        "two_factor_new_codes",
        "two_factor_turn_off",
    }
)
LANDING = "staff:my_work"


class FiguresOnlyMiddleware:
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
            if not sees_figures_only(request.user):
                return None
        except DATABASE_UNAVAILABLE:
            return service_unavailable(request)
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in FIGURES_PAGES:
            return None
        if name == LANDING:
            return redirect("reporting:dashboard")
        return render(request, "accounts/figures_only.html", status=403)
