"""The procedure pages linked from the case page: moving a case to another procedure, and
recording what the statutory procedures ask for (steps, people, the agreed date)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from redress.cases.models import Case, StagePerson
from redress.cases.permissions import Action, can
from redress.cases.services.procedure_move import case_move_procedure
from redress.cases.services.statutory import (
    stage_agree_response,
    stage_delay_explained,
    stage_people_record,
    stage_step_record,
)
from redress.core import clock
from redress.core.dates import long_date
from redress.core.errors import RedressError
from redress.procedures.definitions import STAGE_PEOPLE, StageDefinition
from redress.procedures.services import definition_of
from redress.staff.forms.common import CaseActionForm
from redress.staff.forms.procedure import (
    AgreedDateForm,
    DelayLetterForm,
    MoveProcedureForm,
    StagePeopleForm,
    StepDoneForm,
)
from redress.staff.views.common import (
    SignedInRequest,
    add_service_error,
    expected_version,
    forbidden,
    visible_case,
)


@login_required
def move_procedure(request: SignedInRequest, reference: str) -> HttpResponse:
    case = visible_case(request, reference)
    if not can(request.user, Action.CHANGE_PROCEDURE, case):
        return forbidden(
            request, f"You do not have permission to move {case.reference} to another procedure."
        )
    kwargs = {"case": case, "user": request.user}
    if request.method == "POST":
        form = MoveProcedureForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                moved = case_move_procedure(
                    case=case,
                    by=request.user,
                    procedure=form.cleaned_data["procedure"],
                    reason=form.cleaned_data["reason"],
                    expected_version=expected_version(form),
                )
            except RedressError as error:
                add_service_error(form, error)
            else:
                stage = moved.current_stage
                due = stage.effective_response_due if stage is not None else None
                messages.success(
                    request,
                    f"{case.reference} moved to {form.cleaned_data['procedure'].name}"
                    + (f"; respond by {long_date(due)}." if due else "."),
                )
                return redirect("staff:case", reference=case.reference)
        status = 400
    else:
        form = MoveProcedureForm(initial={"expected_version": case.version}, **kwargs)
        status = 200
    context = {
        "case": case,
        "form": form,
        "current": definition_of(case.procedure_version),
    }
    return render(request, "staff/procedure_move.html", context, status=status)


# --- the statutory procedures' steps, people and agreed date ----------------------------------


@dataclass(frozen=True)
class PageText:
    """The words of a recording page (the shape staff/action.html reads)."""

    title: str
    button: str
    intro: str = ""
    warning: bool = False


def _recording_page(
    request: SignedInRequest,
    reference: str,
    *,
    text: Callable[[Case, StageDefinition], PageText],
    form_class: type[CaseActionForm],
    perform: Callable[[Case, dict[str, Any], int | None], str],
    form_kwargs: Callable[[Case, StageDefinition], dict[str, Any]] | None = None,
    initial: Callable[[Case], dict[str, Any]] | None = None,
) -> HttpResponse:
    """A page that records one statutory thing on the case's current stage."""
    case = visible_case(request, reference)
    if not can(request.user, Action.RECORD_STEP, case) or case.current_stage is None:
        return forbidden(request, f"You cannot record this on {case.reference}.")
    stage_def = definition_of(case.procedure_version).stage(case.current_stage.key)
    kwargs = {
        "case": case,
        "user": request.user,
        **(form_kwargs(case, stage_def) if form_kwargs else {}),
    }
    if request.method == "POST":
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            try:
                done = perform(case, form.cleaned_data, expected_version(form))
            except RedressError as error:
                add_service_error(form, error)
            else:
                messages.success(request, f"{case.reference}: {done}.")
                return redirect("staff:case", reference=case.reference)
        status = 400
    else:
        start = {"expected_version": case.version, **(initial(case) if initial else {})}
        form = form_class(initial=start, **kwargs)
        status = 200
    context = {"case": case, "form": form, "spec": text(case, stage_def)}
    return render(request, "staff/action.html", context, status=status)


def _stage_name(case: Case) -> str:
    return case.current_stage.name if case.current_stage is not None else ""


@login_required
def stage_people(request: SignedInRequest, reference: str) -> HttpResponse:
    def roles(case: Case, stage_def: StageDefinition) -> dict[str, Any]:
        return {"roles": [(role, STAGE_PEOPLE[role]) for role in stage_def.people]}

    def current(case: Case) -> dict[str, Any]:
        return dict(
            StagePerson.objects.filter(stage=case.current_stage).values_list("role", "name")
        )

    def perform(case: Case, data: dict[str, Any], version: int | None) -> str:
        people = {k: v for k, v in data.items() if k in STAGE_PEOPLE}
        stage_people_record(case=case, by=request.user, people=people, expected_version=version)
        return "people recorded"

    return _recording_page(
        request,
        reference,
        text=lambda case, _d: PageText(
            title=f"Who is looking into {_stage_name(case).split(':')[0].lower()}",
            button="Save the names",
            intro="The regulations ask for an investigating officer and an independent person, "
            "who is not employed by the council, to look into the complaint together.",
        ),
        form_class=StagePeopleForm,
        perform=perform,
        form_kwargs=roles,
        initial=current,
    )


@login_required
def stage_step(request: SignedInRequest, reference: str, key: str) -> HttpResponse:
    def perform(case: Case, data: dict[str, Any], version: int | None) -> str:
        stage_step_record(
            case=case, by=request.user, key=key, on=data["on"], expected_version=version
        )
        return "step recorded"

    def text(case: Case, stage_def: StageDefinition) -> PageText:
        step = next((s for s in stage_def.steps if s.key == key and not s.answers), None)
        if step is None:
            raise Http404("No such step")
        return PageText(title=f"Record: {step.name.lower()}", button="Record the date")

    return _recording_page(
        request,
        reference,
        text=text,
        form_class=StepDoneForm,
        perform=perform,
        initial=lambda case: {"on": clock.today()},
    )


@login_required
def agreed_date(request: SignedInRequest, reference: str) -> HttpResponse:
    def perform(case: Case, data: dict[str, Any], version: int | None) -> str:
        stage_agree_response(
            case=case, by=request.user, respond_by=data["respond_by"], expected_version=version
        )
        return f"response date agreed: {long_date(data['respond_by'])}"

    return _recording_page(
        request,
        reference,
        text=lambda case, _d: PageText(
            title="Record the response date agreed with the person",
            button="Save the agreed date",
            intro="The regulations ask you to agree with the person how the complaint will be "
            "handled and when they can expect the response. Without an agreement, the response "
            "is due 6 months after the complaint was received.",
        ),
        form_class=AgreedDateForm,
        perform=perform,
        initial=lambda case: {"respond_by": case.current_stage.effective_response_due},
    )


@login_required
def delay_letter(request: SignedInRequest, reference: str) -> HttpResponse:
    def perform(case: Case, data: dict[str, Any], version: int | None) -> str:
        stage_delay_explained(case=case, by=request.user, on=data["on"], expected_version=version)
        return "letter explaining the delay recorded"

    return _recording_page(
        request,
        reference,
        text=lambda case, _d: PageText(
            title="Record the letter explaining the delay",
            button="Record the letter",
            intro="Write to the person explaining why the response is late and when they can "
            "expect it. Record here the day the letter or email was sent.",
        ),
        form_class=DelayLetterForm,
        perform=perform,
        initial=lambda case: {"on": clock.today()},
    )
