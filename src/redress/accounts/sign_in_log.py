"""Who signed in, who failed and from where, for administrators (django-axes keeps the logs).

Axes records every sign-in, the single sign-on ones too (Django's user_logged_in signal), and
every failed password; single sign-on's failures are added by redress.accounts.oidc.views.
Which way each came is told by the address it came to."""

from __future__ import annotations

from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.accounts.models import Role
from redress.cases.permissions import role_of

PER_PAGE = 50


@login_required
def sign_in_log(request: HttpRequest) -> HttpResponse:
    if role_of(request.user) != Role.ADMINISTRATOR:
        return render(
            request,
            "staff/forbidden.html",
            {"message": "Only administrators can see the sign-in log."},
            status=403,
        )
    sign_ins = Paginator(AccessLog.objects.order_by("-attempt_time", "-id"), PER_PAGE)
    failures = Paginator(AccessFailureLog.objects.order_by("-attempt_time", "-id"), PER_PAGE)
    context = {
        "sign_ins": sign_ins.get_page(request.GET.get("page")),
        "failures": failures.get_page(request.GET.get("failures_page")),
        "single_sign_on_path": reverse("oidc_callback"),
    }
    return render(request, "accounts/sign_in_log.html", context)
