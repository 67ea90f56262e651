"""The satisfaction survey, once a case is closed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from redress.core.errors import TransitionNotAllowed
from redress.portal.forms import SurveyForm
from redress.portal.models import Satisfaction
from redress.portal.services.survey import survey_answer, survey_open_to
from redress.portal.views.common import GET_POST, case_for


@GET_POST
def survey(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for(request, reference)
    if not survey_open_to(case):
        return render(request, "portal/survey_closed.html", {"case": case}, status=400)
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
                return render(request, "portal/survey_thanks.html", {"case": case})
        status = 400
    return render(
        request,
        "portal/survey.html",
        {"case": case, "form": form, "choices": Satisfaction.choices},
        status=status,
    )
