"""What every staff view shares: finding a visible case, refusing clearly, and turning the
service layer's errors into form errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from redress.accounts.models import User
from redress.cases.models import Case
from redress.cases.selectors import case_detail
from redress.core.errors import InvalidInput, RedressError

# Service field names that differ from the form's.
FIELD_ALIASES = {
    "by": "amount",
    "by.amount": "amount",
    "by.unit": "unit",
    "until": "amount",
    "person.name": "person_name",
    "person.email": "person_email",
    "person.phone": "person_phone",
    "received_at": "received_on",
    "detail": "detail",
}


class SignedInRequest(HttpRequest):
    """For annotations only: a request to a view behind login_required, whose user is
    therefore a signed-in User rather than AnonymousUser."""

    user: User


def visible_case(request: HttpRequest, reference: str) -> Case:
    """The case if the user may see it; otherwise 404, so its existence is not revealed."""
    case = case_detail(request.user, reference)
    if case is None:
        raise Http404("No case with that reference that you can see")
    return case


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "staff/forbidden.html", {"message": message}, status=403)


def add_service_error(
    form: forms.BaseForm, error: RedressError, aliases: dict[str, str] | None = None
) -> None:
    """Show the service's error on the field it names, or at the top of the form."""
    names = {**FIELD_ALIASES, **(aliases or {})}
    if isinstance(error, InvalidInput) and error.field_errors:
        for field, messages in error.field_errors.items():
            target = names.get(field, field)
            for message in messages:
                form.add_error(target if target in form.fields else None, message)
        return
    form.add_error(None, error.message)


def submit(
    form: forms.BaseForm,
    perform: Callable[[dict[str, Any]], str],
    aliases: dict[str, str] | None = None,
) -> str | None:
    """Check the form's shape, then run ``perform`` (the service call) with what it cleaned,
    in one transaction. Its message when it succeeds; None when the form or the service's
    rules refused it, each refusal shown on the field it names, what was typed kept."""
    if not form.is_valid():
        return None
    try:
        with transaction.atomic():
            return perform(form.cleaned_data)
    except RedressError as error:
        add_service_error(form, error, aliases)
        return None


def expected_version(form: forms.Form) -> int | None:
    value: Any = form.cleaned_data.get("expected_version")
    return int(value) if value is not None else None
