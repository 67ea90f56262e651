"""Nothing but the sign-in pages for someone who has signed in with a password and still owes
a second factor: a code from their app if they have set one up, or the set-up itself if their
role requires it. The admin is behind the same rule, since it is served by the same stack.

A session signed in through the identity provider (single sign-on) is held to the same rule,
unless the provider gave a second factor itself: its ID token says so, or the council has set
``OIDC_PROVIDER_ENFORCES_MFA`` because its policy always asks for one (docs/security.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from redress.accounts.oidc.session import provider_gave_second_factor
from redress.accounts.two_factor import has_two_factor, session_verified, two_factor_required
from redress.core.errorpages import service_unavailable
from redress.core.middleware import DATABASE_UNAVAILABLE

# Where someone part-way through signing in may go: the sign-in pages (the code and the
# set-up live under /sign-in/), signing out, the assets those pages load, and the health check.
OPEN_PREFIXES = ("/sign-in/", "/sign-out/", "/static/", "/healthz")
NO_APP_KEY = "redress_no_two_factor_app"


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        # As a view hook, after the CSRF check: the outage page below can then offer to send a
        # checked form again, as it does when a view meets the outage.
        try:
            owed = _owed_before(request)
        except DATABASE_UNAVAILABLE:
            # Reading the session or the devices needs the database: without it, the same
            # "sorry" page a view would give.
            return service_unavailable(request)
        return _to(owed, request) if owed else None


def _owed_before(request: HttpRequest) -> str | None:
    if request.path.startswith(OPEN_PREFIXES):
        return None
    user = request.user
    if not user.is_authenticated or session_verified(user):
        return None
    if provider_gave_second_factor(request):
        return None
    return _second_step_owed(request)


def _second_step_owed(request: HttpRequest) -> str | None:
    user = request.user
    required = two_factor_required(user)  # type: ignore[arg-type]  # signed in: a User
    # Someone with no app who need not have one is remembered for the session, so their pages
    # cost no query; setting an app up verifies the session at once, so nothing goes stale.
    if not required and request.session.get(NO_APP_KEY):
        return None
    if has_two_factor(user):  # type: ignore[arg-type]  # signed in: a User
        return "two_factor_code"
    if required:
        return "two_factor_setup"
    request.session[NO_APP_KEY] = True
    return None


def _to(name: str, request: HttpRequest) -> HttpResponse:
    target = request.get_full_path() if request.method == "GET" else "/casework/"
    return redirect(f"{reverse(name)}?{urlencode({'next': target})}")
