"""The satisfaction survey, once a case is closed: from the progress page, or from the link
in the invitation, which opens the survey and nothing else of the case."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.cases.models import Case
from redress.core.errors import TransitionNotAllowed
from redress.portal.forms import SurveyForm
from redress.portal.models import Satisfaction
from redress.portal.services.survey import survey_answer, survey_open_to
from redress.portal.services.survey_invitations import invitation_for
from redress.portal.views.common import GET_POST, case_for, granted, limited

SURVEY_KEY = "portal_survey"


def survey_link(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation's link. Opening it spends nothing, so a mail scanner that fetches it
    does no harm; it lets this browser answer the survey for a while."""
    if message := limited(request, "lookup"):
        return render(request, "portal/survey_link_dead.html", {"message": message}, status=429)
    invitation = invitation_for(token)
    if invitation is None:
        return render(request, "portal/survey_link_dead.html", {}, status=410)
    access = dict(request.session.get(SURVEY_KEY, {}))
    access[invitation.case.reference] = time.time() + settings.PORTAL_ACCESS_MINUTES * 60
    request.session[SURVEY_KEY] = access
    return redirect("portal:survey", invitation.case.reference)


def _case_for_survey(request: HttpRequest, reference: str) -> tuple[Case, bool]:
    """The case, and whether this browser may see its progress page too (else only the
    survey, from the invitation's link); 404 if neither."""
    if granted(request, reference):
        return case_for(request, reference), True
    return case_for(request, reference, key=SURVEY_KEY), False


@GET_POST
def survey(request: HttpRequest, reference: str) -> HttpResponse:
    case, follows = _case_for_survey(request, reference)
    context = {"case": case, "follows": follows}
    if not survey_open_to(case):
        return render(request, "portal/survey_closed.html", context, status=400)
    form = SurveyForm()
    status = 200
    if request.method == "POST":
        form = SurveyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                survey_answer(
                    case=case,
                    handling=data["handling"],
                    outcome=data["outcome"],
                    easy_to_contact=data["easy_to_contact"] == "yes",
                    comments=data["comments"],
                )
            except TransitionNotAllowed as exc:
                form.add_error(None, exc.message)
            else:
                return render(request, "portal/survey_thanks.html", context)
        status = 400
    return render(
        request,
        "portal/survey.html",
        {**context, "form": form, "choices": Satisfaction.choices},
        status=status,
    )
