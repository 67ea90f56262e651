"""Following a case: ask for a link by email, spend it, and see the progress page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.cases.selectors import stages_of
from redress.portal.forms import LookupForm
from redress.portal.selectors import letters_sent, promises, sent_responses
from redress.portal.services.next_stage import next_stage_open_to
from redress.portal.services.progress_links import (
    progress_link_is_live,
    progress_link_request,
    progress_link_use,
)
from redress.portal.services.survey import survey_open_to
from redress.portal.views.common import GET_POST, case_for, grant, limited


@GET_POST
def progress_lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm()
    status = 200
    if request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            if form.cleaned_data.get("website"):
                form.add_error(None, "Your request could not be sent. Try again")
                status = 400
            elif message := limited(request, "lookup"):
                form.add_error(None, message)
                status = 429
            else:
                progress_link_request(
                    reference=form.cleaned_data["reference"], email=form.cleaned_data["email"]
                )
                return redirect("portal:progress_sent")
        else:
            status = 400
    return render(request, "portal/progress_lookup.html", {"form": form}, status=status)


def progress_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/progress_sent.html", {"minutes": settings.PORTAL_LINK_MINUTES})


@GET_POST
def progress_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST spends the link, so mail scanners that fetch links
    cannot use it up."""
    if request.method == "POST":
        case = progress_link_use(token=token)
        if case is not None:
            grant(request, case)
            return redirect("portal:progress", case.reference)
    elif progress_link_is_live(token=token):
        return render(request, "portal/progress_link.html", {})
    return render(request, "portal/progress_link_dead.html", {}, status=410)


def progress(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for(request, reference)
    stages = stages_of(case)
    return render(
        request,
        "portal/progress.html",
        {
            "case": case,
            "stages": stages,
            "responses": sent_responses(case, stages),
            "letters": letters_sent(case),
            "promises": promises(case),
            "next_stage": next_stage_open_to(case),
            "survey_open": survey_open_to(case),
        },
    )
