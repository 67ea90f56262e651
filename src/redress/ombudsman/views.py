"""Ombudsman casework pages: one GOV.UK form per action, like the staff case actions, and a
queue of the Ombudsman's requests still to answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from redress.cases.models import Case
from redress.cases.permissions import OFFICE_ROLES, role_of
from redress.cases.visibility import ombudsman_requests_visible_to
from redress.core import clock
from redress.core.errors import RedressError
from redress.ombudsman import forms as ombudsman_forms
from redress.ombudsman import services
from redress.ombudsman.models import OmbudsmanCase, OmbudsmanRecommendation, OmbudsmanRequest
from redress.staff.views.common import add_service_error, forbidden, visible_case

Perform = Callable[[Any, Case, OmbudsmanCase | None, Any, dict[str, Any]], str]


@dataclass(frozen=True)
class OmbudsmanAction:
    title: str
    button: str
    form: type[ombudsman_forms.OmbudsmanForm]
    perform: Perform
    # None: done before there is an Ombudsman case (refer); otherwise the item the action is
    # on: the Ombudsman case itself, one of its requests, or one of its recommendations.
    item: type[Model] | None = OmbudsmanCase
    intro: str = ""
    warning: bool = False


def _refer(by: Any, case: Case, _: OmbudsmanCase | None, __: Any, data: dict[str, Any]) -> str:
    found = services.ombudsman_refer(
        case=case,
        by=by,
        body=data["body"],
        reference=data["reference"],
        notified_on=data["notified_on"],
    )
    return f"Recorded as with the {found.get_body_display()}"


def _request(by: Any, _: Case, ombudsman_case: Any, __: Any, data: dict[str, Any]) -> str:
    services.ombudsman_request_add(
        ombudsman_case=ombudsman_case,
        by=by,
        kind=data["kind"],
        description=data["description"],
        received_on=data["received_on"],
        due_on=data["due_on"],
    )
    return "Ombudsman's request recorded"


def _answer(by: Any, _: Case, __: Any, item: Any, data: dict[str, Any]) -> str:
    services.ombudsman_request_answer(ombudsman_request=item, by=by, on=data["on"])
    return "Ombudsman's request recorded as answered"


def _decide(by: Any, _: Case, ombudsman_case: Any, __: Any, data: dict[str, Any]) -> str:
    services.ombudsman_decide(
        ombudsman_case=ombudsman_case,
        by=by,
        decision=data["decision"],
        on=data["decided_on"],
        remedy_already_provided=data["remedy_already_provided"],
    )
    return "Ombudsman's decision recorded"


def _recommend(by: Any, _: Case, ombudsman_case: Any, __: Any, data: dict[str, Any]) -> str:
    services.ombudsman_recommendation_add(
        ombudsman_case=ombudsman_case,
        by=by,
        kind=data["kind"],
        description=data["description"],
        due_on=data["due_on"],
    )
    return "Ombudsman's recommendation recorded"


def _complete(by: Any, _: Case, __: Any, item: Any, data: dict[str, Any]) -> str:
    services.ombudsman_recommendation_complete(
        recommendation=item, by=by, on=data["on"], evidence=data["evidence"]
    )
    return "Recommendation recorded as done"


ACTIONS: dict[str, OmbudsmanAction] = {
    "refer": OmbudsmanAction(
        "Record a complaint to the Ombudsman",
        "Record",
        ombudsman_forms.ReferForm,
        _refer,
        item=None,
        intro="Record this when the Ombudsman tells us it is looking at the complaint.",
    ),
    "request": OmbudsmanAction(
        "Record a request from the Ombudsman",
        "Record request",
        ombudsman_forms.RequestForm,
        _request,
        intro="Enquiries, requests for information and draft decisions each have a deadline: "
        "missing one is recorded against us.",
    ),
    "answer": OmbudsmanAction(
        "Record our answer to the Ombudsman",
        "Record answer",
        ombudsman_forms.AnswerForm,
        _answer,
        item=OmbudsmanRequest,
    ),
    "decision": OmbudsmanAction(
        "Record the Ombudsman's decision",
        "Record decision",
        ombudsman_forms.DecisionForm,
        _decide,
        warning=True,
    ),
    "recommendation": OmbudsmanAction(
        "Add an Ombudsman recommendation",
        "Add recommendation",
        ombudsman_forms.RecommendationForm,
        _recommend,
    ),
    "done": OmbudsmanAction(
        "Record a recommendation as done",
        "Record as done",
        ombudsman_forms.CompleteRecommendationForm,
        _complete,
        item=OmbudsmanRecommendation,
    ),
}


def _item(action: OmbudsmanAction, ombudsman_case: OmbudsmanCase | None, pk: int | None) -> Any:
    """What the action is on, or 404: only this case's own requests and recommendations."""
    if action.item is None:
        return None
    if ombudsman_case is None:
        raise Http404("This case has not been taken to the Ombudsman")
    if action.item is OmbudsmanCase:
        return ombudsman_case
    found = action.item._default_manager.filter(ombudsman_case=ombudsman_case, pk=pk).first()
    if found is None:
        raise Http404("Not found on this case")
    return found


def _initial(slug: str, case: Case) -> dict[str, Any]:
    today = clock.today()
    dated = {"refer": "notified_on", "request": "received_on", "answer": "on", "done": "on"}
    initial: dict[str, Any] = {dated[slug]: today} if slug in dated else {}
    if slug == "refer":
        initial["body"] = services.default_body(case.service)
    return initial


@login_required
def ombudsman_action(
    request: HttpRequest, reference: str, slug: str, pk: int | None = None
) -> HttpResponse:
    action = ACTIONS.get(slug)
    if action is None or (pk is None) != (action.item in (None, OmbudsmanCase)):
        raise Http404("No such action")
    case = visible_case(request, reference)
    if not services.can_record(request.user, case):
        return forbidden(
            request, f"You do not have permission to record Ombudsman casework on {reference}."
        )
    ombudsman_case = OmbudsmanCase.objects.filter(case=case).first()
    item = _item(action, ombudsman_case, pk)
    if request.method == "POST":
        form = action.form(request.POST, ombudsman_case=ombudsman_case)
        if form.is_valid():
            try:
                with transaction.atomic():
                    done = action.perform(
                        request.user, case, ombudsman_case, item, form.cleaned_data
                    )
            except RedressError as error:
                add_service_error(form, error)
            else:
                messages.success(request, f"{case.reference}: {done}.")
                return redirect("staff:case", reference=case.reference)
        status = 400
    else:
        form = action.form(initial=_initial(slug, case), ombudsman_case=ombudsman_case)
        status = 200
    context = {"case": case, "form": form, "spec": action, "item": item, "multipart": False}
    return render(request, "ombudsman/action.html", context, status=status)


@require_GET
@login_required
def request_queue(request: HttpRequest) -> HttpResponse:
    """The Ombudsman's requests still to answer, the earliest due first (so overdue first),
    on the cases this person may see."""
    if role_of(request.user) not in OFFICE_ROLES:
        return forbidden(request, "The Ombudsman queue is for the complaints team.")
    waiting = (
        ombudsman_requests_visible_to(request.user)
        .filter(answered_on__isnull=True)
        .select_related("ombudsman_case__case")
        .order_by("due_on", "id")[:500]
    )
    return render(
        request,
        "ombudsman/queue.html",
        {"waiting": waiting, "today": clock.today()},
    )
