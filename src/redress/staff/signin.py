"""Signing in and out, with a time-limited lockout after repeated failures."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from redress.accounts.models import User
from redress.staff.deadlines import govuk_date
from redress.staff.models import SignInFailure

MAX_FAILURES = getattr(settings, "SIGN_IN_MAX_FAILURES", 5)
LOCKOUT = dt.timedelta(minutes=getattr(settings, "SIGN_IN_LOCKOUT_MINUTES", 15))


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def locked_until(username: str) -> dt.datetime | None:
    """When a lock on this username ends, or None if it is not locked."""
    since = timezone.now() - LOCKOUT
    recent = list(
        SignInFailure.objects.filter(username=_key(username), at__gte=since)
        .order_by("-at")
        .values_list("at", flat=True)[:MAX_FAILURES]
    )
    if len(recent) < MAX_FAILURES:
        return None
    return recent[0] + LOCKOUT


def record_failure(username: str) -> None:
    SignInFailure.objects.create(username=_key(username))


def clear_failures(username: str) -> None:
    SignInFailure.objects.filter(username=_key(username)).delete()


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
        until = locked_until(username)
        if until is not None:
            local = timezone.localtime(until)
            raise forms.ValidationError(
                f"You have tried to sign in too many times. Wait until "
                f"{local:%H:%M} on {govuk_date(local.date())}, then try again, "
                "or ask an administrator to reset your password."
            )
        user = authenticate(self.request, username=username, password=password)
        if user is None or not user.is_active:
            record_failure(username)
            raise forms.ValidationError(
                "Enter a correct username and password. After "
                f"{MAX_FAILURES} wrong attempts you must wait "
                f"{int(LOCKOUT.total_seconds() // 60)} minutes."
            )
        self.user = user
        return cleaned


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/casework/"


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_next_url(request))
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        clear_failures(form.cleaned_data["username"])
        login(request, form.user)
        return redirect(_next_url(request))
    return render(
        request,
        "core/sign_in.html",
        {"form": form, "next": _next_url(request)},
        status=200 if request.method == "GET" or form.is_valid() else 400,
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("sign_in")
