"""The pages of two-factor sign-in: entering a code after the password, setting up the app,
seeing new recovery codes once, and managing it all from Settings. The rules are in
``redress.accounts.two_factor``."""

from __future__ import annotations

import base64
import io

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from redress.accounts import two_factor
from redress.accounts.signin import next_url
from redress.accounts.two_factor_middleware import NO_APP_KEY

NEW_CODES_KEY = "redress_new_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the code"},
    )


def _verified_if_needed(request: HttpRequest) -> HttpResponse | None:
    """Replacing an app needs the session to have passed the current one first; otherwise a
    password alone could swap in an attacker's app."""
    user = request.user
    if two_factor.has_two_factor(user) and not two_factor.session_verified(user):  # type: ignore[arg-type]
        return redirect("two_factor_code")
    return None


@login_required
def code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in."""
    user = request.user
    if two_factor.session_verified(user) or not two_factor.has_two_factor(user):  # type: ignore[arg-type]
        return redirect(next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(request.user, form.cleaned_data["code"])  # type: ignore[arg-type]
        if device is not None:
            otp_login(request, device)
            request.session.pop(NO_APP_KEY, None)
            if isinstance(device, StaticDevice):
                left = two_factor.recovery_codes_left(request.user)  # type: ignore[arg-type]
                messages.warning(
                    request,
                    f"You used a recovery code: {left} left. Make new ones under Settings.",
                )
            return redirect(next_url(request))
        form.add_error(
            "code",
            "Enter the 6-digit code your authenticator app shows now, or one of your recovery "
            "codes. After a wrong code, wait a little longer before each new try.",
        )
    return render(
        request,
        "accounts/two_factor_code.html",
        {"form": form, "next": next_url(request)},
        status=400 if request.method == "POST" else 200,
    )


def _grouped(secret: bytes) -> str:
    text = base64.b32encode(secret).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    refused = _verified_if_needed(request)
    if refused is not None:
        return refused
    device = two_factor.setup_device(request.user)  # type: ignore[arg-type]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = two_factor.confirm_setup(request.user, form.cleaned_data["code"])  # type: ignore[arg-type]
        if confirmed is not None:
            app, codes = confirmed
            otp_login(request, app)
            request.session.pop(NO_APP_KEY, None)
            request.session[NEW_CODES_KEY] = codes
            messages.success(request, "Two-factor sign-in is on.")
            return redirect(f"{_recovery_url()}?{urlencode({'next': next_url(request)})}")
        form.add_error(
            "code", "Enter the 6-digit code your authenticator app shows now for Redress"
        )
    context = {
        "form": form,
        "secret": _grouped(device.bin_key),
        "required": two_factor.two_factor_required(request.user),  # type: ignore[arg-type]
        "next": next_url(request),
    }
    return render(
        request,
        "accounts/two_factor_setup.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def _recovery_url() -> str:
    return reverse("two_factor_recovery_codes")


@login_required
def qr_code(request: HttpRequest) -> HttpResponse:
    """The set-up secret as a QR code for the app to scan (SVG, never cached)."""
    refused = _verified_if_needed(request)
    if refused is not None:
        return refused
    device = two_factor.setup_device(request.user)  # type: ignore[arg-type]
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(out, kind="svg", scale=5, border=2)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once: they are stored only as the device's tokens."""
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        return redirect("two_factor_settings")
    return render(
        request, "accounts/two_factor_recovery.html", {"codes": codes, "next": next_url(request)}
    )


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "on": two_factor.has_two_factor(user),  # type: ignore[arg-type]
        "required": two_factor.two_factor_required(user),  # type: ignore[arg-type]
        "codes_left": two_factor.recovery_codes_left(user),  # type: ignore[arg-type]
    }
    return render(request, "accounts/two_factor_settings.html", context)


@login_required
@require_POST
def new_codes(request: HttpRequest) -> HttpResponse:
    if not two_factor.has_two_factor(request.user):  # type: ignore[arg-type]
        return redirect("two_factor_settings")
    request.session[NEW_CODES_KEY] = two_factor.new_recovery_codes(request.user)  # type: ignore[arg-type]
    messages.success(request, "New recovery codes made. The old ones no longer work.")
    return redirect("two_factor_recovery_codes")


@login_required
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    try:
        two_factor.turn_off(request.user)  # type: ignore[arg-type]
    except PermissionError as refused:
        messages.error(request, str(refused))
        return redirect("two_factor_settings")
    messages.success(request, "Two-factor sign-in is off.")
    return redirect("two_factor_settings")
