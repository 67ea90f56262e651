"""Redacting a passage from the case page: choose the text, paste the passage, say why."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.cases.permissions import Action, can
from redress.core.errors import RedressError
from redress.disclosure.forms import RedactForm
from redress.disclosure.items import text_items
from redress.disclosure.redaction import redact
from redress.staff.views.common import add_service_error, forbidden, visible_case


@login_required
def redact_passage(request: HttpRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)
    if not can(request.user, Action.REDACT, case):
        return forbidden(request, f"You do not have permission to redact text on {reference}.")
    items = text_items(case)
    choices = [(item.key, item.label) for item in items]
    status = 200
    if request.method == "POST":
        form = RedactForm(request.POST, choices=choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    redact(
                        case=case,
                        by=request.user,
                        item=data["item"],
                        passage=data["passage"],
                        reason=data["reason"],
                    )
            except RedressError as error:
                add_service_error(form, error)
            else:
                messages.success(request, f"{case.reference}: passage redacted.")
                return redirect("staff:case", reference=case.reference)
        status = 400
    else:
        form = RedactForm(choices=choices)
    context = {"case": case, "form": form, "items": items}
    return render(request, "disclosure/redact.html", context, status=status)
