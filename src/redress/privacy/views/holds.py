"""Placing and lifting a legal hold, from the case page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.core.errors import RedressError
from redress.privacy.forms import ReasonForm
from redress.privacy.holds import active_hold, legal_hold_lift, legal_hold_place
from redress.privacy.views.common import refuse_unless_allowed
from redress.staff.views.common import add_service_error, visible_case


@login_required
def legal_hold(request: HttpRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)
    refused = refuse_unless_allowed(request)
    if refused:
        return refused
    hold = active_hold(case)
    hint = (
        "Why the hold can end: the claim settled, the investigation closed."
        if hold
        else "For example, a claim, an Ombudsman investigation or an inquiry that needs the case."
    )
    form = ReasonForm(request.POST or None, hint=hint)
    if request.method == "POST" and form.is_valid():
        try:
            change = legal_hold_lift if hold else legal_hold_place
            change(case=case, by=request.user, reason=form.cleaned_data["reason"])
        except RedressError as error:
            add_service_error(form, error)
        else:
            done = "Legal hold lifted" if hold else "Legal hold placed"
            messages.success(request, f"{case.reference}: {done}.")
            return redirect("staff:case", reference=case.reference)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "hold": hold, "form": form}
    return render(request, "privacy/legal_hold.html", context, status=status)
