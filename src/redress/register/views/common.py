"""What every register page shares: "not found" for anyone outside the governance group, the
entry read (and logged) once per page, and the GET-or-POST loop of the action forms."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.core.errors import RedressError
from redress.register.models import ReadVia, RegisterEntry
from redress.register.selectors import is_member, read_entry
from redress.staff.views.common import add_service_error

NOT_FOUND = "Page not found"


def require_member(request: HttpRequest) -> None:
    """Anyone outside the group is told the page is not there, as for an unknown address, so
    the register does not even show that it exists."""
    if not is_member(request.user):
        raise Http404(NOT_FOUND)


def members_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Put under ``login_required`` and above any method check, so that anyone outside the
    group gets "not found" whatever they send, never "method not allowed"."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require_member(request)
        return view(request, *args, **kwargs)

    return wrapped


def entry_or_404(request: HttpRequest, pk: int, via: str = ReadVia.PAGE) -> RegisterEntry:
    require_member(request)
    entry = read_entry(request.user, pk, via)
    if entry is None:
        raise Http404(NOT_FOUND)
    return entry


def form_page(
    request: HttpRequest,
    *,
    form: Callable[..., forms.Form],
    perform: Callable[[dict[str, Any]], str],
    context: dict[str, Any],
    done_url: str,
    initial: dict[str, Any] | None = None,
    aliases: dict[str, str] | None = None,
    template: str = "register/form.html",
) -> HttpResponse:
    """Show the form; on POST check its shape, then the service's rules, and either go back
    to ``done_url`` with a success banner or show each problem on its field."""
    status = 200
    if request.method == "POST":
        bound = form(request.POST)
        if bound.is_valid():
            try:
                with transaction.atomic():
                    done = perform(bound.cleaned_data)
            except RedressError as error:
                add_service_error(bound, error, aliases)
            else:
                messages.success(request, done)
                return redirect(done_url)
        status = 400
    else:
        bound = form(initial=initial or {})
    return render(request, template, {**context, "form": bound}, status=status)
