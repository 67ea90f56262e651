"""Signing in and out, the one way into Redress for staff (the admin's login sends people
here), with failed attempts throttled by django-axes.

Axes counts failures per (username, client address): five wrong passwords lock that pair for
the cool-off time, so guessing is slow, but a stranger elsewhere cannot lock a real person out
by typing their username. A looser limit per address alone slows someone trying many usernames
from one place; it counts failures only, so a whole office signing in behind one address at
nine o'clock is never refused.
"""

from __future__ import annotations

from typing import Any, cast

from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from redress.accounts.models import User
from redress.accounts.oidc import config as oidc
from redress.accounts.oidc.views import end_session_url
from redress.core import clock
from redress.core.clients import client_address


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """Usernames are matched without regard to case, so "OFFICER" and "officer" share a count."""
    name = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(name).strip().lower()[:150]


def axes_exempt(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    """Single sign-on's return is not a password guess: axes neither counts nor refuses it."""
    return request.path.startswith("/sign-in/oidc/")


def cool_off_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def failures_from_address(address: str) -> int:
    """Failed sign-ins from this address, over every username, within the cool-off time."""
    since = clock.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start")
    )["failures"]
    return int(total or 0)


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
        error_messages={"required": "Enter your username"},
    )
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
        strip=False,
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = cast("dict[str, Any]", super().clean())
        username, password = cleaned.get("username"), cleaned.get("password")
        if not username or not password:
            return cleaned
        address = client_address(self.request)
        if failures_from_address(address) >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT:
            raise forms.ValidationError(
                "There have been too many failed sign-ins from your network. Wait "
                f"{cool_off_minutes()} minutes, then try again."
            )
        # Axes refuses a locked (username, address) pair here and marks the request, so its
        # middleware answers with the locked-out page instead of this form.
        user = authenticate(self.request, username=username, password=password)
        if user is None or not user.is_active:
            raise forms.ValidationError(
                "Enter a correct username and password. After "
                f"{settings.AXES_FAILURE_LIMIT} wrong attempts you must wait "
                f"{cool_off_minutes()} minutes."
            )
        self.user = user
        return cleaned


def next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path: anything else ("0", say) would be taken for the name of a URL pattern.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/casework/"


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect(next_url(request))
    if request.method == "POST" and not oidc.password_sign_in():
        # Refused before any password is checked: there is nothing here to guess.
        return _page(request, SignInForm(request), status=403, password_refused=True)
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        return redirect(next_url(request))
    return _page(request, form, status=200 if request.method == "GET" else 400)


def _page(
    request: HttpRequest, form: SignInForm, status: int, password_refused: bool = False
) -> HttpResponse:
    context = {
        "form": form,
        "next": next_url(request),
        "single_sign_on": oidc.enabled(),
        "provider": oidc.provider_name(),
        "password_sign_in": oidc.password_sign_in(),
        "password_refused": password_refused,
        "errors": password_refused,
    }
    return render(request, "accounts/sign_in.html", context, status=status)


def locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """What axes shows a locked (username, address) pair: when to try again, in plain words."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "username": username,
        "minutes": cool_off_minutes(),
    }
    return render(request, "accounts/locked_out.html", context, status=429)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login page is not used: one way in, one throttle."""
    target = request.GET.get("next") or "/admin/"
    return redirect(f"/sign-in/?{urlencode({'next': target})}")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    # Read before the session ends: whether the provider signed them in, and its ID token.
    at_provider = end_session_url(request)
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect(at_provider or "sign_in")
