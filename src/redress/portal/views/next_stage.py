"""Asking for the next stage of a complaint, from the progress page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from redress.core.errors import InvalidInput, TransitionNotAllowed
from redress.portal.services.next_stage import next_stage_open_to, next_stage_request
from redress.portal.views.common import GET_POST, case_for


@GET_POST
def next_stage(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for(request, reference)
    offer = next_stage_open_to(case)
    error = ""
    if request.method == "POST" and offer is not None:
        try:
            next_stage_request(case=case)
        except (TransitionNotAllowed, InvalidInput) as exc:
            error = exc.message
        else:
            return redirect(reverse("portal:progress", args=[case.reference]) + "?asked=1")
    if offer is None:
        error = error or "You cannot ask for the next stage of this case now."
    return render(
        request,
        "portal/next_stage.html",
        {"case": case, "offer": offer, "error": error},
        status=400 if error else 200,
    )
