"""Moving a case to another procedure, from its own page linked from the case page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from redress.cases.permissions import Action, can
from redress.cases.services.procedure_move import case_move_procedure, long_date
from redress.core.errors import RedressError
from redress.procedures.services import definition_of
from redress.staff.forms.procedure import MoveProcedureForm
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
